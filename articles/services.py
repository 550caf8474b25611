"""
Every editorial write that carries a rule. The admin, the importer and management commands
call these; none of them change an article's status or publication time by hand.

Each function is keyword-only, atomic, and checks the acting user's permission when one is
given (`by=None` is for trusted system code such as the demo loader and migrations).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles import caching
from articles.models import ArticleStatus

PUBLISH_PERMISSION = "articles.publish_article"


def user_can_publish(user):
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def _require_publish_permission(by):
    if not user_can_publish(by):
        raise PermissionDenied("You do not have permission to publish or unpublish essays.")


def publishing_would_change(*, article, original_status, original_published_at):
    """True when saving `article` would change what readers see of its publication."""
    if article.status != original_status:
        return True
    return article.status == ArticleStatus.PUBLISHED and (
        article.published_at != original_published_at
    )


@transaction.atomic
def article_publish(*, article, by, at=None):
    """Publish now, or at `at` (a future time schedules it). Keeps an existing date."""
    _require_publish_permission(by)
    article.status = ArticleStatus.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    caching.content_changed()
    return article


@transaction.atomic
def article_unpublish(*, article, by):
    """Back to draft. The publication date is kept, so republishing restores it."""
    _require_publish_permission(by)
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status", "updated_at"])
    caching.content_changed()
    return article


@transaction.atomic
def article_save(*, article, by, original_status=ArticleStatus.DRAFT, original_published_at=None):
    """
    Save an article edited as a whole (the admin form); the defaults describe a new one.
    A change of status or of a published essay's date needs the publish permission;
    publishing without a date publishes now.
    """
    if publishing_would_change(
        article=article,
        original_status=original_status,
        original_published_at=original_published_at,
    ):
        _require_publish_permission(by)
    if article.status == ArticleStatus.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    article.save()
    caching.content_changed()
    return article


def articles_publish(*, articles, by):
    """Bulk publish; returns how many changed. Already published ones are left as they are."""
    _require_publish_permission(by)
    changed = 0
    for article in articles:
        if article.status != ArticleStatus.PUBLISHED:
            article_publish(article=article, by=by)
            changed += 1
    return changed


def articles_unpublish(*, articles, by):
    _require_publish_permission(by)
    changed = 0
    for article in articles:
        if article.status != ArticleStatus.DRAFT:
            article_unpublish(article=article, by=by)
            changed += 1
    return changed


def sections_renumber(*, article):
    """Positions become 1..n in their current order, whatever numbers editors typed."""
    sections = list(article.sections.order_by("position", "id"))
    for number, section in enumerate(sections, start=1):
        if section.position != number:
            section.position = number
            section.save(update_fields=["position"])
    caching.content_changed()

