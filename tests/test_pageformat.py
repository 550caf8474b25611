"""The plain-text page format, read and written without a database."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.importing.pageformat import (
    PageFormatError,
    ParsedPage,
    ParsedSection,
    RelatedEntry,
    decode_page_bytes,
    looks_like_heading,
    parse_page,
    write_page,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

LONG_PARAGRAPH = (
    "The projectionist threads the reel by touch, because the booth light died in March. "
    "Nobody in the village thinks this remarkable. They come for the film and stay for the "
    "argument afterwards, which lasts longer than the film and ends, as always, unresolved."
)
OTHER_PARAGRAPH = (
    "Subsidies arrived late and left early. What remained was a habit of sharing lenses, "
    "vans and favours, and a conviction that small crews see more than large ones."
)


def page(*body, header=("A title", "A standfirst in one line.", "March 4, 2024")):
    return "\n".join([*header, *body]) + "\n"


def parse(text, filename="page.txt"):
    return parse_page(text, filename=filename)


def refusal(text, filename="page.txt"):
    with pytest.raises(PageFormatError) as caught:
        parse_page(text, filename=filename)
    return caught.value


def outline(parsed):
    return [(s.heading, len(s.paragraphs)) for s in parsed.sections]


# --- The seed page -------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages in ../shared/seeds are absent")
def test_seed_page_reads_as_five_sections_twelve_paragraphs_and_twenty_related_entries():
    path = sorted(SEEDS.glob("*.txt"))[0]
    parsed = parse_page(decode_page_bytes(path.read_bytes(), filename=path.name), filename="seed")

    assert parsed.date == date(2025, 7, 23)
    assert len(parsed.sections) == 5
    assert parsed.sections[0].heading == ""
    assert all(section.heading for section in parsed.sections[1:])
    assert parsed.paragraph_count == 12
    assert len(parsed.related) == 20
    body = " ".join(p for s in parsed.sections for p in (s.heading, *s.paragraphs))
    assert "ADVERTISEMENT" not in body
    assert "Facebook X Reddit" not in body


# --- Header --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["July 23, 2025", "23 July 2025", "2025-07-23", "Jul 23, 2025", "july 23 2025"]
)
def test_publication_date_is_read_in_each_accepted_form(written):
    parsed = parse(page(LONG_PARAGRAPH, header=("Title", "Standfirst.", written)))

    assert parsed.date == date(2025, 7, 23)


def test_title_standfirst_and_date_come_from_the_first_three_lines():
    parsed = parse(page(LONG_PARAGRAPH))

    assert (parsed.title, parsed.standfirst, parsed.date) == (
        "A title",
        "A standfirst in one line.",
        date(2024, 3, 4),
    )


def test_share_bar_after_the_date_is_dropped():
    parsed = parse(page("Facebook X Reddit", LONG_PARAGRAPH))

    assert parsed.sections == (ParsedSection("", (LONG_PARAGRAPH,)),)


def test_advertisement_lines_are_dropped_wherever_they_are():
    parsed = parse(page("ADVERTISEMENT", LONG_PARAGRAPH, "ADVERTISEMENT", OTHER_PARAGRAPH))

    assert parsed.sections == (ParsedSection("", (LONG_PARAGRAPH, OTHER_PARAGRAPH)),)


def test_spacing_inside_lines_and_blank_lines_between_them_do_not_matter():
    parsed = parse("  A   title \n\nStandfirst.\n\n4 March 2024\n\n\n  " + LONG_PARAGRAPH + "  \n")

    assert parsed.title == "A title"
    assert parsed.sections[0].paragraphs == (LONG_PARAGRAPH,)


# --- The heading rule ----------------------------------------------------------------------


def test_text_before_the_first_heading_is_a_section_without_heading():
    parsed = parse(page(LONG_PARAGRAPH, "What the booth remembers.", OTHER_PARAGRAPH))

    assert outline(parsed) == [("", 1), ("What the booth remembers.", 1)]


def test_short_paragraph_closing_a_section_stays_a_paragraph():
    parsed = parse(
        page(LONG_PARAGRAPH, "Then the lights went up.", "A school of patience.", OTHER_PARAGRAPH)
    )

    assert outline(parsed) == [("", 2), ("A school of patience.", 1)]
    assert parsed.sections[0].paragraphs[-1] == "Then the lights went up."


def test_short_paragraph_ending_the_essay_stays_a_paragraph():
    parsed = parse(page(LONG_PARAGRAPH, "Heading here.", OTHER_PARAGRAPH, "That was all."))

    assert outline(parsed) == [("", 1), ("Heading here.", 2)]


def test_long_single_sentence_heading_is_still_a_heading():
    heading = (
        "Cooperatives, travelling projectors and the slow invention of an audience in the "
        "river towns between the two wars"
    )
    assert len(heading.split()) > 15

    parsed = parse(page(LONG_PARAGRAPH, heading, OTHER_PARAGRAPH))

    assert outline(parsed) == [("", 1), (heading, 1)]


def test_of_two_short_lines_before_a_paragraph_only_the_second_is_the_heading():
    parsed = parse(page(LONG_PARAGRAPH, "It never rained.", "Weather as plot.", OTHER_PARAGRAPH))

    assert outline(parsed) == [("", 2), ("Weather as plot.", 1)]


HEADING_OF_25_WORDS = (
    "How travelling projectionists of the river towns carried cinema from village to village "
    "on bicycles, barges and borrowed lorries in the years between the wars"
)


def test_a_25_word_sentence_line_before_a_paragraph_is_a_heading():
    assert len(HEADING_OF_25_WORDS.split()) == 25

    parsed = parse(page(LONG_PARAGRAPH, HEADING_OF_25_WORDS, OTHER_PARAGRAPH))

    assert outline(parsed) == [("", 1), (HEADING_OF_25_WORDS, 1)]


def test_a_26_word_sentence_line_before_a_paragraph_stays_a_paragraph():
    line = HEADING_OF_25_WORDS.replace("How travelling", "How the travelling")
    assert len(line.split()) == 26
    assert len(line) <= 200  # the word limit refuses it, not the character limit

    parsed = parse(page(LONG_PARAGRAPH, line, OTHER_PARAGRAPH))

    assert outline(parsed) == [("", 3)]
    assert parsed.sections[0].paragraphs[1] == line


@pytest.mark.parametrize(
    "line",
    [
        "Did it rain? We filmed anyway.",
        "It rained! We filmed anyway.",
        "It rained\u2026 We filmed anyway.",
        "She said \u201cit rained.\u201d We filmed anyway.",
        "She said \u2018it rained.\u2019 We filmed anyway.",
        'She said "it rained." We filmed anyway.',
        "She said 'it rained.' We filmed anyway.",
    ],
    ids=["?", "!", "ellipsis", "curly-double-quote", "curly-single-quote", "double-quote", "quote"],
)
def test_each_sentence_end_makes_a_line_of_two_sentences_a_paragraph(line):
    parsed = parse(page(LONG_PARAGRAPH, line, OTHER_PARAGRAPH))

    assert outline(parsed) == [("", 3)]
    assert parsed.sections[0].paragraphs[1] == line


@pytest.mark.parametrize(
    "line",
    [
        "D. W. Griffith and the grammar of the close-up.",
        "What did Dr. Caligari teach the set designers?",
        "Locations, e.g. harbours and stations, as characters",
    ],
)
def test_initials_and_abbreviations_do_not_split_a_heading_into_sentences(line):
    assert looks_like_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "It rained. We filmed anyway.",  # two sentences
        "* * *",  # no letters
        LONG_PARAGRAPH,
        " ".join(["word"] * 26),  # too many words
    ],
)
def test_lines_that_are_never_headings(line):
    assert not looks_like_heading(line)


def test_marked_heading_is_a_heading_whatever_its_shape():
    parsed = parse(page(LONG_PARAGRAPH, "## It rained. We filmed anyway.", "Short.", "## Last"))

    assert outline(parsed) == [("", 1), ("It rained. We filmed anyway.", 1), ("Last", 0)]


def test_backslash_keeps_a_heading_shaped_line_a_paragraph():
    parsed = parse(page(LONG_PARAGRAPH, "\\A single line that would pass for a heading.", "More."))

    assert outline(parsed) == [("", 3)]
    assert parsed.sections[0].paragraphs[1] == "A single line that would pass for a heading."


def test_bare_marker_starts_a_section_without_heading():
    parsed = parse(page(LONG_PARAGRAPH, "## Middle", OTHER_PARAGRAPH, "##", LONG_PARAGRAPH))

    assert outline(parsed) == [("", 1), ("Middle", 1), ("", 1)]


# --- Related articles ----------------------------------------------------------------------


def test_related_articles_are_pairs_of_summary_and_date_in_order():
    parsed = parse(
        page(
            LONG_PARAGRAPH,
            "Related Articles",
            "How a harbour town learned to love subtitles.",
            "August 06, 2025",
            "ADVERTISEMENT",
            "The last of the travelling projectionists.",
            "1 May 2024",
        )
    )

    assert parsed.related == (
        RelatedEntry("How a harbour town learned to love subtitles.", date(2025, 8, 6)),
        RelatedEntry("The last of the travelling projectionists.", date(2024, 5, 1)),
    )
    assert outline(parsed) == [("", 1)]


# --- Front matter --------------------------------------------------------------------------


def test_front_matter_gives_slug_category_status_authors_and_tags():
    text = (
        "---\nslug: harbour-cinema\ncategory: Festivals\nstatus: Published\n"
        "authors: Ilse Marrow, Teo Bramble\ntags: ports, subtitles, Ports\n---\n"
        + page(LONG_PARAGRAPH)
    )

    parsed = parse(text)

    assert parsed.slug == "harbour-cinema"
    assert parsed.category == "Festivals"
    assert parsed.status == "published"
    assert parsed.authors == ("Ilse Marrow", "Teo Bramble")
    assert parsed.tags == ("ports", "subtitles")  # the same tag twice is one tag
    assert parsed.lines["category"] == 3
    assert parsed.title == "A title"


def test_page_without_front_matter_leaves_slug_category_and_status_to_the_importer():
    parsed = parse(page(LONG_PARAGRAPH))

    assert (parsed.slug, parsed.category, parsed.status, parsed.tags) == ("", "", "", ())


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "the file is empty"),
        ("\n   \n\n", 1, "the file is empty"),
        ("Title\nStandfirst\n", 3, "the publication date is missing"),
        ("Title\n", 2, "the standfirst is missing"),
        ("Title\nStandfirst\nsometime in July\nBody.\n", 3, 'found "sometime in July"'),
        ("Title\nStandfirst\nFebruary 30, 2025\nBody.\n", 3, "is not a real date"),
        ("Title\nStandfirst\n2025-13-01\nBody.\n", 3, "is not a real date"),
        ("Title\nStandfirst\nJuly 1, 0225\nBody.\n", 3, "out of range"),
        ("Title\nStandfirst\nJuly 1, 2025\n", 3, "the page has no body"),
        ("---\nslug: a\ncategory: b\n", 1, "never closed"),
        ("---\ncolour: red\n---\n" + page("Body."), 2, 'unknown front-matter key "colour"'),
        ("---\nslug: a\nslug: b\n---\n" + page("Body."), 3, "slug is given twice"),
        (
            "---\nstatus: live\n---\n" + page("Body."),
            2,
            "status must be one of draft, review, published, unpublished",
        ),
        ("---\nslug: not a slug!\n---\n" + page("Body."), 2, "may hold only letters"),
        ("---\njust words\n---\n" + page("Body."), 2, 'expected "key: value"'),
        ("---\n---\n", 3, "no title"),
        (page("Body.", "Related Articles", "A summary with no date."), 6, "has no date"),
        (page("Body.", "Related Articles", "A summary.", "soon"), 7, "related article's date"),
        ("T" * 256 + "\nStandfirst\n2025-01-01\nBody.\n", 1, "the title is 256 characters"),
        ("Title\nStand\x00first\n2025-01-01\nBody.\n", 2, "NUL character"),
        ("\\\nStandfirst\n2025-01-01\nBody.\n", 1, "the title is empty"),
    ],
)
def test_bad_page_is_refused_naming_file_line_and_reason(text, line, reason):
    error = refusal(text, filename="archive/bad.txt")

    assert (error.filename, error.line) == ("archive/bad.txt", line)
    assert reason in error.reason
    assert str(error) == f"archive/bad.txt:{line}: {error.reason}"


def test_text_that_is_not_utf8_is_refused_at_the_line_of_the_first_bad_byte():
    data = b"Title\nStandfirst\n2025-01-01\n" + "Caf\xe9 society.\n".encode("latin-1")

    with pytest.raises(PageFormatError) as caught:
        decode_page_bytes(data, filename="old.txt")

    assert caught.value.line == 4
    assert str(caught.value).startswith("old.txt:4: the file is not UTF-8 text")


def test_utf16_file_is_refused_with_a_hint():
    with pytest.raises(PageFormatError, match="UTF-16"):
        decode_page_bytes("Title\n".encode("utf-16"), filename="wide.txt")


def test_byte_order_mark_and_crlf_line_endings_are_read_as_plain_text():
    data = b"\xef\xbb\xbf" + page(LONG_PARAGRAPH).replace("\n", "\r\n").encode()

    parsed = parse(decode_page_bytes(data, filename="windows.txt"))

    assert parsed.title == "A title"
    assert parsed.sections[0].paragraphs == (LONG_PARAGRAPH,)


def test_line_numbers_count_crlf_and_cr_line_endings_as_one_line_each():
    with pytest.raises(PageFormatError) as caught:
        decode_page_bytes(b"Title\r\nStandfirst\r2025-01-01\r\n\xff", filename="mixed.txt")

    assert caught.value.line == 4


# --- Writing -------------------------------------------------------------------------------

FULL_PAGE = ParsedPage(
    title="Harbour lights: cinema in the port towns",
    standfirst="How dock workers built the first film societies, and what became of them.",
    date=date(2024, 3, 4),
    sections=(
        ParsedSection("", ("A one-line paragraph that could be a heading.", LONG_PARAGRAPH)),
        ParsedSection("The societies", (OTHER_PARAGRAPH,)),
        ParsedSection("", ("ADVERTISEMENT", "Related Articles", "## not a heading")),
        ParsedSection("An empty section keeps its heading", ()),
        ParsedSection("Coda", ("\\ starts with a backslash.", "Facebook X Reddit")),
    ),
    related=(
        RelatedEntry("Subtitles and their enemies.", date(2023, 12, 1)),
        RelatedEntry("ADVERTISEMENT", date(2023, 1, 2)),
    ),
    slug="harbour-lights",
    category="festivals",
    status="published",
    authors=("Ilse Marrow", "Teo Bramble"),
    tags=("ports", "film societies"),
)


def test_writing_then_parsing_gives_the_same_page():
    assert parse(write_page(FULL_PAGE)) == FULL_PAGE


def test_written_page_marks_headings_and_escapes_lines_that_would_be_misread():
    lines = write_page(FULL_PAGE).splitlines()

    assert lines[:7] == [
        "---",
        "slug: harbour-lights",
        "category: festivals",
        "status: published",
        "authors: Ilse Marrow, Teo Bramble",
        "tags: ports, film societies",
        "---",
    ]
    assert lines[9] == "March 04, 2024"
    assert "## The societies" in lines
    assert "\\A one-line paragraph that could be a heading." in lines
    assert "\\ADVERTISEMENT" in lines
    assert "Related Articles" in lines  # the real one, unescaped


def test_page_without_front_matter_values_is_written_without_front_matter():
    plain = ParsedPage("Title", "Standfirst.", date(2024, 1, 2), (ParsedSection("", ("Body.",)),))

    assert write_page(plain) == "Title\nStandfirst.\nJanuary 02, 2024\nBody.\n"
    assert parse(write_page(plain)) == plain


# --- Properties ----------------------------------------------------------------------------

line_text = (
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=60)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)
names = st.lists(line_text.filter(lambda t: "," not in t and len(t) <= 100), max_size=3)
pages = st.builds(
    ParsedPage,
    title=line_text,
    standfirst=line_text,
    date=st.dates(date(1800, 1, 1), date(2999, 12, 31)),
    sections=st.lists(
        st.builds(
            ParsedSection,
            heading=line_text,
            paragraphs=st.lists(line_text, min_size=1, max_size=4).map(tuple),
        ),
        min_size=1,
        max_size=4,
    ).map(tuple),
    related=st.lists(
        st.builds(RelatedEntry, line_text, st.dates(date(1800, 1, 1), date(2999, 12, 31))),
        max_size=3,
    ).map(tuple),
    slug=st.from_regex(r"[a-z0-9][-a-z0-9]{0,30}", fullmatch=True) | st.just(""),
    category=line_text.filter(lambda t: len(t) <= 100) | st.just(""),
    status=st.sampled_from(["", "draft", "published"]),
    authors=names.map(lambda xs: tuple({x.casefold(): x for x in reversed(xs)}.values())[::-1]),
    tags=names.map(lambda xs: tuple({x.casefold(): x for x in reversed(xs)}.values())[::-1]),
)


@given(pages)
def test_any_page_survives_writing_and_parsing(original):
    assert parse(write_page(original)) == original


@given(st.text())
def test_any_text_parses_or_is_refused_with_a_page_format_error(text):
    try:
        parse(text)
    except PageFormatError as error:
        assert str(error).startswith("page.txt:")
        assert error.reason


@given(st.binary())
def test_any_bytes_decode_or_are_refused_with_a_page_format_error(data):
    try:
        decode_page_bytes(data, filename="blob.txt")
    except PageFormatError as error:
        assert error.line >= 1
