"""
No public page reads the whole table of essays (or of their sections) to answer: every
query it runs finds its rows through an index, on SQLite and on PostgreSQL alike, so its
cost does not grow with the archive. Nor does an admin page: the essay list with each of
its filters, its search, an essay's change form and its save, the tag list.
"""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from articles import caching, related
from articles.models import Article
from tests.admin_forms import change_url, essay_form
from tests.factories import ArticleFactory
from tests.query_plans import full_scans
from tests.test_admin_at_scale import (
    CHANGELIST,
    ESSAY_LIST_QUERIES,
    TAGS,
    archive,
    changelist_urls,
)
from tests.test_query_counts import QUERIES, build_site, urls_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}
    return build_site(5)


def selects_of(client, url):
    caching.content_version()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured if query["sql"].lstrip().startswith("SELECT")]


@pytest.mark.parametrize("page", [*QUERIES, "home, p2"])
def test_no_query_of_a_public_page_scans_the_essays(client, site, page):
    url = "/?page=2" if page == "home, p2" else urls_of(site)[page]
    selects = selects_of(client, url)
    assert selects

    scanning = {sql: steps for sql in selects if (steps := full_scans(sql))}

    assert scanning == {}


@pytest.mark.parametrize(
    "url",
    ["/search/?q=essay", "/search/?q=zzzqqq", "/sitemap-essays.xml", "/sitemap-sections.xml",
     "/sitemap-tags.xml", "/sitemap-authors.xml", "/archive/", "/sitemap-archive.xml",
     "/sitemap.xml"],
)  # fmt: skip
def test_no_query_of_search_the_archive_or_the_sitemaps_scans_the_essays(client, site, url):
    scanning = {sql: steps for sql in selects_of(client, url) if (steps := full_scans(sql))}

    assert scanning == {}


def test_no_query_of_a_search_ranking_only_its_newest_matches_scans_the_essays(
    client, site, monkeypatch
):
    monkeypatch.setattr("articles.search.results.RANKED_AT_MOST", 3)
    selects = selects_of(client, "/search/?q=essay")
    scanning = {sql: steps for sql in selects if (steps := full_scans(sql))}

    assert any("LIMIT 3" in sql for sql in selects)  # the newest three, ranked
    assert scanning == {}


def test_the_check_sees_a_count_of_every_published_essay(site):
    """As the archive index once counted its months: through the index, but every row."""
    with CaptureQueriesContext(connection) as captured:
        list(Article.objects.published().values("status").annotate(n=Count("id")))

    assert full_scans(captured[-1]["sql"])


def test_the_check_sees_a_query_that_scans_the_essays(client, site):
    """The test above would notice: reading every essay is reported as a full scan."""
    sql = """SELECT COUNT(*) FROM "articles_article" WHERE "title" LIKE '%cinema%'"""

    assert full_scans(sql)


# --- The admin's pages ---------------------------------------------------------------------------

ADMIN_PAGES = [*ESSAY_LIST_QUERIES, "change form", "tag list"]

SEARCH_WALK = pytest.mark.xfail(
    strict=True,
    reason="known: a search matching more than ADMIN_LISTED_BY_ID_AT_MOST essays walks the "
    "list in its order, each essay looked up among the matches, until a page is full "
    "(docs/performance.md, 'The admin at 100,000 essays')",
)


@pytest.fixture
def archive_with_pools():
    essays = archive(5)
    ArticleFactory(draft=True, tags=["tag-0"])
    related.refresh_pools(everything=True)
    return essays


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_no_query_of_an_admin_page_scans_the_essays(editor_client, archive_with_pools, page):
    essay = archive_with_pools[-1]
    url = {**changelist_urls(essay), "change form": change_url(essay), "tag list": TAGS}[page]
    selects = selects_of(editor_client, url)

    scanning = {sql: steps for sql in selects if (steps := full_scans(sql))}

    assert scanning == {}


def test_the_admin_s_search_for_a_word_in_no_essay_reads_no_essay(
    editor_client, archive_with_pools
):
    selects = selects_of(editor_client, f"{CHANGELIST}?q=zzzqqq")

    assert {sql: steps for sql in selects if (steps := full_scans(sql))} == {}


@SEARCH_WALK
def test_the_admin_s_search_for_a_word_in_many_essays_walks_the_list(
    editor_client, archive_with_pools, monkeypatch
):
    monkeypatch.setattr("articles.search.results.ADMIN_LISTED_BY_ID_AT_MOST", 2)
    selects = selects_of(editor_client, f"{CHANGELIST}?q=essay")

    assert {sql: steps for sql in selects if (steps := full_scans(sql))} == {}


def test_no_query_of_an_unchanged_save_scans_the_essays(editor_client, archive_with_pools):
    essay = Article.objects.get(pk=archive_with_pools[-1].pk)
    data = essay_form(essay, loaded_version=essay.version)
    with CaptureQueriesContext(connection) as captured:
        response = editor_client.post(change_url(essay), data)
    assert response.status_code == 302
    selects = [query["sql"] for query in captured if query["sql"].lstrip().startswith("SELECT")]

    scanning = {sql: steps for sql in selects if (steps := full_scans(sql))}

    assert scanning == {}
