"""
A read replica: readers' pages read it, editors and anyone who has just written read the
primary. Two real PostgreSQL databases stand for primary and replica, each holding a
different essay, so the page shows which one was read.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus, Category
from filmculture.db_routers import READ_PRIMARY_COOKIE, ReadYourWritesMiddleware

pytestmark = [
    pytest.mark.skipif(
        "replica" not in settings.DATABASES,
        reason="needs PostgreSQL: run with DATABASE_URL=postgres://... (tests/settings.py "
        "then adds a second database as the replica)",
    ),
    pytest.mark.django_db(databases=["default", "replica"]),
    pytest.mark.postgres,
]

with_replica = override_settings(DATABASE_READ_REPLICAS=["replica"])


def essay_in(alias, title):
    category, _ = Category.objects.using(alias).get_or_create(
        slug="festivals", defaults={"name": "Festivals"}
    )
    return Article.objects.using(alias).create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        standfirst="A line.",
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
        category=category,
    )


@pytest.fixture
def two_databases():
    essay_in("default", "Written to the primary")
    essay_in("replica", "Copied to the replica")


def home_text(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    return response.content.decode()


@with_replica
def test_a_reader_is_served_from_the_replica(client, two_databases):
    text = home_text(client)
    assert "Copied to the replica" in text
    assert "Written to the primary" not in text


@with_replica
def test_a_signed_in_editor_reads_the_primary(editor_client, two_databases):
    text = home_text(editor_client)
    assert "Written to the primary" in text
    assert "Copied to the replica" not in text
    changelist = editor_client.get(reverse("admin:articles_article_changelist"))
    assert "Written to the primary" in changelist.content.decode()


@with_replica
def test_a_request_that_writes_reads_its_own_write_and_the_next_ones_too(client, two_databases):
    def view(request):
        before = set(Article.objects.values_list("title", flat=True))
        Category.objects.create(name="Craft", slug="craft")
        after = set(Article.objects.values_list("title", flat=True))
        return HttpResponse(f"{sorted(before)} then {sorted(after)}")

    request = RequestFactory().get("/")
    response = ReadYourWritesMiddleware(view)(request)
    assert response.content.decode() == (
        "['Copied to the replica'] then ['Written to the primary']"
    )
    cookie = response.cookies[READ_PRIMARY_COOKIE]
    assert cookie["max-age"] == settings.READ_PRIMARY_AFTER_WRITE_SECONDS

    client.cookies[READ_PRIMARY_COOKIE] = cookie.value
    assert "Written to the primary" in home_text(client)
    cache.clear()  # the page just read from the primary was cached for readers
    client.cookies[READ_PRIMARY_COOKIE] = "1"  # long expired
    assert "Copied to the replica" in home_text(client)


@with_replica
def test_a_post_reads_the_primary(client, two_databases):
    seen = []

    def view(request):
        seen.extend(Article.objects.values_list("title", flat=True))
        return HttpResponse()

    ReadYourWritesMiddleware(view)(RequestFactory().post("/"))
    assert seen == ["Written to the primary"]


def test_without_a_replica_configured_readers_read_the_primary(client, two_databases):
    text = home_text(client)
    assert "Written to the primary" in text
    assert "Copied to the replica" not in text
