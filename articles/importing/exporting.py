"""
Essays back out as page files: the import path run backwards (article -> ParsedPage ->
text), so importing an export reproduces the essays, sections, tags, dates and pinned
related links.
"""

from pathlib import Path

from django.db.models import Prefetch

from articles.importing.importer import local_date
from articles.importing.pageformat import ParsedPage, ParsedSection, RelatedEntry, write_page
from articles.models import Author, RelatedLink, Section

EXPORT_CHUNK = 500


def page_date(article):
    """
    The date line of an essay's page. An undated draft has none, so its page carries the
    day it was created (the format needs a date); imported again, it is a dated draft.
    """
    return local_date(article.published_at or article.created_at)


def page_for_article(article):
    """Expects the prefetches of `for_export`; works without them, one query at a time."""
    sections = []
    for section in article.sections.all():
        paragraphs = tuple(section.paragraphs)
        if section.heading or paragraphs:
            sections.append(ParsedSection(section.heading, paragraphs))
    related = []
    for link in article.pinned_links.all():
        if link.target_id:
            # What the target says now, so the link resolves to it again on import.
            related.append(RelatedEntry(link.target.standfirst, page_date(link.target)))
        elif link.reference_date:
            related.append(RelatedEntry(link.reference_summary, link.reference_date))
        # A reference typed in the admin without a date cannot be written as a pair.
    return ParsedPage(
        title=article.title,
        standfirst=article.standfirst,
        date=page_date(article),
        sections=tuple(sections),
        related=tuple(related),
        slug=article.slug,
        # An incomplete draft may have no section yet.
        category=article.category.slug if article.category_id else "",
        status=article.status,
        authors=tuple(author.name for author in article.authors.all()),
        tags=tuple(sorted((tag.name for tag in article.tags.all()), key=str.casefold)),
    )


def for_export(queryset):
    return (
        queryset.select_related("category")
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("position", "id")),
            Prefetch("authors", queryset=Author.objects.order_by("name", "id")),
            "tags",
            Prefetch(
                "pinned_links",
                queryset=RelatedLink.objects.select_related("target").order_by("position", "id"),
            ),
        )
        .order_by("id")
    )


def export_articles(queryset, directory, *, skipped=None):
    """
    Write each essay to DIRECTORY/<slug>.txt; returns how many were written. A draft too
    incomplete for the page format (no standfirst yet) is left out and, when `skipped` is
    a list, named there with the reason.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    # In chunks, so an archive of any size is exported in bounded memory.
    for article in for_export(queryset).iterator(chunk_size=EXPORT_CHUNK):
        if not article.standfirst.strip():
            if skipped is not None:
                skipped.append((article.slug, "no standfirst yet (a page needs one)"))
            continue
        text = write_page(page_for_article(article))
        (directory / f"{article.slug}.txt").write_text(text, encoding="utf-8", newline="\n")
        written += 1
    return written
