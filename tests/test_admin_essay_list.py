"""
The essay list that never counts its essays (articles/admin/listing.py): pages that link to
their neighbours, "select all" that still reaches every page, a tag's essays read in the
order of their dated taggings, the search, and a sidebar that counts nothing.
"""

from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.admin.article import ArticleAdmin
from articles.models import Article, Tag
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 2)


def listed(response):
    assert response.status_code == 200
    return [essay.title for essay in response.context["cl"].result_list]


def essays_dated(*years, **fields):
    return [
        ArticleFactory(title=f"Essay of {year}", published_at=datetime(year, 6, 1, tzinfo=UTC),
                       **fields)
        for year in years
    ]  # fmt: skip


# --- Pages -------------------------------------------------------------------------------------


def test_a_page_links_to_the_pages_beside_it_and_names_its_rows_not_a_total(
    editor_client, two_a_page
):
    essays_dated(2020, 2021, 2022, 2023, 2024)

    first = editor_client.get(CHANGELIST)
    assert listed(first) == ["Essay of 2024", "Essay of 2023"]
    page = first.content.decode()
    assert 'href="?p=2" rel="next"' in page
    assert 'rel="prev"' not in page
    assert "Articles 1\u20132" in page
    assert "5 articles" not in page

    last = editor_client.get(CHANGELIST, {"p": 3})
    assert listed(last) == ["Essay of 2020"]
    page = last.content.decode()
    assert 'href="?p=2" rel="prev"' in page
    assert 'rel="next"' not in page
    assert "Articles 5\u20135" in page


def test_a_page_past_the_last_sends_the_editor_back_to_the_list(editor_client, two_a_page):
    essays_dated(2020, 2021)

    response = editor_client.get(CHANGELIST, {"p": 2})

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_page_links_keep_the_filters(editor_client, two_a_page):
    essays_dated(2020, 2021, 2022)

    page = editor_client.get(CHANGELIST, {"state": "published"}).content.decode()

    assert 'href="?p=2&amp;state=published" rel="next"' in page


def test_an_empty_list_says_so(editor_client):
    page = editor_client.get(CHANGELIST, {"q": "zzyzx"}).content.decode()

    assert "No articles" in page


def test_selecting_all_reaches_the_essays_on_every_page(editor_client, two_a_page):
    drafts = [ArticleFactory(draft=True) for _ in range(3)]

    page = editor_client.get(CHANGELIST, {"state": "draft"}).content.decode()
    assert "Select all articles in this list" in page

    shown = [draft.pk for draft in drafts[-2:]]
    response = editor_client.post(
        f"{CHANGELIST}?state=draft",
        {"action": "publish_selected", "_selected_action": shown, "select_across": "1",
         "index": "0"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Article.objects.published().count() == 3


def test_a_list_on_one_page_offers_no_selection_beyond_it(editor_client):
    ArticleFactory(draft=True)

    page = editor_client.get(CHANGELIST).content.decode()

    assert "Select all articles in this list" not in page


def test_filters_offer_no_counts_of_their_choices(editor_client):
    essays_dated(2023, 2024)

    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(CHANGELIST, {"_facets": "1"})

    assert response.status_code == 200
    assert "Show counts" not in response.content.decode()
    assert [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()] == []


def test_the_checkboxes_are_djangos_own(editor_client):
    essay = ArticleFactory(title="Noir & rain")
    model_admin = admin.site._registry[Article]

    assert model_admin.action_checkbox(essay) == admin.ModelAdmin.action_checkbox(
        model_admin, essay
    )


# --- A tag's essays ----------------------------------------------------------------------------


def test_a_tags_list_shows_its_published_essays_newest_first_then_the_others(editor_client):
    old, new = essays_dated(2019, 2024, tags=["noir"])
    scheduled = ArticleFactory(title="Scheduled", scheduled=True, tags=["noir"])
    draft = ArticleFactory(title="Draft", draft=True, tags=["noir"])
    withdrawn = ArticleFactory(title="Withdrawn", published_at=datetime(2022, 1, 1, tzinfo=UTC),
                               tags=["noir"])  # fmt: skip
    services.article_unpublish(article=withdrawn, by=None)
    ArticleFactory(title="Untagged", tags=["colour"])

    shown = listed(editor_client.get(CHANGELIST, {"tag": "noir"}))

    # The unpublished essay keeps its date but is no longer listed under it by the tag.
    assert shown == [scheduled.title, new.title, old.title, withdrawn.title, draft.title]


def test_a_tags_list_sorted_by_a_column_follows_the_column(editor_client):
    for title in ["Bravo", "Alpha", "Charlie"]:
        ArticleFactory(title=title, tags=["noir"])

    title_column = ArticleAdmin.list_display.index("title") + 1  # after the checkbox
    shown = listed(editor_client.get(CHANGELIST, {"tag": "noir", "o": str(title_column)}))

    assert shown == ["Alpha", "Bravo", "Charlie"]


def test_a_tags_list_pages_through_its_dated_taggings(editor_client, two_a_page):
    essays_dated(2020, 2021, 2022, tags=["noir"])
    essays_dated(2023, tags=["colour"])

    assert listed(editor_client.get(CHANGELIST, {"tag": "noir"})) == [
        "Essay of 2022",
        "Essay of 2021",
    ]
    assert listed(editor_client.get(CHANGELIST, {"tag": "noir", "p": 2})) == ["Essay of 2020"]


def test_the_date_drill_down_of_a_tags_list_reads_the_dates_without_the_tag(editor_client):
    essays_dated(2019, 2021, tags=["noir"])
    essays_dated(2024, tags=["colour"])

    with CaptureQueriesContext(connection) as captured:
        page = editor_client.get(CHANGELIST, {"tag": "noir"}).content.decode()

    # Every year of the tag's essays is offered; so may others be, as between any two.
    for year in (2019, 2020, 2021):
        assert f"published_at__year={year}" in page
    ranges = [q["sql"] for q in captured if 'AS "published_at" FROM' in q["sql"]]
    assert len(ranges) == 2
    assert not any("taggedarticle" in sql for sql in ranges)


def test_the_tag_filter_offers_the_tags_the_most_essays_carry(editor_client):
    ArticleFactory(tags=["noir", "colour", "silent"])
    ArticleFactory(tags=["noir", "colour"])
    ArticleFactory(tags=["noir"])
    services.related_pools_refresh(everything=True)

    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(CHANGELIST)

    [tag_filter] = [spec for spec in response.context["cl"].filter_specs if spec.title == "tag"]
    assert [slug for slug, _ in tag_filter.lookup_choices] == ["noir", "colour", "silent"]
    # No tagging is read but those of the essays shown.
    taggings = [q["sql"] for q in captured if "taggedarticle" in q["sql"]]
    assert all('content_object_id" IN (' in sql for sql in taggings), taggings


def test_a_tag_new_since_the_last_refresh_comes_last_in_the_filter(editor_client):
    ArticleFactory(tags=["noir"])
    services.related_pools_refresh(everything=True)
    ArticleFactory(tags=["colour", "noir"])
    assert Tag.objects.get(slug="colour").related_weight is None

    response = editor_client.get(CHANGELIST)

    [tag_filter] = [spec for spec in response.context["cl"].filter_specs if spec.title == "tag"]
    assert [slug for slug, _ in tag_filter.lookup_choices] == ["noir", "colour"]


# --- The search --------------------------------------------------------------------------------


@pytest.fixture(params=["few matches: listed by id", "many: the list walked"])
def matches_read(request, monkeypatch):
    """The admin's search both ways: by its matches' ids, or walking the list past a bound."""
    if request.param.startswith("many"):
        monkeypatch.setattr("articles.search.results.ADMIN_LISTED_BY_ID_AT_MOST", 1)
    return request.param


def test_the_search_lists_its_matches_in_the_lists_order_within_the_filters(
    editor_client, matches_read
):
    desk = CategoryFactory(name="Festivals")
    for year in (2019, 2024, 2021):
        ArticleFactory(title=f"Harbour light, {year}", category=desk,
                       published_at=datetime(year, 3, 1, tzinfo=UTC))  # fmt: skip
    ArticleFactory(title="Harbour draft", draft=True, category=desk)
    ArticleFactory(title="Desert light")

    assert listed(editor_client.get(CHANGELIST, {"q": "harbour"})) == [
        "Harbour light, 2024",
        "Harbour light, 2021",
        "Harbour light, 2019",
        "Harbour draft",
    ]
    assert listed(editor_client.get(CHANGELIST, {"q": "harbour", "state": "draft"})) == [
        "Harbour draft"
    ]


def test_the_search_finds_an_essay_by_its_address_too(editor_client, matches_read):
    ArticleFactory(title="The of and", slug="the-of-and")
    ArticleFactory(title="Found by its words: the-of-and is mentioned")

    assert "The of and" in listed(editor_client.get(CHANGELIST, {"q": "the-of-and"}))


def test_a_search_typed_with_a_nul_byte_searches_for_the_rest(editor_client):
    # PostgreSQL refuses NUL in any text parameter, the address lookup's included.
    ArticleFactory(title="The of and", slug="the-of-and")

    response = editor_client.get(CHANGELIST, {"q": "the-of-and\x00"})

    assert response.status_code == 200
    assert listed(response) == ["The of and"]


def test_a_search_with_no_match_and_a_page_beyond_the_first_answer(
    editor_client, two_a_page, matches_read
):
    essays_dated(2020, 2021, 2022)

    assert listed(editor_client.get(CHANGELIST, {"q": "zzyzx"})) == []
    assert listed(editor_client.get(CHANGELIST, {"q": "essay", "p": 2})) == ["Essay of 2020"]


def search_page_plan(editor_client, words):
    """The plan of the query that reads a page of the admin's search for `words`."""
    with CaptureQueriesContext(connection) as captured:
        editor_client.get(CHANGELIST, {"q": words})
    # The last to read the matches: the page itself (the matches' ids may be read first).
    page = [q["sql"] for q in captured if "articles_searchentry" in q["sql"]][-1]
    explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
    with connection.cursor() as cursor:
        cursor.execute(f"{explain} {page}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_a_search_for_many_essays_narrows_the_list_without_gathering_every_match_first(
    editor_client, monkeypatch
):
    monkeypatch.setattr("articles.search.results.ADMIN_LISTED_BY_ID_AT_MOST", 1)
    for year in (2019, 2024):
        ArticleFactory(
            title=f"Harbour light, {year}", published_at=datetime(year, 3, 1, tzinfo=UTC)
        )

    plan = search_page_plan(editor_client, "harbour")

    if connection.vendor == "sqlite":
        # The list walked in its order; not every match fetched, then sorted.
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        # One semi-join the planner can run either way round; not every entry's document
        # checked into a hash for each search (what OR-ing the address as a second IN did).
        assert "hashed SubPlan" not in plan, plan
