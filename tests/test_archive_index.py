"""
The archive index lists every month with essays readers can see, newest first, with how
many. The counts are kept by the services as essays are published, scheduled, redated,
unpublished, deleted, created in bulk or imported (`ArchiveMonth`): the page reads them
rather than every essay, so it costs the same at any archive size.
"""

import importlib
import random
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.importing.importer import import_pages
from articles.importing.sources import PageSource
from articles.models import ArchiveMonth, Article, ArticleStatus
from tests.factories import ArticleFactory, CategoryFactory
from tests.test_import import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}


def index(client):
    """The index as {(year, month name): count} in page order."""
    response = client.get(reverse("articles:archive"))
    assert response.status_code == 200
    html = response.content.decode()
    entries = re.findall(
        r'href="/archive/(\d{4})/\d+/">(\w+)</a> <span class="count">\((\d+) essays?\)', html
    )
    return {(int(year), month): int(count) for year, month, count in entries}


def live_counts():
    """What counting every essay gives, in the site's time zone: the rule the store keeps."""
    zone = timezone.get_default_timezone()
    rows = Article.objects.published_or_scheduled().month_counts(zone)
    return {row["month"]: row["count"] for row in rows}


def stored_counts():
    return dict(ArchiveMonth.objects.values_list("month", "count"))


def draft(editor, title="An essay"):
    article = Article(title=title, standfirst="A line.", category=CategoryFactory())
    services.article_save(
        article=article, by=editor, sections=[services.SectionData("", "A paragraph.")]
    )
    return article


def at(year, month, day=10):
    return datetime(year, month, day, 9, 0, tzinfo=UTC)


def test_published_essays_are_counted_in_their_months_newest_first(client, editor):
    for when in (at(2024, 3), at(2024, 3, 20), at(2025, 1)):
        services.article_publish(article=draft(editor), by=editor, at=when)
    draft(editor, title="Still a draft")

    assert list(index(client).items()) == [((2025, "January"), 1), ((2024, "March"), 2)]


def test_an_essay_leaves_its_month_when_unpublished_deleted_or_redated(client, editor):
    first, second, third = (draft(editor, title=f"Essay {n}") for n in range(3))
    for article in (first, second, third):
        services.article_publish(article=article, by=editor, at=at(2024, 3))
    assert index(client) == {(2024, "March"): 3}

    services.article_unpublish(article=first, by=editor)
    services.article_delete(article=Article.objects.get(pk=second.pk), by=editor)
    third.published_at = at(2023, 11)
    services.article_save(article=third, by=editor)

    assert index(client) == {(2023, "November"): 1}
    assert stored_counts() == live_counts()


def test_a_scheduled_essay_is_counted_from_its_time_with_nothing_written(
    client, editor, monkeypatch
):
    now = timezone.now()
    soon = now + timedelta(days=40)
    services.article_schedule(article=draft(editor), by=editor, at=soon)
    assert index(client) == {}

    monkeypatch.setattr(timezone, "now", lambda: soon + timedelta(minutes=1))
    with CaptureQueriesContext(connection) as queries:
        shown = index(client)

    assert shown == {(soon.year, f"{soon:%B}"): 1}
    assert not [q for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]


def test_months_are_those_of_the_site_time_zone(client, editor, settings):
    settings.TIME_ZONE = "Europe/Paris"
    # Half past eleven at night in London on the last day of January is February in Paris.
    services.article_publish(
        article=draft(editor), by=editor, at=datetime(2024, 1, 31, 23, 30, tzinfo=UTC)
    )

    assert index(client) == {(2024, "February"): 1}


def test_counts_kept_for_another_time_zone_wait_for_a_recount(client, editor, settings):
    services.article_publish(
        article=draft(editor), by=editor, at=datetime(2024, 1, 31, 23, 30, tzinfo=UTC)
    )
    settings.TIME_ZONE = "Europe/Paris"

    # Until the recount the page counts the essays themselves, and is right.
    assert index(client) == {(2024, "February"): 1}

    call_command("recount_archive", verbosity=0)

    assert stored_counts() == {datetime(2024, 2, 1).date(): 1}
    assert set(ArchiveMonth.objects.values_list("time_zone", flat=True)) == {"Europe/Paris"}
    assert index(client) == {(2024, "February"): 1}


def test_imported_and_bulk_created_essays_are_counted(client, editor):
    desk = CategoryFactory(name="Festivals", slug="festivals")
    pages = [
        page_text(title=f"Harbour {n}", day=day, front={"status": "published"})
        for n, day in enumerate(["March 4, 2024", "March 9, 2024", "May 1, 2023"])
    ]
    sources = [PageSource(f"p{n}.txt", lambda t=t: t.encode()) for n, t in enumerate(pages)]
    assert import_pages(sources, default_category=desk).ok
    services.articles_create_bulk(
        essays=[
            services.NewEssay(
                article=Article(
                    title="Made in bulk",
                    standfirst="A line.",
                    category=desk,
                    status=ArticleStatus.PUBLISHED,
                    published_at=at(2023, 5),
                ),
                sections=[services.SectionData("", "Text.")],
                author_ids=[],
                tag_ids=[],
            )
        ],
        by=editor,
    )

    assert index(client) == {(2024, "March"): 2, (2023, "May"): 2}


def test_any_sequence_of_changes_leaves_the_counts_those_of_the_essays(editor):
    """Services chosen at random, 150 steps: the store always says what counting would."""
    rng = random.Random(20261206)
    months = [
        at(year, month, day) for year in (2023, 2024) for month in (1, 2, 12) for day in (1, 28)
    ]
    essays = []
    for step in range(150):
        move = rng.choice(["new", "publish", "schedule", "unpublish", "redate", "delete"])
        mine = [Article.objects.get(pk=pk) for pk in rng.sample(essays, min(len(essays), 1))]
        if move == "new" or not mine:
            essays.append(draft(editor, title=f"Essay {step}").pk)
            continue
        [article] = mine
        published = article.status == ArticleStatus.PUBLISHED
        if move == "publish" and not published:
            services.article_publish(article=article, by=editor, at=rng.choice(months))
        elif move == "schedule" and article.status in (ArticleStatus.DRAFT,):
            services.article_schedule(
                article=article, by=editor, at=timezone.now() + timedelta(days=rng.randint(1, 90))
            )
        elif move == "unpublish" and published:
            services.article_unpublish(article=article, by=editor)
        elif move == "redate" and published:
            article.published_at = rng.choice(months)
            services.article_save(article=article, by=editor)
        elif move == "delete":
            essays.remove(article.pk)
            services.article_delete(article=article, by=editor)
        assert stored_counts() == live_counts(), (step, move)
    assert len(stored_counts()) > 3


def test_the_index_runs_the_same_queries_for_1_and_30_months(client):
    counts = {}
    for months in (1, 30):
        ArticleFactory.reset_sequence()
        for n in range(months):
            ArticleFactory(published_at=at(2020, 1) + timedelta(days=31 * n))
        ArticleFactory(scheduled=True)
        index(client)  # the header's sections, read once per process
        with CaptureQueriesContext(connection) as queries:
            assert len(index(client)) == months
        counts[months] = len(queries)
        Article.objects.all().delete()
        ArchiveMonth.objects.all().delete()

    assert counts[1] == counts[30]


def test_the_archive_sitemap_lists_the_years_and_months_with_essays(client, editor):
    services.article_publish(article=draft(editor), by=editor, at=at(2024, 3))
    services.article_schedule(
        article=draft(editor), by=editor, at=timezone.now() + timedelta(days=40)
    )

    xml = client.get("/sitemap-archive.xml").content.decode()

    assert re.findall(r"<loc>http://testserver(/archive/[^<]*)</loc>", xml) == [
        "/archive/2024/",
        "/archive/2024/3/",
    ]


def test_the_migration_counts_the_essays_already_there():
    for when in (at(2024, 3), at(2024, 3, 20), at(2022, 12)):
        ArticleFactory(published_at=when)
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    ArchiveMonth.objects.all().delete()

    migration = importlib.import_module("articles.migrations.0017_archive_months")
    migration.count_months(django_apps, SimpleNamespace(connection=connection))

    assert stored_counts() == live_counts()
    assert len(stored_counts()) == 3


@pytest.mark.django_db(transaction=True)
def test_two_publications_in_one_month_at_the_same_time_are_both_counted(editor):
    """Each counts its month with the other's essay committed or waiting, never neither."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time")
    services.article_publish(article=draft(editor, title="Earlier"), by=editor, at=at(2024, 3, 2))
    first, second = draft(editor, title="First"), draft(editor, title="Second")
    counted = threading.Event()

    def publish_first():
        try:
            with transaction.atomic():
                services.article_publish(
                    article=Article.objects.get(pk=first.pk), by=editor, at=at(2024, 3)
                )
                counted.set()
                time.sleep(0.5)  # the second publication counts meanwhile
        finally:
            connection.close()

    thread = threading.Thread(target=publish_first)
    thread.start()
    assert counted.wait(10)
    services.article_publish(
        article=Article.objects.get(pk=second.pk), by=editor, at=at(2024, 3, 20)
    )
    thread.join()

    assert stored_counts() == {datetime(2024, 3, 1).date(): 3}
