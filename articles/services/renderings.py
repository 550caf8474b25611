"""Essay pages' stored parts (`articles.rendering`), re-rendered for a change of settings."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles import caching, page_head, rendering
from articles.bulk_insert import delete_rows, insert_rows
from articles.models import Article, ArticleStatus, Byline
from articles.prepared import as_prefetched
from articles.services import batching
from articles.services.permissions import Action, require
from articles.services.transactions import writing


def renderings_refresh(*, by=None, only_outdated: bool = False) -> int:
    """
    Render and store every published essay's page parts again (after changing the ad
    settings, or a template they come from); with `only_outdated`, only those missing, made
    with other settings, or whose head a rename cleared, or whose Related Articles entry is
    missing (renderings from before it was stored) or was made with other settings. Returns
    how many. Pages show the new parts at once.
    """
    require(by, Action.PUBLISH)
    # Readers' essays: any other's page is rendered when it is published.
    essays = Article.objects.filter(status=ArticleStatus.PUBLISHED).order_by("pk")
    if only_outdated:
        current = rendering.layout()
        essays = essays.filter(
            Q(rendering__isnull=True)
            | ~Q(rendering__layout=current)
            | Q(rendering__head_html="")
            | Q(related_item__isnull=True)
            | ~Q(related_item__layout=current)
        )
    ids = list(essays.values_list("pk", flat=True))
    with writing():
        count = essays_render(ids)
        if count:
            caching.content_changed()
    return count


def essays_render(article_ids, *, batch_size=500):
    """
    Render and store the parts of these essays (ids), replacing what was stored; returns
    how many. A few queries per batch, whatever the number of sections and authors.
    """
    from articles.models import Article, ArticleRelatedItem, ArticleRendering, Section, Tag

    ids = list(article_ids)
    current, now = rendering.layout(), timezone.now()
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        essays = Article.objects.filter(pk__in=batch).select_related("category")
        tags = _tags_of(batch)
        sections = {}
        for article_id, heading, body in (
            Section.objects.filter(article_id__in=batch)
            .order_by("article_id", "position", "id")
            .values_list("article_id", "heading", "body")
        ):
            sections.setdefault(article_id, []).append((heading, body))
        authors = {}
        for article_id, name, slug in (
            Byline.objects.filter(article_id__in=batch)
            .order_by("author__name", "author_id")  # Author's own order, as bylines show
            .values_list("article_id", "author__name", "author__slug")
        ):
            authors.setdefault(article_id, []).append(
                (name, reverse("articles:author", kwargs={"slug": slug}))
            )
        rows, items = [], []
        for essay in essays:
            as_prefetched(essay, "tags", tags.get(essay.pk, []), Tag)
            parts = rendering.render_parts(
                title=essay.title,
                path=essay.get_absolute_url(),
                sections=sections.get(essay.pk, []),
                authors=authors.get(essay.pk, []),
                standfirst=essay.standfirst,
                published_at=essay.published_at,
            )
            rows.append((essay.pk, current, parts.body, parts.authors, parts.share_bar,
                         parts.reading_minutes, parts.word_count,
                         [list(link) for link in parts.author_links], parts.card,
                         page_head.essay_head_to_store(essay, parts)))  # fmt: skip
            items.append((essay.pk, current, parts.related_item))
        ArticleRendering.objects.filter(article_id__in=batch).delete()
        ArticleRelatedItem.objects.filter(article_id__in=batch).delete()
        insert_rows(
            ArticleRendering,
            ["article", "layout", "body_html", "authors_html", "share_html", "reading_minutes",
             "word_count", "author_links", "card_html", "head_html", "rendered_at"],
            [(*row, now) for row in rows],
        )  # fmt: skip
        insert_rows(ArticleRelatedItem, ["article", "layout", "html"], items)
    return len(ids)


# About a second of an editor's request (docs/performance.md).
HEADS_RENDERED_AT_ONCE = 1500


def essay_heads_render(article_ids, *, batch_size=500):
    """
    Render and store again only the heads of these essays (ids), the one part that names
    their tags and section: what renaming, merging or deleting those needs, at a fraction of
    `essays_render`'s cost. Essays without a current rendering get all their parts.

    Beyond HEADS_RENDERED_AT_ONCE essays (a tag on half the archive), the heads are cleared
    instead, so that the editor's request stays short: those pages render their head live,
    as correct and about a millisecond slower, until `render_essays --outdated` stores them.
    """
    from articles.models import Article, ArticleRendering, Tag

    ids = list(article_ids)
    if len(ids) > HEADS_RENDERED_AT_ONCE:
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            ArticleRendering.objects.filter(article_id__in=batch).update(head_html="")
        return 0
    current = rendering.layout()
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        essays = list(
            Article.objects.filter(pk__in=batch, rendering__layout=current).select_related(
                "category", "rendering"
            )
        )
        tags = _tags_of([essay.pk for essay in essays])
        stored = []
        for essay in essays:
            as_prefetched(essay, "tags", tags.get(essay.pk, []), Tag)
            parts = rendering.stored_parts(essay)
            essay.rendering.head_html = page_head.essay_head_to_store(essay, parts)
            stored.append(essay.rendering)
        ArticleRendering.objects.bulk_update(stored, ["head_html"])
        rendered = {essay.pk for essay in essays}
        essays_render([pk for pk in batch if pk not in rendered])
    return len(ids)


def _tags_of(article_ids):
    """{essay id: [Tag]} in Tag's own order, as the essay page lists them."""
    from articles.models import TaggedArticle

    tags = {}
    for tagged in (
        TaggedArticle.objects.filter(content_object_id__in=article_ids)
        .select_related("tag")
        .order_by("tag__name", "tag_id")
    ):
        tags.setdefault(tagged.content_object_id, []).append(tagged.tag)
    return tags


def essay_render(article):
    """Render and store one essay's parts (the services call this after each save), now or
    when `upkeep_together()` ends."""
    batching.render([article.pk])


def essay_rendering_drop(article):
    """Forget the essay's stored parts: its page renders live until it is rendered again."""
    from articles.models import ArticleRelatedItem, ArticleRendering

    delete_rows(ArticleRendering, "article", article.pk)
    delete_rows(ArticleRelatedItem, "article", article.pk)
