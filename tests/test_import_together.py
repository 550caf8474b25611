"""
New pages of an import are checked one by one and created together (`articles_create_bulk`):
the essays end exactly as if each had been saved and published on its own, a refusal still
names its file, and nothing is lost when creating them together fails.
"""

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.importing import importer
from articles.models import (
    ArchiveMonth,
    Article,
    ArticleRendering,
    ArticleStatus,
    AuditAction,
    AuditEntry,
    Byline,
    RelatedLink,
    Revision,
    SearchEntry,
    TaggedArticle,
)
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.test_import import import_texts, page_text

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def desk():
    return CategoryFactory(name="Festivals", slug="festivals")


@pytest.fixture
def one_group(monkeypatch):
    """Every file of a test's import shares one commit, as a large import's neighbours do."""
    monkeypatch.setattr(importer, "GROUP_SECONDS", 60)


@pytest.fixture
def each_on_its_own(monkeypatch):
    """The importer as it was: every page saved, then published, on its own."""
    return lambda: monkeypatch.setattr(importer, "WAITING_STATUSES", ())


def archive_pages():
    published = {"status": "published", "tags": "ports, night", "authors": "Ines Varga"}
    return [
        page_text("Harbour lights", "How dock workers built film societies.", front=published),
        page_text(
            "Night ferries",
            "Crossings filmed after dark.",
            "March 9, 2024",
            front={"tags": "night", "authors": "Ines Varga, Ode Lind"},
            related=[
                ("How dock workers built film societies.", "March 4, 2024"),
                ("An essay already on the site.", "January 2, 2020"),
                ("An essay nobody has written.", "May 5, 2021"),
                ("How dock workers built film societies.", "March 4, 2024"),
            ],
        ),
        page_text(
            "Festival to come",
            "A programme announced early.",
            f"June 1, {NEXT_YEAR}",
            front={**published, "tags": "festivals"},
            related=[("Crossings filmed after dark.", "March 9, 2024")],
        ),
        page_text(
            "In review", "Waiting for an editor.", "April 2, 2024", front={"status": "review"}
        ),
        page_text(
            "After the review",
            "Written the week after.",
            "April 9, 2024",
            front={"status": "published"},
            related=[("Waiting for an editor.", "April 2, 2024")],
        ),
        page_text(
            "Night ferries, revised",
            "Crossings filmed after dark, again.",
            "March 9, 2024",
            front={"slug": "night-ferries", "tags": "night, ports"},
        ),
    ]


def site_state():
    """Everything an import writes, with ids and times replaced by what they name."""
    slugs = dict(Article.objects.values_list("pk", "slug"))

    def named(snapshot):
        snapshot["authors"] = [author["name"] for author in snapshot["authors"]]
        for pin in snapshot["pins"]:
            pin["target"] = slugs.get(pin["target"])
        return snapshot

    state = {}
    for article in Article.objects.order_by("slug"):
        state[article.slug] = {
            "essay": (
                article.title,
                article.standfirst,
                article.status,
                article.published_at,
                article.suggested_published_at,
                article.version,
                article.owner_id,
                article.category_id,
            ),
            "sections": list(article.sections.values_list("position", "heading", "body")),
            "byline": sorted(
                Byline.objects.filter(article=article).values_list("author__name", "listed_at")
            ),
            "tags": sorted(
                TaggedArticle.objects.filter(content_object=article).values_list(
                    "tag__name", "listed_at"
                )
            ),
            "pins": [
                (
                    link.position,
                    slugs.get(link.target_id),
                    link.reference_summary,
                    link.reference_date,
                )
                for link in article.pinned_links.order_by("position")
            ],
            "revisions": [
                (revision.number, revision.transition, revision.comment, named(revision.snapshot()))
                for revision in Revision.objects.filter(article=article).order_by("number")
            ],
            "audit": list(
                AuditEntry.objects.filter(article=article)
                .order_by("id")
                .values_list(
                    "action", "from_status", "to_status", "comment", "published_at", "actor"
                )
            ),
            "rendering": list(
                ArticleRendering.objects.filter(article=article).values(
                    "body_html",
                    "authors_html",
                    "share_html",
                    "card_html",
                    "reading_minutes",
                    "word_count",
                )
            ),
            "searchable": SearchEntry.objects.filter(article=article).exists(),
        }
    state["months"] = sorted(ArchiveMonth.objects.values_list("month", "count"))
    return state


@pytest.mark.parametrize("importing_as", ["shell", "editor"])
def test_new_pages_created_together_end_exactly_as_pages_saved_one_by_one(
    desk, one_group, each_on_its_own, importing_as, request
):
    by = None if importing_as == "shell" else request.getfixturevalue("editor")
    ArticleFactory(
        standfirst="An essay already on the site.",
        published_at=timezone.make_aware(datetime(2020, 1, 2, 12)),
        slug="already-here",
    )
    pages = archive_pages()

    with transaction.atomic():
        together = import_texts(*pages, default_category=desk, by=by)
        created_together = site_state()
        transaction.set_rollback(True)
    each_on_its_own()
    one_by_one = import_texts(*pages, default_category=desk, by=by)

    def counts(report):
        return (report.created, report.updated, report.failed, report.unresolved,
                report.resolved_earlier, report.related_refreshed)  # fmt: skip

    assert counts(together) == counts(one_by_one)
    assert [o.unresolved for o in together.outcomes] == [o.unresolved for o in one_by_one.outcomes]
    assert created_together == site_state()


def test_a_page_pinning_one_imported_just_before_it_is_pinned_at_once(desk, one_group):
    first = page_text(
        "Harbour lights", "Dock workers and their films.", front={"status": "published"}
    )
    second = page_text(
        "Night ferries",
        "Crossings filmed after dark.",
        "March 9, 2024",
        related=[("Dock workers and their films.", "March 4, 2024")],
    )

    report = import_texts(first, second, default_category=desk)

    ferries = Article.objects.get(title="Night ferries")
    [pin] = ferries.pinned_links.all()
    assert pin.target.title == "Harbour lights"
    assert report.outcomes[1].unresolved == 0 and report.unresolved == 0
    [revision] = ferries.revisions.all()
    assert revision.snapshot()["pins"][0]["target"] == pin.target_id


def test_new_pages_are_written_in_a_fixed_number_of_statements(desk, one_group):
    def statements_for(count):
        pages = [
            page_text(
                f"Essay {count}-{n}",
                f"Standfirst {count}-{n}.",
                front={"status": "published", "tags": "ports, night", "authors": "Ode Lind"},
                related=[(f"Standfirst {count}-{n - 1}.", "March 4, 2024")],
            )
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            assert import_texts(*pages, default_category=desk).ok
        return len(queries)

    statements_for(2)  # the tags and the author are made by the first import
    few, many = statements_for(5), statements_for(25)

    # Per page: its address and its related entries looked up, and its savepoint (made and
    # released); the rest is per group, whatever the number of pages. Saved one by one, a
    # published page took 16.
    assert many - few <= 20 * 4


def test_two_pages_with_one_address_in_a_group_make_one_essay_updated_by_the_second(
    desk, one_group
):
    first = page_text("Harbour lights", "First version.", front={"slug": "harbour"})
    second = page_text("Harbour lights", "Second version.", front={"slug": "harbour"})

    report = import_texts(first, second, default_category=desk)

    assert (report.created, report.updated) == (1, 1)
    essay = Article.objects.get(slug="harbour")
    assert essay.standfirst == "Second version."
    assert list(essay.revisions.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_when_creating_the_waiting_pages_fails_they_are_imported_one_by_one(
    desk, one_group, monkeypatch, caplog
):
    real = services.articles_create_bulk
    calls = []

    def failing_once(**kwargs):
        calls.append(len(kwargs["essays"]))
        if len(calls) == 1:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(services, "articles_create_bulk", failing_once)
    texts = [page_text(f"Essay {n}", f"Standfirst {n}.", front={"tags": "ports"}) for n in range(3)]

    report = import_texts(*texts, default_category=desk)

    assert calls == [3]
    assert (report.created, report.failed) == (3, 0)
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Essay 0",
        "Essay 1",
        "Essay 2",
    ]
    assert TaggedArticle.objects.count() == 3
    assert "importing them one by one" in caplog.text


def test_a_refused_page_among_waiting_ones_names_its_line_and_the_others_are_created(
    desk, one_group, writer
):
    draft = page_text("Harbour lights", "A draft.")
    live = page_text("Night ferries", "Crossings.", front={"status": "published"})
    later = page_text("Later", "Another draft.")

    report = import_texts(draft, live, later, default_category=desk, by=writer)

    assert [str(failure) for failure in report.failures] == [
        "page-1.txt:2: you may import drafts, but publishing an essay or changing a published "
        "essay's date needs an editor with the publish permission",
    ]
    assert set(Article.objects.values_list("title", flat=True)) == {"Harbour lights", "Later"}


# --- The service ---------------------------------------------------------------------------


def new_essay(title="Made in bulk", *, status=ArticleStatus.PUBLISHED, text="Some text.", **fields):
    return services.NewEssay(
        article=Article(
            title=title,
            standfirst="A line.",
            category=fields.pop("category", None) or CategoryFactory(),
            status=status,
            published_at=timezone.make_aware(datetime(2024, 3, 4, 9)),
            **fields,
        ),
        sections=[services.SectionData("", text)] if text else [],
        author_ids=[],
        tag_ids=[],
    )


def test_bulk_creation_keeps_the_record_a_save_and_a_publication_keep(editor):
    owner = UserFactory(email="owner@example.org")
    [essay] = services.articles_create_bulk(essays=[new_essay(owner=owner)], by=editor)

    assert essay.version == 1
    [revision] = essay.revisions.all()
    assert (revision.number, revision.transition) == (1, AuditAction.PUBLISH)
    assert revision.snapshot()["sections"] == [{"heading": "", "body": "Some text."}]
    assert list(
        AuditEntry.objects.filter(article=essay).order_by("id").values_list("action", "to_status")
    ) == [(AuditAction.CREATE, ArticleStatus.DRAFT), (AuditAction.PUBLISH, ArticleStatus.PUBLISHED)]


def test_bulk_creation_tells_owners_once_committed(editor, django_capture_on_commit_callbacks):
    owner = UserFactory(email="owner@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.articles_create_bulk(essays=[new_essay(owner=owner)], by=editor)

    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert mail.outbox[0].subject.endswith("Published: Made in bulk")


def test_bulk_creation_refuses_what_a_save_or_a_publication_refuses(editor, writer):
    with pytest.raises(services.Incomplete):
        services.articles_create_bulk(essays=[new_essay(text="  ")], by=editor)
    with pytest.raises(PermissionDenied):
        services.articles_create_bulk(essays=[new_essay()], by=writer)
    essay = new_essay(status=ArticleStatus.DRAFT)
    essay.pinned_in_batch = {0: 0}
    with pytest.raises(ValueError, match="names no other essay"):
        services.articles_create_bulk(essays=[essay], by=editor)

    assert not Article.objects.exists()


def test_bulk_creation_pins_essays_made_in_the_same_call(editor):
    first, second = new_essay("First"), new_essay("Second", status=ArticleStatus.DRAFT)
    second.pins = [services.PinData(None, "A line.", date(2024, 3, 4))]
    second.pinned_in_batch = {0: 0}

    first, second = services.articles_create_bulk(essays=[first, second], by=editor)

    assert list(RelatedLink.objects.filter(article=second).values_list("target", flat=True)) == [
        first.pk
    ]


def test_an_essay_checked_for_one_person_is_checked_again_for_another(editor, writer):
    checked = services.new_essay_check(essay=new_essay(), by=editor)

    with pytest.raises(PermissionDenied):
        services.articles_create_bulk(essays=[checked], by=writer)
    assert not Article.objects.exists()
