"""
An author's page lists their essays from the dates kept on their bylines, as a tag's page
does from its taggings: every change the services make (publishing, scheduling,
unpublishing, a new date, new authors, bulk creation, an import) shows there, a scheduled
essay appears at its time with no write at all, and bylines keep their order.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles import services
from articles.importing.importer import import_pages
from articles.importing.sources import sources_from_paths
from articles.models import Article, ArticleStatus, Author, Byline
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}


@pytest.fixture
def critic():
    return AuthorFactory(name="Ana Pires", slug="ana-pires")


def draft(editor, title, authors):
    return services.article_save(
        article=Article(title=title, standfirst="One line.", category=CategoryFactory()),
        by=editor,
        sections=[services.SectionData("", "A paragraph.")],
        authors=authors,
    )


def author_page(client, slug="ana-pires"):
    response = client.get(f"/authors/{slug}/")
    return response.content.decode() if response.status_code == 200 else ""


def author_feed(client, slug="ana-pires"):
    response = client.get(f"/feeds/authors/{slug}.rss")
    return response.content.decode() if response.status_code == 200 else ""


def test_publishing_and_unpublishing_show_on_the_author_page(client, editor, critic):
    essay = draft(editor, "Intertitles as poetry", [critic])
    assert "Intertitles as poetry" not in author_page(client)

    services.article_publish(article=essay, by=editor)
    assert "Intertitles as poetry" in author_page(client)
    assert "Intertitles as poetry" in author_feed(client)

    services.article_unpublish(article=essay, by=editor)
    assert "Intertitles as poetry" not in author_page(client)
    assert "Intertitles as poetry" not in author_feed(client)


def test_an_authors_essays_come_newest_first(client, editor, critic):
    now = timezone.now()
    for title, days_ago in (("Middle", 2), ("Newest", 1), ("Oldest", 3)):
        services.article_publish(
            article=draft(editor, title, [critic]), by=editor, at=now - timedelta(days=days_ago)
        )

    for html in (author_page(client), author_feed(client)):
        assert html.index("Newest") < html.index("Middle") < html.index("Oldest")


def test_a_scheduled_essay_appears_at_its_time_without_any_write(
    client, editor, critic, monkeypatch
):
    services.article_publish(article=draft(editor, "Early colour", [critic]), by=editor)
    at = timezone.now() + timedelta(hours=2)
    services.article_schedule(article=draft(editor, "Tinted prints", [critic]), by=editor, at=at)
    assert "Tinted prints" not in author_page(client)
    assert "Tinted prints" not in author_feed(client)

    later = at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Tinted prints" in author_page(client)
    assert "Tinted prints" in author_feed(client)


def test_an_author_with_only_a_scheduled_essay_has_no_page_until_its_time(client, editor, critic):
    at = timezone.now() + timedelta(days=1)
    services.article_schedule(article=draft(editor, "Tinted prints", [critic]), by=editor, at=at)

    assert client.get("/authors/ana-pires/").status_code == 404
    assert client.get("/feeds/authors/ana-pires.rss").status_code == 404


def test_a_new_date_moves_the_essay_on_the_author_page(client, editor, critic):
    now = timezone.now()
    older = services.article_publish(
        article=draft(editor, "Older", [critic]), by=editor, at=now - timedelta(days=2)
    )
    services.article_publish(
        article=draft(editor, "Newer", [critic]), by=editor, at=now - timedelta(days=1)
    )
    html = author_page(client)
    assert html.index("Newer") < html.index("Older")

    older = Article.objects.get(pk=older.pk)
    older.published_at = now - timedelta(hours=1)
    services.article_save(article=older, by=editor)

    html = author_page(client)
    assert html.index("Older") < html.index("Newer")


def test_a_date_moved_into_the_future_hides_the_essay_until_then(client, editor, critic):
    services.article_publish(article=draft(editor, "Staying", [critic]), by=editor)
    moving = services.article_publish(article=draft(editor, "Moving", [critic]), by=editor)

    moving = Article.objects.get(pk=moving.pk)
    moving.published_at = timezone.now() + timedelta(days=1)
    services.article_save(article=moving, by=editor)

    assert "Moving" not in author_page(client)
    assert "Staying" in author_page(client)


def test_authors_added_to_and_removed_from_a_published_essay_show_on_their_pages(
    client, editor, critic
):
    newcomer = AuthorFactory(name="Zora Lind", slug="zora-lind")
    essay = services.article_publish(article=draft(editor, "Nitrate", [critic]), by=editor)

    services.article_save(article=Article.objects.get(pk=essay.pk), by=editor,
                          authors=[critic, newcomer])  # fmt: skip
    assert "Nitrate" in author_page(client, "zora-lind")
    assert "Nitrate" in author_feed(client, "zora-lind")

    services.article_save(article=Article.objects.get(pk=essay.pk), by=editor,
                          authors=[newcomer])  # fmt: skip
    assert "Nitrate" in author_page(client, "zora-lind")
    assert "Nitrate" not in author_page(client)


def test_restoring_a_revision_gives_the_authors_pages_their_essay_back(client, editor, critic):
    essay = services.article_publish(article=draft(editor, "Nitrate", [critic]), by=editor)
    first = essay.revisions.order_by("number").first()
    services.article_save(article=Article.objects.get(pk=essay.pk), by=editor,
                          authors=[AuthorFactory()])  # fmt: skip
    assert "Nitrate" not in author_page(client)

    services.revision_restore(revision=first, by=editor)

    assert "Nitrate" in author_page(client)


def test_essays_created_in_bulk_are_listed_at_their_dates(client, editor, critic):
    now = timezone.now()

    def new(title, status, published_at):
        return services.NewEssay(
            article=Article(title=title, standfirst="One line.", status=status,
                            published_at=published_at, category=CategoryFactory()),
            sections=[services.SectionData("", "A paragraph.")],
            author_ids=[critic.pk],
            tag_ids=[],
        )  # fmt: skip

    services.articles_create_bulk(
        essays=[
            new("Bulk older", ArticleStatus.PUBLISHED, now - timedelta(days=2)),
            new("Bulk newer", ArticleStatus.PUBLISHED, now - timedelta(days=1)),
            new("Bulk scheduled", ArticleStatus.PUBLISHED, now + timedelta(days=1)),
            new("Bulk draft", ArticleStatus.DRAFT, None),
        ],
        by=editor,
    )

    html = author_page(client)
    assert html.index("Bulk newer") < html.index("Bulk older")
    assert "Bulk scheduled" not in html and "Bulk draft" not in html


def test_imported_published_pages_are_listed_on_their_authors_pages(client, editor, tmp_path):
    page = (
        "---\nauthors: Ana Pires\nstatus: published\n---\n"
        "Harbour films\nA standfirst.\nJuly 23, 2025\nOne imported paragraph.\n"
    )
    (tmp_path / "harbour.txt").write_text(page, encoding="utf-8")

    report = import_pages(sources_from_paths([tmp_path]), default_category=CategoryFactory(),
                          by=editor)  # fmt: skip

    assert report.created == 1, report.failures
    assert "Harbour films" in author_page(client, Author.objects.get(name="Ana Pires").slug)


def test_bylines_keep_their_order_on_the_essay_and_in_lists(client, editor, critic):
    # Given last-name-first: bylines show authors in name order, as they always have.
    zora = AuthorFactory(name="Zora Lind", slug="zora-lind")
    essay = services.article_publish(article=draft(editor, "Nitrate", [zora, critic]), by=editor)

    essay_page = client.get(essay.get_absolute_url()).content.decode()
    for html in (essay_page, author_page(client), author_page(client, "zora-lind")):
        assert 'Ana Pires</a> and <a href="/authors/zora-lind/">Zora Lind' in html


# --- The migration that gave bylines their dates ---------------------------------------------

BEFORE = [("articles", "0011_rendering_word_count_and_author_links")]
AFTER = [("articles", "0012_author_listing_dates")]


# Transactional: migrations run outside a test transaction. The database is emptied after
# (and its groups recreated by post_migrate), whatever ran before.
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_byline_and_dates_those_of_published_essays(client):
    published_at = datetime(2025, 7, 10, 9, 0, tzinfo=UTC)
    kept = ArticleFactory(title="Written before", authors=[AuthorFactory(slug="vera-lind")])
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE[0]).apps
        OldArticle, OldAuthor = (
            old.get_model("articles", "Article"),
            old.get_model("articles", "Author"),
        )
        assert list(OldArticle.objects.get(pk=kept.pk).authors.values_list("slug", flat=True)) == [
            "vera-lind"
        ]
        ana = OldAuthor.objects.create(name="Ana Pires", slug="ana-pires")
        zora = OldAuthor.objects.create(name="Zora Lind", slug="zora-lind")
        essays = {}
        for title, status, when in (
            ("Live", "published", published_at),
            ("Scheduled", "published", timezone.now() + timedelta(days=1)),
            ("Taken down", "unpublished", published_at - timedelta(days=1)),
            ("Unfinished", "draft", None),
        ):
            essays[title] = OldArticle.objects.create(
                title=title, slug=title.lower().replace(" ", "-"), status=status,
                published_at=when,
            )  # fmt: skip
            essays[title].authors.add(ana, zora)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

    bylines = {
        (byline.article.title, byline.author.name): byline.listed_at
        for byline in Byline.objects.select_related("article", "author")
    }
    assert bylines == {
        ("Written before", kept.authors.get().name): kept.published_at,
        **{(title, name): None for title in essays for name in ("Ana Pires", "Zora Lind")},
        ("Live", "Ana Pires"): published_at,
        ("Live", "Zora Lind"): published_at,
        ("Scheduled", "Ana Pires"): essays["Scheduled"].published_at,
        ("Scheduled", "Zora Lind"): essays["Scheduled"].published_at,
    }
    html = author_page(client)
    assert "Live" in html and "Scheduled" not in html and "Taken down" not in html
