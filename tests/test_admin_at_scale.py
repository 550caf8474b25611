"""
The editors' pages cost the same however large the archive: each runs a fixed number of
queries whether there is one essay (with one tag) or thirty (with thirty tags each), and
the essay list's date drill-down is read from the ends of the listed dates, not from every
row (bench/admin_pages.py times them at 100,000 essays).
"""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import change_url, essay_form
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
TAGS = reverse("admin:articles_tag_changelist")


def archive(size):
    """`size` essays, one a year from 2000, each with `size` tags shared by all."""
    desk = CategoryFactory(name="Festivals")
    names = [f"tag-{n}" for n in range(size)]
    return [
        ArticleFactory(
            category=desk,
            tags=names,
            published_at=datetime(2000 + n, 3, 1 + n % 28, 9, tzinfo=UTC),
        )
        for n in range(size)
    ]


def queries(client, method, url, data=None, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == status, (url, response.status_code)
    return len(captured.captured_queries)


def changelist_urls(essay):
    year = f"published_at__year={essay.published_at.year}"
    month = f"{year}&published_at__month={essay.published_at.month}"
    return {
        "plain": CHANGELIST,
        "state": f"{CHANGELIST}?state=published",
        "owner": f"{CHANGELIST}?owner=mine",
        "category": f"{CHANGELIST}?category__id__exact={essay.category_id}",
        "tag": f"{CHANGELIST}?tag=tag-0",
        "published": f"{CHANGELIST}?published_at__isnull=False",
        "year": f"{CHANGELIST}?{year}",
        "month": f"{CHANGELIST}?{month}",
        "day": f"{CHANGELIST}?{month}&published_at__day={essay.published_at.day}",
        "search": f"{CHANGELIST}?q=essay",
    }


# Session, user, the section filter's choices, the tag filter's choices, a page of essays
# (one row past it: no count), their tags, and the date drill-down's first and last date.
ESSAY_LIST_QUERIES = {
    "plain": 8,
    "state": 8,
    "owner": 7,  # no choices to look up
    "category": 8,
    "tag": 9,  # the tag, by its address
    "published": 8,
    "year": 8,
    "month": 8,
    "day": 6,  # the last level needs no date range
    "search": 9,  # the matches' ids, read first
}


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize("page", list(ESSAY_LIST_QUERIES))
def test_the_essay_list_runs_the_same_queries_whatever_the_archive_holds(editor_client, size, page):
    essay = archive(size)[0]
    url = changelist_urls(essay)[page]
    assert queries(editor_client, "get", url) == ESSAY_LIST_QUERIES[page]
    assert queries(editor_client, "get", url) == ESSAY_LIST_QUERIES[page]


@pytest.mark.parametrize("page", list(ESSAY_LIST_QUERIES))
def test_no_essay_list_counts_its_essays_or_their_taggings(editor_client, page):
    essay = archive(3)[0]
    with CaptureQueriesContext(connection) as captured:
        editor_client.get(changelist_urls(essay)[page])
    assert [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()] == []


@pytest.mark.parametrize("size", [1, 30])
def test_the_change_form_and_an_unchanged_save_run_the_same_queries(editor_client, size):
    # An essay with `size` others sharing its tags: its related panel lists 1 or 6 of them.
    essay = archive(size + 1)[-1]
    editor_client.get(change_url(essay))  # the process's first look-ups (content types)
    assert queries(editor_client, "get", change_url(essay)) == 19
    essay = Article.objects.get(pk=essay.pk)
    data = essay_form(essay, loaded_version=essay.version)
    # Nothing is re-rendered or re-indexed when nothing they show changed; a published essay's
    # save reads the lists it is in (page-cache keys) once: none of what decides them changed.
    assert queries(editor_client, "post", change_url(essay), data, status=302) == 31


def test_saving_does_not_compute_the_related_panel_the_redirect_throws_away(editor_client):
    essays = archive(5)
    essay = Article.objects.get(pk=essays[-1].pk)
    data = essay_form(essay, loaded_version=essay.version)
    with CaptureQueriesContext(connection) as captured:
        editor_client.post(change_url(essay), data)
    related_reads = [q["sql"] for q in captured.captured_queries if "relatedcandidate" in q["sql"]]
    assert related_reads == []


@pytest.mark.parametrize("size", [1, 30])
def test_the_tag_list_runs_the_same_queries_and_counts_each_tags_essays(editor_client, size):
    archive(size)
    assert queries(editor_client, "get", TAGS) == 5
    page = editor_client.get(TAGS).content.decode()
    assert page.count(f'<td class="field-article_count">{size}</td>') == size


def test_the_date_drill_down_offers_every_year_between_the_first_and_last_essay(
    editor_client,
):
    desk = CategoryFactory(name="Festivals")
    for year in (2019, 2021, 2024):
        ArticleFactory(category=desk, published_at=datetime(year, 5, 17, 9, tzinfo=UTC))
    page = editor_client.get(CHANGELIST).content.decode()
    for year in range(2019, 2025):
        assert f'href="?published_at__year={year}"' in page
    assert 'published_at__year=2018"' not in page
    assert 'published_at__year=2025"' not in page

    page = editor_client.get(f"{CHANGELIST}?published_at__year=2024").content.decode()
    assert "published_at__month=5" in page
    assert "published_at__month=4" not in page
    assert "published_at__month=6" not in page
