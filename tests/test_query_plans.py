"""
No public page reads the whole table of essays (or of their sections) to answer: every
query it runs finds its rows through an index, on SQLite and on PostgreSQL alike, so its
cost does not grow with the archive.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import caching
from tests.query_plans import full_scans
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


def test_the_check_sees_a_query_that_scans_the_essays(client, site):
    """The test above would notice: reading every essay is reported as a full scan."""
    sql = """SELECT COUNT(*) FROM "articles_article" WHERE "title" LIKE '%cinema%'"""

    assert full_scans(sql)
