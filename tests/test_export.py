"""Taking essays out again as page files, and bringing them back unchanged."""

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.importing.exporting import export_articles
from articles.importing.pageformat import parse_page
from articles.models import Article, Author, Tag
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def export(directory, *args, **options):
    out = io.StringIO()
    call_command("export_articles", str(directory), *args, stdout=out, **options)
    return out.getvalue()


def import_folder(directory):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(directory), stdout=out, stderr=err)
    return out.getvalue()


def pinned(link):
    if link.target_id:
        return ("essay", link.target.slug)
    return ("reference", link.reference_summary, link.reference_date)


def snapshot():
    """Everything the round trip promises to keep, by slug."""
    return {
        article.slug: {
            "title": article.title,
            "standfirst": article.standfirst,
            "status": article.status,
            "date": article.published_at.date() if article.published_at else None,
            "category": article.category.slug,
            "authors": sorted(author.name for author in article.authors.all()),
            "tags": sorted(tag.name for tag in article.tags.all()),
            "sections": [(s.heading, s.paragraphs) for s in article.sections.all()],
            "pinned": [pinned(link) for link in article.pinned_links.order_by("position")],
        }
        for article in Article.objects.order_by("slug")
    }


@pytest.fixture
def archive():
    """Three essays: sections of every shape, tags, authors and pinned links of both kinds."""
    desk = CategoryFactory(name="National cinemas", slug="national-cinemas")
    critics = [AuthorFactory(name="Ilse Marrow"), AuthorFactory(name="Teo Bramble")]
    main = ArticleFactory(
        slug="harbour-lights",
        title="Harbour lights: cinema in the port towns",
        standfirst="How dock workers built the first film societies.",
        category=desk,
        published_at=datetime(2024, 3, 4, 14, 30, tzinfo=UTC),
        tags=["ports", "Film societies"],
        authors=critics,
        paragraphs__skip=True,
    )
    SectionFactory(article=main, position=1, heading="", paragraphs=2)
    SectionFactory(
        article=main,
        position=2,
        heading="The societies",
        body="A single line that looks like a heading.\n\nADVERTISEMENT\n\n## Not a heading",
    )
    SectionFactory(article=main, position=3, heading="", paragraphs=1)  # unheaded, mid-essay
    SectionFactory(article=main, position=4, heading="<b>Literal</b> markup", paragraphs=1)
    target = ArticleFactory(
        slug="subtitles",
        standfirst="On \u201csubtitles\u201d and their enemies.",
        category=desk,
        published_at=datetime(2023, 12, 1, 9, tzinfo=UTC),
        tags=["ports"],
    )
    draft = ArticleFactory(
        slug="draft-essay",
        draft=True,
        category=CategoryFactory(name="Craft", slug="craft"),
        published_at=datetime(2025, 1, 2, tzinfo=UTC),
    )
    RelatedLinkFactory(article=main, target=target, position=1)
    RelatedLinkFactory(
        article=main,
        target=None,
        position=2,
        reference_summary="An essay we do not have yet.",
        reference_date=datetime(2022, 5, 6).date(),
    )
    RelatedLinkFactory(article=main, target=draft, position=3)
    RelatedLinkFactory(article=draft, target=main, position=1)
    return main


def test_each_essay_is_written_to_its_slug_with_front_matter(tmp_path, archive):
    out = export(tmp_path)

    assert out.strip() == f"Exported 3 essays to {tmp_path}."
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "draft-essay.txt",
        "harbour-lights.txt",
        "subtitles.txt",
    ]
    text = (tmp_path / "harbour-lights.txt").read_text(encoding="utf-8")
    assert text.startswith(
        "---\nslug: harbour-lights\ncategory: national-cinemas\nstatus: published\n"
        "authors: Ilse Marrow, Teo Bramble\ntags: Film societies, ports\n---\n"
        "Harbour lights: cinema in the port towns\n"
        "How dock workers built the first film societies.\n"
        "March 04, 2024\n"
    )
    assert "\n## The societies\n" in text
    assert (
        "\nRelated Articles\nOn \u201csubtitles\u201d and their enemies.\nDecember 01, 2023\n"
        in text
    )


def test_importing_an_export_into_an_empty_database_reproduces_the_essays(tmp_path, archive):
    before = snapshot()
    export(tmp_path)
    Article.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()

    out = import_folder(tmp_path)

    assert "3 files: 3 created, 0 updated, 0 failed; related entries: 1 unresolved" in out
    assert snapshot() == before


def test_exported_page_parses_back_to_what_was_written(tmp_path, archive):
    export(tmp_path, slug=["harbour-lights"])

    parsed = parse_page((tmp_path / "harbour-lights.txt").read_text(), filename="x")

    assert [(s.heading, len(s.paragraphs)) for s in parsed.sections] == [
        ("", 2),
        ("The societies", 3),
        ("", 1),
        ("<b>Literal</b> markup", 1),
    ]
    assert parsed.sections[1].paragraphs == (
        "A single line that looks like a heading.",
        "ADVERTISEMENT",
        "## Not a heading",
    )


def test_export_filters_by_status_category_and_slug(tmp_path, archive):
    export(tmp_path / "drafts", status="draft")
    export(tmp_path / "craft", category="Craft")
    export(tmp_path / "two", slug=["subtitles", "harbour-lights"])

    assert [p.name for p in (tmp_path / "drafts").iterdir()] == ["draft-essay.txt"]
    assert [p.name for p in (tmp_path / "craft").iterdir()] == ["draft-essay.txt"]
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == [
        "harbour-lights.txt",
        "subtitles.txt",
    ]


def test_export_refuses_unknown_filters(tmp_path, archive):
    with pytest.raises(CommandError, match='Unknown category "Poetry"'):
        export(tmp_path, category="Poetry")
    with pytest.raises(CommandError, match="No essay with the slug nope"):
        export(tmp_path, slug=["nope"])


def test_undated_draft_is_written_with_the_day_it_was_created(tmp_path):
    draft = ArticleFactory(slug="undated", draft=True)

    export(tmp_path)

    parsed = parse_page((tmp_path / "undated.txt").read_text(), filename="undated.txt")
    assert parsed.date == draft.created_at.date()
    assert parsed.status == "draft"


@pytest.mark.django_db
def test_every_workflow_status_survives_export_and_import(tmp_path):
    from articles.importing.importer import import_pages
    from articles.importing.sources import sources_from_paths
    from articles.models import ArticleStatus

    desk = CategoryFactory(name="Desk", slug="desk")
    for status in (ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED):
        ArticleFactory(slug=f"essay-{status}", status=status, category=desk)
    export_articles(Article.objects.all(), tmp_path)
    Article.objects.all().delete()

    report = import_pages(sources_from_paths([tmp_path]))

    assert report.failures == []
    assert dict(Article.objects.values_list("slug", "status")) == {
        "essay-review": "review",
        "essay-unpublished": "unpublished",
    }


@pytest.mark.django_db
def test_a_draft_without_a_standfirst_is_left_out_of_an_export_with_the_reason(tmp_path):
    ArticleFactory(slug="half-written", draft=True, standfirst="")
    ArticleFactory(slug="complete")
    skipped = []

    written = export_articles(Article.objects.all(), tmp_path, skipped=skipped)

    assert written == 1 and [p.name for p in tmp_path.iterdir()] == ["complete.txt"]
    assert skipped == [("half-written", "no standfirst yet (a page needs one)")]
