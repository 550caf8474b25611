"""
A published essay as its page reads it, in three prepared queries (articles/prepared.py):
the essay with its section, stored rendering and related-pool state; its tags; its pinned
essays that readers may see. It comes back as the `Article` that
`Article.objects.published().for_detail()` would give, so templates, surrogate keys and the
related list read it the same way and run no further query. Previews read drafts through
`for_detail()` itself.
"""

from datetime import datetime

from django.db import router
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models import Article, RelatedLink, Tag
from articles.models.article import ArticleQuerySet
from articles.prepared import (
    PreparedQuery,
    as_prefetched,
    columns,
    instance,
    instance_with_joins,
)
from articles.related import LISTED_FIELDS, with_stored_item

# The rows joined to the essay's own, each read under its accessor's prefix.
JOINED = ("category", "rendering", "related_state")


def _essay(*, slug: str, now: datetime):
    names = columns(Article)
    for accessor in JOINED:
        related_model = Article._meta.get_field(accessor).related_model
        names += columns(related_model, f"{accessor}__")
    return Article.objects.filter(ArticleQuerySet.live_condition(now), slug=slug).values(*names)


def _tags(*, article_id: int):
    return Tag.objects.filter(tagged_articles__content_object_id=article_id).values(*columns(Tag))


def _live_pins(*, article_id: int, now: datetime):
    target_is_live = Exists(
        Article.objects.filter(ArticleQuerySet.live_condition(now), pk=OuterRef("target_id"))
    )
    names = columns(RelatedLink) + [f"target__{field}" for field in LISTED_FIELDS]
    names += ["target__related_item__html", "target__related_item__layout"]
    return RelatedLink.objects.filter(target_is_live, article_id=article_id).values(*names)


ESSAY = PreparedQuery(Article, _essay, slug=str, now=datetime)
TAGS = PreparedQuery(Tag, _tags, article_id=int)
LIVE_PINS = PreparedQuery(RelatedLink, _live_pins, article_id=int, now=datetime)


def published_essay(slug):
    """The published essay at `slug` with everything its page shows but the related list, or
    None."""
    now = timezone.now()
    rows = ESSAY.rows(slug=slug, now=now)
    if not rows:
        return None
    row = rows[0]
    db = router.db_for_read(Article)
    article = instance_with_joins(Article, row, db, JOINED)
    tags = [instance(Tag, tag, db) for tag in TAGS.rows(article_id=article.pk)]
    as_prefetched(article, "tags", tags, Tag)
    article.live_pinned_links = []
    for link_row in LIVE_PINS.rows(article_id=article.pk, now=now):
        link = instance(RelatedLink, link_row, db)
        link.target = with_stored_item(
            instance(Article, link_row, db, "target__"),
            link_row["target__related_item__html"],
            link_row["target__related_item__layout"],
        )
        article.live_pinned_links.append(link)
    return article
