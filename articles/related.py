"""
"Related Articles" for one essay: the editor's pinned essays first, in the editor's order,
then published essays sharing tags with it, most shared tags first, then the newest.
"""

from django.conf import settings
from django.db.models import Count

from articles.models import Article

LISTED_FIELDS = ("id", "title", "slug", "standfirst", "published_at")


def pinned_related(article):
    """Pinned essays readers can see; uses the prefetch of `for_detail()` when present."""
    links = getattr(article, "live_pinned_links", None)
    if links is None:
        links = article.pinned_links.filter(target__in=Article.objects.published()).select_related(
            "target"
        )
    return [link.target for link in links]


def computed_related(article, *, limit, exclude_ids=()):
    tag_ids = [tag.id for tag in article.tags.all()]
    if not tag_ids or limit <= 0:
        return []
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .exclude(pk__in=exclude_ids)
        .filter(tagged_items__tag_id__in=tag_ids)
        .annotate(shared_tags=Count("tagged_items"))
        .order_by("-shared_tags", "-published_at", "-id")
        .only(*LISTED_FIELDS)[:limit]
    )


def related_articles(article, limit=None):
    if limit is None:
        limit = settings.FILMCULTURE["RELATED_ARTICLES_COUNT"]
    pinned = pinned_related(article)[:limit]
    computed = computed_related(
        article, limit=limit - len(pinned), exclude_ids=[a.pk for a in pinned]
    )
    return pinned + computed
