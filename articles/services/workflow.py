"""
An essay's way through the newsroom, one service per step:

    Draft --submit--> In review --publish--> Published (a future date: Scheduled)
      ^                  |                      |
      +----send back-----+                  unpublish --> Unpublished --publish--> ...

Each step checks the actor's right (`permissions`), records an `AuditEntry` (who, when,
from, to, comment), keeps related lists and cached pages true, and tells the people
concerned by email once the change is committed.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles import caching, notifications
from articles.bulk_insert import insert_rows
from articles.models import Article, ArticleStatus, AuditAction, AuditEntry
from articles.plain_text import tidy
from articles.services import archive_months, batching, renderings
from articles.services.permissions import Action, require
from articles.services.revisions import transition_note
from articles.services.transactions import writing


def now():
    """The current time as publication dates are stored: whole seconds, as forms show them."""
    return timezone.now().replace(microsecond=0)


def same_moment(first: datetime | None, second: datetime | None) -> bool:
    """Whether two publication dates are the same to the second (forms drop microseconds)."""
    if first is None or second is None:
        return first is second
    return first.replace(microsecond=0) == second.replace(microsecond=0)


def audit_record(
    *,
    article: Article,
    action: AuditAction,
    by,
    from_status: str = "",
    to_status: str = "",
    comment: str = "",
    published_at: datetime | None = None,
) -> None:
    """Services call this inside their transaction; the entry stands or falls with the change."""
    # A lean insert: an import writes two entries per essay, and building model instances
    # for them took a tenth of its time (bench/import_articles.py).
    insert_rows(
        AuditEntry,
        ["article", "article_title", "actor", "at", "action", "from_status", "to_status",
         "comment", "published_at"],
        [(article.pk, article.title[:255], by.pk if by is not None else None, timezone.now(),
          str(action), from_status, to_status, tidy(comment).strip(), published_at)],
    )  # fmt: skip


_KEEP = object()


def _move(article, *, to_status, by, action, comment="", published_at=_KEEP):
    from_status = article.status
    was_listed = from_status == ArticleStatus.PUBLISHED
    visible = was_listed or to_status == ArticleStatus.PUBLISHED
    # Only a published essay is in lists: the ones it leaves, or moves in by its new date.
    listed_before = caching.list_keys([article.pk]) if was_listed else set()
    dated_before = article.published_at if was_listed else None
    article.status = to_status
    fields = ["status", "updated_at"]
    redated = published_at is not _KEEP and not same_moment(published_at, article.published_at)
    if published_at is not _KEEP:
        article.published_at = published_at
        fields.append("published_at")
    article.save(update_fields=fields)
    if was_listed != (to_status == ArticleStatus.PUBLISHED) or redated:
        archive_months.months_changed(
            dated_before, article.published_at if to_status == ArticleStatus.PUBLISHED else None
        )
    if to_status == ArticleStatus.PUBLISHED and (redated or not was_listed):
        # Rendered for readers from now on (a draft's page is not stored), and the card in
        # lists shows the date.
        renderings.essay_render(article)
    transition_note(article=article, action=action)
    audit_record(
        article=article,
        action=action,
        by=by,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        published_at=article.published_at if to_status == ArticleStatus.PUBLISHED else None,
    )
    if visible:
        batching.related_changed([article.pk])
        listed_now = [article.pk] if to_status == ArticleStatus.PUBLISHED else []
        caching.content_changed(essays=[article], lists=listed_now, keys=listed_before)
    return article


def _refuse_unless(condition, message):
    if not condition:
        raise ValidationError(message)


def missing_for_review(article: Article, *, section_bodies: list[str] | None = None) -> list[str]:
    """
    What a draft still lacks before it can be submitted or published (drafts may lack it).
    `section_bodies`: its sections' text as about to be written, instead of as stored.
    """
    missing = []
    if not article.title.strip():
        missing.append("a title")
    if not article.standfirst.strip():
        missing.append("a standfirst")
    if not article.category_id:
        missing.append("a section")
    if section_bodies is not None:
        has_text = any(body.strip() for body in section_bodies)
    else:
        has_text = article.sections.exclude(body__regex=r"^\s*$").exists()
    if not has_text:
        missing.append("some text in its sections")
    return missing


class Incomplete(ValidationError):
    """An essay missing what it needs to be submitted or published (`missing_for_review`)."""


def require_complete(article, doing, *, section_bodies=None):
    if missing := missing_for_review(article, section_bodies=section_bodies):
        raise Incomplete(f"To {doing} it, the essay still needs {_and(missing)}.")


def _and(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def article_submit(*, article: Article, by, comment: str = "") -> Article:
    """A draft goes to the editors for review; they are told by email."""
    require(by, Action.SUBMIT, article)
    require_complete(article, "submit")
    with writing():
        _move(article, to_status=ArticleStatus.IN_REVIEW, by=by, action=AuditAction.SUBMIT,
              comment=comment)  # fmt: skip
        transaction.on_commit(lambda: notifications.essay_submitted(article=article, by=by))
    return article


def article_send_back(*, article: Article, by, comment: str) -> Article:
    """An essay in review goes back to its writer as a draft, with the editor's reasons."""
    require(by, Action.PUBLISH, article)
    _refuse_unless(
        article.status == ArticleStatus.IN_REVIEW, "Only an essay in review can be sent back."
    )
    _refuse_unless(comment.strip(), "Say what should change: sending back needs a comment.")
    with writing():
        _move(article, to_status=ArticleStatus.DRAFT, by=by, action=AuditAction.SEND_BACK,
              comment=comment)  # fmt: skip
        transaction.on_commit(
            lambda: notifications.essay_sent_back(article=article, by=by, comment=comment)
        )
    return article


def article_publish(
    *, article: Article, by, at: datetime | None = None, comment: str = ""
) -> Article:
    """
    Publish at `at`, or now. A future `at` schedules: readers see the essay from then on,
    with no job to run. Without `at`, an essay that was live before and was unpublished
    gets its original date back; any other essay is published now (a date someone typed
    on a draft is not taken as an editor's decision).
    """
    require(by, Action.PUBLISH, article)
    if at is None:
        restoring = article.status == ArticleStatus.UNPUBLISHED and article.published_at
        at = article.published_at if restoring else now()
    else:
        at = at.replace(microsecond=0)
    already = article.status == ArticleStatus.PUBLISHED and same_moment(article.published_at, at)
    _refuse_unless(not already, "The essay is already published at that time.")
    require_complete(article, "publish")
    action = AuditAction.SCHEDULE if at > timezone.now() else AuditAction.PUBLISH
    with writing():
        _move(article, to_status=ArticleStatus.PUBLISHED, by=by, action=action,
              comment=comment, published_at=at)  # fmt: skip
        transaction.on_commit(lambda: notifications.essay_published(article=article, by=by))
    return article


def article_schedule(*, article: Article, by, at: datetime, comment: str = "") -> Article:
    """Publish at a future time: readers see the essay from `at` on."""
    require(by, Action.PUBLISH, article)
    _refuse_unless(at > timezone.now(), "A schedule needs a time in the future.")
    return article_publish(article=article, by=by, at=at, comment=comment)


def article_unpublish(*, article: Article, by, comment: str = "") -> Article:
    """
    Take a live essay off the site (it keeps its date for republishing), or call off a
    scheduled one, which readers never saw: it goes back to being a draft.
    """
    require(by, Action.PUBLISH, article)
    _refuse_unless(
        article.status == ArticleStatus.PUBLISHED, "Only a published or scheduled essay can be "
        "unpublished."
    )  # fmt: skip
    with writing():
        if article.is_scheduled:
            return _move(article, to_status=ArticleStatus.DRAFT, by=by,
                         action=AuditAction.UNPUBLISH, comment=comment or "Schedule called off.",
                         published_at=None)  # fmt: skip
        return _move(article, to_status=ArticleStatus.UNPUBLISHED, by=by,
                     action=AuditAction.UNPUBLISH, comment=comment)  # fmt: skip


def article_reassign(*, article: Article, owner, by, comment: str = "") -> Article:
    """Give the essay to another writer, who may then edit it while it is a draft."""
    require(by, Action.REASSIGN, article)
    previous = article.owner
    with writing():
        article.owner = owner
        article.save(update_fields=["owner", "updated_at"])
        audit_record(
            article=article,
            action=AuditAction.REASSIGN,
            by=by,
            from_status=article.status,
            to_status=article.status,
            comment=comment or f"From {previous or 'nobody'} to {owner or 'nobody'}.",
        )
    return article


def articles_publish(*, articles, by) -> int:
    """Bulk publish now; returns how many changed. Published and scheduled ones stay as they are."""
    require(by, Action.PUBLISH)
    changed = 0
    with transaction.atomic(), caching.changes_batched():
        for article in articles:
            if article.status != ArticleStatus.PUBLISHED:
                article_publish(article=article, by=by)
                changed += 1
    return changed


def articles_unpublish(*, articles, by) -> int:
    """Bulk unpublish; returns how many changed."""
    require(by, Action.PUBLISH)
    changed = 0
    with transaction.atomic(), caching.changes_batched():
        for article in articles:
            if article.status == ArticleStatus.PUBLISHED:
                article_unpublish(article=article, by=by)
                changed += 1
    return changed
