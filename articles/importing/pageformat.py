"""
The plain-text page format of the archives we import, parsed and written as pure
functions over text: no Django, no database. docs/importing.md describes the format for
editors; the short version:

    ---                          optional front matter: slug, category, tags, authors,
    category: Festivals          status (tags and authors are comma lists)
    ---
    Title                        one line
    Standfirst                   one line
    July 23, 2025                also "23 July 2025" and "2025-07-23"
    Facebook X Reddit            share bar, dropped
    A paragraph per line.        the text before the first heading is an unheaded section
    A short heading.             see `looks_like_heading` for the rule
    ## An explicit heading       always a heading (what export writes)
    \\A literal paragraph        a leading backslash: never a heading or a marker
    ADVERTISEMENT                dropped
    Related Articles
    A summary of another essay   then pairs of lines: summary, date
    July 29, 2025

Every refusal is a `PageFormatError` naming the file, the line and the reason.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_NUMBERS = {name.casefold(): n for n, name in enumerate(MONTHS, start=1)}
MONTH_NUMBERS.update({name[:3].casefold(): n for n, name in enumerate(MONTHS, start=1)})
MONTH_NUMBERS["sept"] = 9

MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DATE_EXAMPLES = '"July 23, 2025", "23 July 2025" or "2025-07-23"'
# A plausibility window: catches typed years such as "0225" and keeps date arithmetic
# in the database far from the calendar's edges.
FIRST_YEAR, LAST_YEAR = 1800, 2999

FRONT_MATTER_FENCE = "---"
FRONT_MATTER_KEYS = ("slug", "category", "status", "authors", "tags")
STATUSES = ("draft", "review", "published", "unpublished")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

ADVERTISEMENT = "advertisement"
RELATED_ARTICLES = "related articles"
SHARE_NETWORKS = frozenset(
    ("facebook", "x", "twitter", "reddit", "linkedin", "whatsapp", "email", "e-mail",
     "pinterest", "telegram", "share")
)  # fmt: skip
HEADING_MARKER = re.compile(r"##(?:\s|$)")
LITERAL_MARK = "\\"

# The heading rule (see `looks_like_heading`).
MAX_HEADING_WORDS = 25
MAX_HEADING_CHARS = 200
# End of sentence, closing quotes or brackets, space, more text: "... here.” Then ..."
SENTENCE_BREAK = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+(?=\S)")
ABBREVIATIONS = frozenset(
    ("dr", "mr", "mrs", "ms", "mme", "mlle", "st", "mt", "ft", "jr", "sr", "prof", "vs",
     "no", "vol", "ch", "cf", "ca", "etc", "e.g", "i.e")
)  # fmt: skip
OPENING_QUOTES = "\"'\u201c\u2018(\u00ab"

# Column sizes of the models the importer fills; refusing here names the line.
MAX_TITLE_CHARS = 255
MAX_SLUG_CHARS = 255
MAX_SECTION_HEADING_CHARS = 300
MAX_CATEGORY_CHARS = 100
MAX_TAG_CHARS = 100
MAX_AUTHOR_CHARS = 150


class PageFormatError(ValueError):
    """A page that cannot be read; str() is "FILE:LINE: reason", as compilers write it."""

    def __init__(self, filename, line, reason):
        self.filename = filename
        self.line = line
        self.reason = reason
        super().__init__(f"{filename}:{line}: {reason}")


@dataclass(frozen=True)
class ParsedSection:
    heading: str
    paragraphs: tuple[str, ...]
    # The line the section starts on (its heading, or its first paragraph).
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class RelatedEntry:
    """A related essay as the page names it: by its summary (standfirst) and date."""

    summary: str
    date: date
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ParsedPage:
    title: str
    standfirst: str
    date: date
    sections: tuple[ParsedSection, ...]
    related: tuple[RelatedEntry, ...] = ()
    # Front matter; empty when the page does not give it.
    slug: str = ""
    category: str = ""
    status: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # Where things were found, so the importer's own refusals can name the line.
    filename: str = field(default="", compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def paragraph_count(self):
        return sum(len(section.paragraphs) for section in self.sections)


# --- Reading ------------------------------------------------------------------------------


def decode_page_bytes(data, *, filename):
    """
    A page file's text: UTF-8 (a byte-order mark is dropped), line endings made "\\n".
    Anything else is refused with the line of the first byte that is not UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageFormatError(filename, 1, "the file is UTF-16 text; save it as UTF-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = len(re.findall(rb"\r\n|\r|\n", data[: error.start])) + 1
        raise PageFormatError(
            filename,
            line,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read); "
            "save it as UTF-8",
        ) from None
    return normalise_newlines(text)


def normalise_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text):
    """One line of text with runs of whitespace made single spaces: how fields are stored."""
    return " ".join(text.split())


def parse_page(text, *, filename):
    """Parse one page; raises PageFormatError naming the line when the page is not valid."""
    text = normalise_newlines(text.removeprefix("\ufeff"))
    _refuse_binary(text, filename)
    if not text.strip():
        raise PageFormatError(filename, 1, "the file is empty")
    raw_lines = text.split("\n")
    front, line_of, first_content = _read_front_matter(raw_lines, filename)
    # (line number, text) of every non-blank line after the front matter.
    content = [
        (number, clean_text(raw))
        for number, raw in enumerate(raw_lines[first_content:], start=first_content + 1)
        if raw.strip()
    ]
    if not content:
        raise PageFormatError(
            filename, first_content + 1, "the page has no title after the front matter"
        )
    (title_line, title), *rest = content
    title = _required(_unescape(title), "the title", filename, title_line)
    _refuse_too_long(title, MAX_TITLE_CHARS, "the title", filename, title_line)
    if not rest:
        raise PageFormatError(
            filename, title_line + 1, "the file ends after the title; the standfirst is missing"
        )
    (standfirst_line, standfirst), *rest = rest
    standfirst = _required(_unescape(standfirst), "the standfirst", filename, standfirst_line)
    if not rest:
        raise PageFormatError(
            filename,
            standfirst_line + 1,
            f"the file ends after the standfirst; the publication date is missing "
            f"(write it as {DATE_EXAMPLES})",
        )
    (date_line, date_text), *rest = rest
    published = _parse_date(date_text, filename, date_line, what="the publication date")
    if rest and is_share_bar(rest[0][1]):
        rest = rest[1:]

    body, related_lines = _split_related(rest)
    sections = _sections(body, filename)
    if not sections:
        raise PageFormatError(
            filename, date_line, "the page has no body: no paragraph follows the date"
        )
    return ParsedPage(
        title=title,
        standfirst=standfirst,
        date=published,
        sections=sections,
        related=_related_entries(related_lines, filename),
        filename=filename,
        lines={"title": title_line, "standfirst": standfirst_line, "date": date_line, **line_of},
        **front,
    )


def _refuse_binary(text, filename):
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise PageFormatError(
            filename, line, "the file contains a NUL character; it is not a text page"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise PageFormatError(filename, line, "the text contains an invalid character") from None


def _required(text, what, filename, line):
    if not text:
        raise PageFormatError(filename, line, f"{what} is empty")
    return text


def _refuse_too_long(text, limit, what, filename, line):
    if len(text) > limit:
        raise PageFormatError(
            filename, line, f"{what} is {len(text)} characters long; at most {limit} fit"
        )


def _read_front_matter(raw_lines, filename):
    """(values, line of each key, index of the first line after the block)."""
    if raw_lines[0].strip() != FRONT_MATTER_FENCE:
        return {}, {}, 0
    closing = next(
        (i for i in range(1, len(raw_lines)) if raw_lines[i].strip() == FRONT_MATTER_FENCE), None
    )
    if closing is None:
        raise PageFormatError(
            filename, 1, 'the front matter opened on this line is never closed by a "---" line'
        )
    values, line_of = {}, {}
    for index in range(1, closing):
        number, raw = index + 1, raw_lines[index].strip()
        if not raw:
            continue
        key, colon, value = raw.partition(":")
        key, value = key.strip().lower(), clean_text(value)
        if not colon:
            raise PageFormatError(
                filename,
                number,
                f'expected "key: value" in the front matter; found {_quote(raw)}',
            )
        if key not in FRONT_MATTER_KEYS:
            raise PageFormatError(
                filename,
                number,
                f"unknown front-matter key {_quote(key)}; "
                f"the keys are {', '.join(FRONT_MATTER_KEYS)}",
            )
        if key in line_of:
            raise PageFormatError(
                filename, number, f"{key} is given twice (first on line {line_of[key]})"
            )
        line_of[key] = number
        values[key] = _front_matter_value(key, value, filename, number)
    return values, line_of, closing + 1


def _front_matter_value(key, value, filename, line):
    if key == "slug":
        if value and not SLUG.fullmatch(value):
            raise PageFormatError(
                filename,
                line,
                f"the slug {_quote(value)} may hold only letters, digits, hyphens and underscores",
            )
        _refuse_too_long(value, MAX_SLUG_CHARS, "the slug", filename, line)
        return value
    if key == "category":
        _refuse_too_long(value, MAX_CATEGORY_CHARS, "the category", filename, line)
        return value
    if key == "status":
        status = value.lower()
        if status and status not in STATUSES:
            raise PageFormatError(
                filename,
                line,
                f"status must be one of {', '.join(STATUSES)}, not {_quote(value)}",
            )
        return status
    limit, what = (MAX_TAG_CHARS, "tag") if key == "tags" else (MAX_AUTHOR_CHARS, "author")
    names, seen = [], set()
    for name in (clean_text(part) for part in value.split(",")):
        _refuse_too_long(name, limit, f"the {what} {_quote(name)}", filename, line)
        # Tags are case-insensitive on this site (TAGGIT_CASE_INSENSITIVE); so are names.
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return tuple(names)


def _split_related(lines):
    """The body lines, and the lines after "Related Articles" (None when there is none)."""
    for index, (_, text) in enumerate(lines):
        if text.casefold() == RELATED_ARTICLES:
            return lines[:index], lines[index + 1 :]
    return lines, []


def _sections(body, filename):
    items = [(number, text) for number, text in body if not is_advertisement(text)]
    kinds = _classify(items)
    sections, heading, paragraphs, started, start = [], "", [], False, 0
    for (number, text), kind in zip(items, kinds, strict=True):
        if kind == "paragraph":
            if paragraph := _unescape(text):
                paragraphs.append(paragraph)
                start = start or number
            continue
        if started or paragraphs:
            sections.append(ParsedSection(heading, tuple(paragraphs), line=start))
        heading = HEADING_MARKER.sub("", text, count=1).strip() if kind == "marked" else text
        _refuse_too_long(heading, MAX_SECTION_HEADING_CHARS, "the heading", filename, number)
        paragraphs, started, start = [], True, number
    if started or paragraphs:
        sections.append(ParsedSection(heading, tuple(paragraphs), line=start))
    # A bare "##" with nothing under it carries nothing; every other section is kept.
    return tuple(s for s in sections if s.heading or s.paragraphs)


def _classify(items):
    """
    "marked" (a "## " line), "heading" (by the rule) or "paragraph" for each body line.
    Decided from the last line back, because a line is a heading only when a paragraph
    follows it.
    """
    kinds = [""] * len(items)
    next_kind = None
    for index in range(len(items) - 1, -1, -1):
        text = items[index][1]
        if HEADING_MARKER.match(text):
            kind = "marked"
        elif next_kind == "paragraph" and looks_like_heading(text):
            kind = "heading"
        else:
            kind = "paragraph"
        kinds[index] = next_kind = kind
    return kinds


def looks_like_heading(text):
    """
    The heading rule, for an unmarked body line that is followed by a paragraph (the
    caller checks that): one sentence, at most MAX_HEADING_WORDS words and
    MAX_HEADING_CHARS characters, with at least one letter. Archive headings are short
    single sentences; paragraphs are longer or have several sentences.

    A sentence break is ". ", "? " or "! " (closing quotes allowed) inside the line, except
    after an initial ("D. W. Griffith") or a common abbreviation ("Dr.", "St.", "e.g.").
    Lines starting with a backslash are paragraphs before this rule is asked.
    """
    if text.startswith(LITERAL_MARK):
        return False
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if not any(char.isalpha() for char in text):
        return False
    for match in SENTENCE_BREAK.finditer(text):
        before = text[: match.start()].split()
        word = before[-1].lstrip(OPENING_QUOTES).casefold() if before else ""
        is_initial = len(word) == 1 and word.isalpha()
        if text[match.start()] == "." and (is_initial or word in ABBREVIATIONS):
            continue
        return False
    return True


def _related_entries(lines, filename):
    lines = [(number, text) for number, text in lines if not is_advertisement(text)]
    if len(lines) % 2:
        number, text = lines[-1]
        raise PageFormatError(
            filename,
            number,
            f"the related article {_quote(text)} has no date on the next line "
            "(related articles come as pairs of lines: summary, date)",
        )
    entries = []
    for (summary_line, summary), (date_line, date_text) in zip(
        lines[::2], lines[1::2], strict=True
    ):
        entry_date = _parse_date(date_text, filename, date_line, what="the related article's date")
        summary = _required(
            _unescape(summary), "the related article's summary", filename, summary_line
        )
        entries.append(RelatedEntry(summary, entry_date, line=summary_line))
    return tuple(entries)


def parse_date(text):
    """The date written in `text` in one of the accepted forms, or None."""
    parts = _date_parts(clean_text(text))
    try:
        return date(*parts) if parts else None
    except ValueError:
        return None


def _date_parts(text):
    """(year, month, day) when `text` has the shape of a date, real or not."""
    if match := ISO_DATE.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    if (match := MONTH_DAY_YEAR.fullmatch(text)) and match[1].casefold() in MONTH_NUMBERS:
        return int(match[3]), MONTH_NUMBERS[match[1].casefold()], int(match[2])
    if (match := DAY_MONTH_YEAR.fullmatch(text)) and match[2].casefold() in MONTH_NUMBERS:
        return int(match[3]), MONTH_NUMBERS[match[2].casefold()], int(match[1])
    return None


def _parse_date(text, filename, line, *, what):
    parts = _date_parts(text)
    if parts is None:
        raise PageFormatError(
            filename, line, f"expected {what}, written as {DATE_EXAMPLES}; found {_quote(text)}"
        )
    try:
        value = date(*parts)
    except ValueError:
        raise PageFormatError(filename, line, f"{what} {_quote(text)} is not a real date") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PageFormatError(
            filename,
            line,
            f"{what} {_quote(text)} is out of range (years {FIRST_YEAR} to {LAST_YEAR})",
        )
    return value


def is_advertisement(text):
    return text.casefold() == ADVERTISEMENT


def is_share_bar(text):
    """ "Facebook X Reddit" and the like: only names of networks, at least two of them."""
    words = re.split(r"[\s|·•,/]+", text.casefold().strip())
    return len(words) >= 2 and all(word in SHARE_NETWORKS for word in words)


def _unescape(text):
    return text[len(LITERAL_MARK) :].strip() if text.startswith(LITERAL_MARK) else text


def _quote(text, limit=60):
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


# --- Writing ------------------------------------------------------------------------------


def format_date(value):
    """The seed pages' style: "August 06, 2025"."""
    return f"{MONTHS[value.month - 1]} {value.day:02d}, {value.year}"


def write_page(page):
    """The page as text that `parse_page` reads back to an equal page."""
    lines = []
    front = [
        ("slug", page.slug),
        ("category", clean_text(page.category)),
        ("status", page.status),
        ("authors", ", ".join(clean_text(name) for name in page.authors)),
        ("tags", ", ".join(clean_text(name) for name in page.tags)),
    ]
    if any(value for _, value in front):
        lines.append(FRONT_MATTER_FENCE)
        lines.extend(f"{key}: {value}" for key, value in front if value)
        lines.append(FRONT_MATTER_FENCE)
    lines.append(_escape(page.title))
    lines.append(_escape(page.standfirst))
    lines.append(format_date(page.date))
    for index, section in enumerate(page.sections):
        # The first section needs no marker when it has no heading; every other section
        # is marked, so a round trip never depends on the heading rule.
        if index or section.heading:
            heading = clean_text(section.heading)
            lines.append(f"## {heading}" if heading else "##")
        last = len(section.paragraphs) - 1
        # Only a paragraph followed by another could be read as a heading by the rule.
        lines.extend(
            _escape(paragraph, heading_shape_misleads=number < last)
            for number, paragraph in enumerate(section.paragraphs)
        )
    if page.related:
        lines.append("Related Articles")
        for entry in page.related:
            lines.append(_escape(entry.summary))
            lines.append(format_date(entry.date))
    return "\n".join(lines) + "\n"


def _escape(text, *, heading_shape_misleads=False):
    """Mark a line that would otherwise be read as something else with a backslash."""
    text = clean_text(text)
    misread = (
        text.startswith(LITERAL_MARK)
        or text == FRONT_MATTER_FENCE
        or HEADING_MARKER.match(text)
        or is_advertisement(text)
        or text.casefold() == RELATED_ARTICLES
        or is_share_bar(text)
        or (heading_shape_misleads and looks_like_heading(text))
    )
    return LITERAL_MARK + text if misread else text
