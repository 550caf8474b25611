"""
Reader search: ranked, highlighted, filtered and paginated results of published essays, the
same on SQLite and PostgreSQL, with an index the services keep current.
"""

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import search, services
from articles.importing.importer import import_pages
from articles.importing.sources import PageSource
from articles.models import Article
from articles.services import NewEssay, SectionData
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")
FILLER = (
    "Programmers argue about running times, about the order of a week, about which "
    "audience arrives for a late screening and which one leaves before the credits. "
)


@pytest.fixture
def desk():
    return CategoryFactory(name="Craft", slug="craft")


def essay(title, *, standfirst="A standfirst.", body="Some words about cinema.", headings=(),
          category=None, published_at=None, publish=True, by=None):  # fmt: skip
    """An essay written and published through the services, as editors make them."""
    sections = [SectionData(heading, "Under this heading, more words.") for heading in headings]
    article = services.article_save(
        article=Article(title=title, standfirst=standfirst,
                        category=category or CategoryFactory(name="Craft", slug="craft")),
        by=by,
        sections=[SectionData("", body), *sections],
    )  # fmt: skip
    if publish:
        services.article_publish(
            article=article, by=by, at=published_at or timezone.now() - timedelta(days=1)
        )
    return article


def titles(text, **filters):
    return [hit.article.title for hit in search.search(text, **filters)[0:100]]


def passage(text, **filters):
    return str(search.search(text, **filters)[0:1][0].snippet)


# --- Ranking ----------------------------------------------------------------------------------


def test_a_title_match_ranks_above_a_body_match(desk):
    essay("Harbour lights", body="The nitrate reels were stored by the sea.", category=desk)
    essay("Nitrate", body="Film stock and its keepers.", category=desk)

    assert titles("nitrate") == ["Nitrate", "Harbour lights"]


def test_a_standfirst_or_heading_match_ranks_above_a_body_match(desk):
    essay("In the body", body="A projectionist remembers the carbon arc.", category=desk)
    essay("In the standfirst", standfirst="A projectionist remembers.", category=desk)
    essay("In a heading", headings=["The projectionist"], category=desk)

    found = titles("projectionist")

    assert found[-1] == "In the body"
    assert set(found[:2]) == {"In the standfirst", "In a heading"}


def test_among_equal_matches_the_newer_essay_comes_first(desk):
    now = timezone.now()
    essay("Older dubbing", body="Dubbing studios.", published_at=now - timedelta(days=30),
          category=desk)  # fmt: skip
    essay("Newer dubbing", body="Dubbing studios.", published_at=now - timedelta(days=2),
          category=desk)  # fmt: skip

    assert titles("dubbing studios") == ["Newer dubbing", "Older dubbing"]


def test_every_word_must_appear_unless_or_offers_alternatives(desk):
    essay("Sound", body="Foley artists at work.", category=desk)
    essay("Picture", body="Colour grading at night.", category=desk)

    assert titles("foley grading") == []
    assert sorted(titles("foley or grading")) == ["Picture", "Sound"]
    assert sorted(titles("foley OR grading")) == ["Picture", "Sound"]
    assert titles("night -foley") == ["Picture"]
    assert titles('"grading at night"') == ["Picture"]
    assert titles('"night grading"') == []


def test_accents_and_capitals_do_not_matter(desk):
    essay("Le ciné-club de Tbilissi", body="Une séance au Ciné Rustaveli.", category=desk)

    assert titles("cine") == ["Le ciné-club de Tbilissi"]
    assert titles("CINÉ SEANCE") == ["Le ciné-club de Tbilissi"]


def test_words_are_found_in_their_other_forms(desk):
    essay("Restoration", body="She restored the damaged prints by hand.", category=desk)

    assert titles("restoring print") == ["Restoration"]


def test_the_demo_essays_give_the_same_top_results_on_either_database():
    # The expectations hold on SQLite and on PostgreSQL: the suite runs on both.
    call_command("load_demo", "--no-login", stdout=StringIO())
    expected = {
        "nitrate": ["Handling Fire: The Patient and Dangerous Work of Restoring Nitrate Film "
                    "Prints"],
        "subtitles or translation": [
            "Between the Lines: Subtitling, Translation and the Films We Believe We Have Seen",
            "The Critic at the Festival: Writing Quickly About Films That Ask to Be Lived With"],
        "sound": [
            "Listening to the Real: Sound Design and the Ethics of Documentary Truth",
            "Between the Lines: Subtitling, Translation and the Films We Believe We Have Seen"],
        "archive -nitrate": [
            "Puppets, Cut-Outs and Careful Hands: The Animation Studios of Eastern Europe",
            "Light Through Vine Leaves: How Georgian Cinema Learned to Keep Its Own Time"],
        '"film society"': ["Folding Chairs and Fourteen Members: The Stubborn Life of "
                           "Small-Town Film Societies"],
    }  # fmt: skip

    assert {text: titles(text)[:2] for text in expected} == expected


# --- Passages ---------------------------------------------------------------------------------


def test_the_passage_shown_is_the_one_that_matches_with_the_words_marked(desk):
    essay("A long one", body=FILLER * 6 + "Then the nitrate caught fire. " + FILLER * 6,
          category=desk)  # fmt: skip

    shown = passage("nitrate")

    assert "<mark>nitrate</mark> caught fire" in shown
    assert not shown.startswith("Programmers")  # not the first words
    assert shown.startswith("…") and shown.endswith("…")


def test_the_passage_keeps_the_editors_accents(desk):
    essay("Paris", body="On the way to the ciné, the rain began.", category=desk)

    assert "<mark>ciné</mark>" in passage("CINE")


def test_editor_text_in_a_passage_is_escaped_and_cannot_become_markup(desk):
    essay("Markup", body='<script>alert("x")</script> <b>nitrate</b> & <mark>ash</mark>',
          category=desk)  # fmt: skip

    shown = passage("nitrate")

    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;" in shown
    assert "<mark>nitrate</mark>" in shown
    assert "&lt;mark&gt;ash&lt;/mark&gt;" in shown


def test_a_title_only_match_has_no_passage_and_the_page_shows_the_standfirst(client, desk):
    essay("Nitrate", standfirst="Stock that burns.", body="Keepers of film.", category=desk)

    assert search.search("nitrate")[0:1][0].snippet is None
    assert "Stock that burns." in client.get(SEARCH, {"q": "nitrate"}).content.decode()


# --- Only what readers may see ----------------------------------------------------------------


def test_drafts_essays_in_review_unpublished_and_scheduled_essays_are_never_found(desk):
    essay("Draft about montage", publish=False, category=desk)
    in_review = essay("Review about montage", publish=False, category=desk)
    services.article_submit(article=in_review, by=None)
    gone = essay("Unpublished about montage", category=desk)
    services.article_unpublish(article=gone, by=None)
    essay("Scheduled about montage", published_at=timezone.now() + timedelta(days=2),
          category=desk)  # fmt: skip
    essay("Published about montage", category=desk)

    assert titles("montage") == ["Published about montage"]


def test_a_scheduled_essay_is_found_once_its_time_has_come(desk):
    soon = essay("Scheduled montage", category=desk,
                 published_at=timezone.now() + timedelta(days=2))  # fmt: skip
    assert titles("montage") == []

    # Its time comes without anything being written: the filter is applied when searching.
    Article.objects.filter(pk=soon.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert titles("montage") == ["Scheduled montage"]


def test_the_admin_finds_drafts_through_the_same_index(editor_client, desk):
    essay("Draft on the ciné", body="Prints were restored.", publish=False, category=desk)
    essay("Published elsewhere", body="Unrelated words.", category=desk)

    page = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "CINE restoring"})

    assert "Draft on the ciné" in page.content.decode()
    assert "Published elsewhere" not in page.content.decode()
    assert list(search.matching_ids("cine", published_only=True)) == []


# --- The index kept current by the services ---------------------------------------------------


def test_an_edit_is_found_at_once_and_the_old_words_no_longer(desk):
    article = essay("Night trains", body="Sleeper cars.", category=desk)

    article.title = "Day trains"
    services.article_save(article=article, by=None, sections=[SectionData("", "Dining cars.")])

    assert titles("day") == ["Day trains"]
    assert titles("dining") == ["Day trains"]
    assert titles("night") == [] and titles("sleeper") == []


def test_unpublishing_and_publishing_again_hide_and_show_the_essay(desk):
    article = essay("Kinetoscope", category=desk)

    services.article_unpublish(article=article, by=None)
    assert titles("kinetoscope") == []

    services.article_publish(article=article, by=None)
    assert titles("kinetoscope") == ["Kinetoscope"]


def test_a_deleted_essay_is_no_longer_found(desk):
    article = essay("Zoetrope", category=desk)

    services.article_delete(article=article, by=None)

    assert titles("zoetrope") == []
    assert list(search.matching_ids("zoetrope", published_only=False)) == []


def test_imported_and_bulk_created_essays_are_found(desk):
    page = (
        "---\ncategory: craft\nstatus: published\n---\n"
        "Praxinoscope\nA standfirst.\nJuly 23, 2025\nMirrors.\n"
    )
    import_pages([PageSource("p.txt", page.encode)])
    services.articles_create_bulk(
        essays=[
            NewEssay(
                article=Article(title="Phenakistiscope", standfirst="Discs.", category=desk,
                                status="published", published_at=timezone.now()),
                sections=[SectionData("", "Mirrors and slits.")],
                author_ids=[], tag_ids=[],
            )
        ],
        by=None,
    )  # fmt: skip

    assert sorted(titles("mirrors")) == ["Phenakistiscope", "Praxinoscope"]


def test_rebuilding_the_index_takes_in_essays_written_some_other_way(desk):
    written = ArticleFactory(title="Before", category=desk)
    Article.objects.filter(pk=written.pk).update(title="Written around the services")
    assert titles("around") == []

    call_command("rebuild_search_index", stdout=StringIO())

    assert titles("around") == ["Written around the services"]


# --- Filters and pages ------------------------------------------------------------------------


def test_results_can_be_kept_to_one_section_or_one_year(desk):
    other = CategoryFactory(name="Festivals", slug="festivals")
    essay("Craft in 2023", category=desk, published_at=datetime(2023, 6, 1, tzinfo=UTC))
    essay("Festival in 2023", category=other, published_at=datetime(2023, 6, 2, tzinfo=UTC))
    essay("Festival in 2024", category=other, published_at=datetime(2024, 6, 2, tzinfo=UTC))

    everything = "festival or craft"

    assert len(titles(everything)) == 3
    assert sorted(titles(everything, section="festivals")) == ["Festival in 2023",
                                                               "Festival in 2024"]  # fmt: skip
    assert sorted(titles(everything, year=2023)) == ["Craft in 2023", "Festival in 2023"]
    assert titles(everything, section="festivals", year=2023) == ["Festival in 2023"]


def test_the_page_counts_results_and_pages_through_them_keeping_the_query(client, desk):
    for n in range(23):
        essay(f"Cinematheque {n:02}", category=desk,
              published_at=timezone.now() - timedelta(days=n + 1))  # fmt: skip

    first = client.get(SEARCH, {"q": "cinematheque", "section": "craft"}).content.decode()
    third = client.get(SEARCH, {"q": "cinematheque", "section": "craft", "page": 3})

    assert "23 essays match" in first and "page 1 of 3" in first
    assert first.count('class="search-result"') == 10
    assert "Cinematheque 00" in first  # the newest first among equals
    assert "?q=cinematheque&amp;section=craft&amp;page=2" in first
    assert third.content.decode().count('class="search-result"') == 3
    assert "Cinematheque 22" in third.content.decode()


@pytest.fixture
def ranked_at_most_four(monkeypatch):
    monkeypatch.setattr("articles.search.results.RANKED_AT_MOST", 4)


def title_match_and_newer_body_matches(desk, newer):
    """An essay of 2021 titled "Dubbing", and `newer` essays of 2024 saying it in passing."""
    essay("Dubbing", body="Voices.", category=desk, published_at=datetime(2021, 5, 1, tzinfo=UTC))
    for n in range(newer):
        essay(f"Essay {n}", body="A note on dubbing and voices.", category=desk,
              published_at=datetime(2024, 1, 1 + n, tzinfo=UTC))  # fmt: skip


@pytest.mark.usefixtures("ranked_at_most_four")
def test_a_word_in_more_essays_than_are_ranked_ranks_the_newest_of_them(client, desk):
    """Past the limit the newest matches are ranked: an older title match waits for a year."""
    title_match_and_newer_body_matches(desk, newer=6)
    essay("Dubbing again", body="Voices.", category=desk,
          published_at=datetime(2023, 5, 1, tzinfo=UTC))  # fmt: skip
    essay("Unrelated", body="Subtitles.", category=desk)

    newest = titles("dubbing")
    page = client.get(SEARCH, {"q": "dubbing"}).content.decode()

    assert newest == ["Essay 5", "Essay 4", "Essay 3", "Essay 2"]
    assert "More than 4 essays match “dubbing”" in page
    assert "the best matches among the newest 4 are shown" in page
    assert "choose a year or a section" in page
    # A year brings the older essays within reach, ranked: the title match first.
    assert titles("dubbing", year=2023) == ["Dubbing again"]
    assert titles("dubbing or voices", year=2021) == ["Dubbing"]


@pytest.mark.usefixtures("ranked_at_most_four")
def test_up_to_the_limit_every_match_is_ranked_and_counted(client, desk):
    title_match_and_newer_body_matches(desk, newer=3)

    page = client.get(SEARCH, {"q": "dubbing"}).content.decode()

    assert titles("dubbing")[0] == "Dubbing"  # the oldest, ranked first by its title
    assert "4 essays match “dubbing”" in page and "More than" not in page


def test_the_filters_offer_sections_and_the_years_with_essays(client, desk):
    essay("Anything", category=desk, published_at=datetime(2021, 3, 1, tzinfo=UTC))

    page = client.get(SEARCH, {"q": "anything", "year": "2021"}).content.decode()

    assert '<option value="craft">Craft</option>' in page
    assert '<option value="2021" selected>2021</option>' in page


def test_the_year_filter_offers_the_years_readers_can_see_in_the_sites_time_zone(
    client, desk, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    # Half past midnight on New Year's Day in Paris, still 2019 in UTC.
    essay("New Year", category=desk, published_at=datetime(2019, 12, 31, 23, 30, tzinfo=UTC))
    essay("Summer", category=desk, published_at=datetime(2021, 6, 1, tzinfo=UTC))
    ArticleFactory(published_at=datetime(2018, 5, 1, tzinfo=UTC), status="unpublished")
    ArticleFactory(published_at=timezone.now() + timedelta(days=400))  # scheduled

    page = client.get(SEARCH, {"q": "anything"}).content.decode()

    offered = re.findall(r'<option value="(\d{4})"', page)
    assert offered == ["2021", "2020"]


def test_finding_the_years_takes_a_query_per_year_however_many_essays(
    desk, django_assert_num_queries
):
    for year in (2019, 2020, 2021):
        ArticleFactory(published_at=datetime(year, 3, 1, tzinfo=UTC))
    with django_assert_num_queries(4):
        assert Article.objects.published_years() == [2021, 2020, 2019]

    for year in (2019, 2020, 2021):
        for day in range(1, 30):
            ArticleFactory(published_at=datetime(year, 4, day, tzinfo=UTC))
    with django_assert_num_queries(4):
        assert Article.objects.published_years() == [2021, 2020, 2019]


# --- Odd queries --------------------------------------------------------------------------------

ODD_QUERIES = [
    "",
    "   ",
    "x" * 1000,
    "nitrate " * 200,
    '"unbalanced quote',
    'nitrate"',
    "nitrate AND OR NOT",
    "OR",
    "NEAR(nitrate fire)",
    "nitr*",
    "^nitrate",
    "title:nitrate",
    "body:nitrate OR standfirst:",
    "'; DROP TABLE articles_article; --",
    "1=1) OR (1=1",
    "the of and",
    "-nitrate",
    "nitrate\x00fire",
    "🎬 nitrate 🔥",
    "%_\\",
    "((((",
    "*",
]


@pytest.mark.parametrize("text", ODD_QUERIES)
def test_odd_queries_give_a_page_never_an_error(client, desk, text):
    essay("Nitrate fire", category=desk)

    response = client.get(SEARCH, {"q": text})

    assert response.status_code == 200
    assert "Search" in response.content.decode()


@pytest.mark.parametrize("params", [{"year": "nineteen"}, {"year": "-1"}, {"section": "nowhere"},
                                    {"page": "last"}, {"page": "99"}, {"page": "-3"}])  # fmt: skip
def test_odd_filters_and_pages_give_a_page_never_an_error(client, desk, params):
    essay("Nitrate fire", category=desk)

    response = client.get(SEARCH, {"q": "nitrate", **params})

    assert response.status_code == 200


def test_bytes_that_are_not_text_give_a_page_never_an_error(client, desk):
    # A lone surrogate, and a NUL, as a browser or a bot might send them.
    response = client.get(f"{SEARCH}?q=%ED%A0%80nitrate%00%FF")

    assert response.status_code == 200


def test_operators_and_column_names_are_plain_words(desk):
    essay("Nitrate fire", category=desk)

    assert titles("nitrate AND fire") == ["Nitrate fire"]
    assert titles("title:nitrate") == []  # "title" is a word the essay does not contain
    assert titles("nitr*") == []
    assert titles("NEAR(nitrate fire)") == []


def test_words_typed_with_control_characters_between_them_are_separate_words(desk):
    essay("Nitrate", body="A fire broke out. Later, the nitrate was stored apart.", category=desk)

    assert titles("nitrate\x07fire") == ["Nitrate"]
    assert titles("nitrate fire") == ["Nitrate"]


def test_only_the_first_sixteen_words_of_a_query_count(desk):
    words = [f"word{n:02}" for n in range(16)]
    essay("Many words", body=" ".join(words), category=desk)

    assert titles(" ".join([*words, "absent", "missing"])) == ["Many words"]


def test_a_long_query_is_shortened_and_the_page_says_so(client, desk):
    response = client.get(SEARCH, {"q": "nitrate " * 100})

    assert "shortened to its first 200 characters" in response.content.decode()


def test_a_query_of_only_common_words_explains_itself(client, desk):
    essay("The film of the year", category=desk)

    page = client.get(SEARCH, {"q": "the of"}).content.decode()
    quoted = client.get(SEARCH, {"q": '"of the"'}).content.decode()

    assert "No essays match" in page and "Very common words" in page
    assert "No essays match" in quoted and "Very common words" in quoted


def test_nothing_found_suggests_a_near_spelling_from_the_site(client, desk):
    essay("Cinematheque nights", category=desk, by=None)
    TagFactory(name="documentary")

    page = client.get(SEARCH, {"q": "cinematheqe"}).content.decode()

    assert "No essays match" in page
    assert "Did you mean" in page and "cinematheque</a>" in page


def test_a_suggestion_leaves_out_the_words_the_reader_excluded(client, desk):
    essay("Cinematheque nights", category=desk, by=None)

    page = client.get(SEARCH, {"q": "cinematheqe -nihgts"}).content.decode()

    assert "Did you mean" in page and "cinematheque</a>" in page
    assert "nights</a>" not in page


def test_nothing_found_never_suggests_a_tag_only_drafts_carry(client, desk):
    essay("Harbour nights", category=desk)
    ArticleFactory(draft=True, tags=["embargoed-festival"])
    ArticleFactory(tags=["documentary"])

    assert "Did you mean" not in client.get(SEARCH, {"q": "embargoedd"}).content.decode()
    page = client.get(SEARCH, {"q": "documentaryy"}).content.decode()
    assert "Did you mean" in page and "documentary</a>" in page


# --- The page ---------------------------------------------------------------------------------


def test_every_page_has_a_search_form_in_its_header(client, desk):
    page = client.get(reverse("articles:home")).content.decode()

    assert f'action="{SEARCH}"' in page and 'role="search"' in page


def test_search_pages_are_kept_only_in_the_readers_browser(client, desk):
    response = client.get(SEARCH, {"q": "nitrate"})

    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_every_results_page_names_the_search_page_as_its_canonical_address(client):
    ArticleFactory(title="Festival nights")

    html = client.get(reverse("articles:search"), {"q": "festival", "utm_source": "x"}).content
    html = html.decode()

    assert '<link rel="canonical" href="http://testserver/search/">' in html
    assert "noindex" not in html
