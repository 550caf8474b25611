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

from articles.models import Article, ArticleRendering, Category, RelatedLink, RelatedState, Tag
from articles.models.article import ArticleQuerySet
from articles.prepared import PreparedQuery
from articles.related import LISTED_FIELDS


def _fields(model):
    return [(field.name, field.attname) for field in model._meta.concrete_fields]


# The essay's own row and the rows joined to it, each under its prefix in the query.
JOINED = {"": Article, "category__": Category, "rendering__": ArticleRendering,
          "related_state__": RelatedState}  # fmt: skip


def _essay(*, slug: str, now: datetime):
    columns = [f"{prefix}{name}" for prefix, model in JOINED.items() for name, _ in _fields(model)]
    return Article.objects.filter(ArticleQuerySet.live_condition(now), slug=slug).values(*columns)


def _tags(*, article_id: int):
    return Tag.objects.filter(tagged_articles__content_object_id=article_id).values(
        *(name for name, _ in _fields(Tag))
    )


def _live_pins(*, article_id: int, now: datetime):
    target_is_live = Exists(
        Article.objects.filter(ArticleQuerySet.live_condition(now), pk=OuterRef("target_id"))
    )
    return RelatedLink.objects.filter(target_is_live, article_id=article_id).values(
        *(name for name, _ in _fields(RelatedLink)),
        *(f"target__{field}" for field in LISTED_FIELDS),
    )


ESSAY = PreparedQuery(Article, _essay, slug=str, now=datetime)
TAGS = PreparedQuery(Tag, _tags, article_id=int)
LIVE_PINS = PreparedQuery(RelatedLink, _live_pins, article_id=int, now=datetime)


def _instance(model, row, db, prefix=""):
    """A model instance from a row whose columns are named `prefix` + field name; None when
    the row holds none of it (an outer join that found nothing)."""
    fields = _fields(model)
    values = [row[f"{prefix}{name}"] for name, _ in fields]
    if values[[attname for _, attname in fields].index(model._meta.pk.attname)] is None:
        return None
    return model.from_db(db, [attname for _, attname in fields], values)


def _as_prefetched(instance, name, objects, model):
    """Hand `objects` to `instance.<name>.all()` as `prefetch_related` would (no query)."""
    queryset = model._default_manager.all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {
        **getattr(instance, "_prefetched_objects_cache", {}),
        name: queryset,
    }


def published_essay(slug):
    """The published essay at `slug` with everything its page shows but the related list, or
    None."""
    now = timezone.now()
    rows = ESSAY.rows(slug=slug, now=now)
    if not rows:
        return None
    row = rows[0]
    db = router.db_for_read(Article)
    article = _instance(Article, row, db)
    # Joined objects, found or not, are cached as `select_related` caches them.
    article.category = _instance(Category, row, db, "category__")
    for accessor, model in (("rendering", ArticleRendering), ("related_state", RelatedState)):
        related = _instance(model, row, db, f"{accessor}__")
        Article._meta.get_field(accessor).set_cached_value(article, related)
        if related is not None:
            related._meta.get_field("article").set_cached_value(related, article)
    tags = [_instance(Tag, tag, db) for tag in TAGS.rows(article_id=article.pk)]
    _as_prefetched(article, "tags", tags, Tag)
    article.live_pinned_links = []
    for link_row in LIVE_PINS.rows(article_id=article.pk, now=now):
        link = _instance(RelatedLink, link_row, db)
        target = Article.from_db(
            db, list(LISTED_FIELDS), [link_row[f"target__{field}"] for field in LISTED_FIELDS]
        )
        link.target = target
        article.live_pinned_links.append(link)
    return article
