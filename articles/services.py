"""
Every editorial write that carries a rule. The admin, the importer and management commands
call these; none of them change an article's status or publication time by hand.

Each function is keyword-only, atomic, and checks the acting user's permission when one is
given (`by=None` is for trusted system code such as the demo loader and migrations).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from articles import caching, related
from articles.models import ArticleStatus, RelatedLink, TaggedArticle, TagRedirect
from articles.models.taxonomy import TAG_SLUG_LENGTH, Tag, clean_tag_name, tag_slug

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
    related.articles_changed([article.pk])
    caching.content_changed()
    return article


@transaction.atomic
def article_unpublish(*, article, by):
    """Back to draft. The publication date is kept, so republishing restores it."""
    _require_publish_permission(by)
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status", "updated_at"])
    related.articles_changed([article.pk])
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
    moves_in_related_lists = (
        article.pk is None
        or article.status != original_status
        or article.published_at != original_published_at
    )
    article.save()
    if moves_in_related_lists:
        related.articles_changed([article.pk])
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


# --- Tags ----------------------------------------------------------------------------------


def _require(by, *permissions, message):
    if by is not None and not all(by.has_perm(permission) for permission in permissions):
        raise PermissionDenied(message)


def _require_edit_permission(by):
    if by is not None and not (
        by.has_perm("articles.change_article") or by.has_perm("articles.add_article")
    ):
        raise PermissionDenied("You do not have permission to edit essays.")


@transaction.atomic
def article_tags_set(*, article, tags, by):
    """
    Tag an essay with exactly `tags` (names or Tags). A name finds its tag whatever its case,
    spacing or hyphenation, or the tag it was merged into; unknown names become new tags.
    """
    _require_edit_permission(by)
    article.tags.set(list(tags))
    related.articles_changed([article.pk])
    caching.content_changed()
    return article


@transaction.atomic
def tag_rename(*, tag, name, by):
    """
    Rename a tag; its address follows the new name and the old address redirects to it.
    A name that means another existing tag is refused: merge the two instead.
    """
    _require(by, "articles.change_tag", message="You do not have permission to rename tags.")
    name = clean_tag_name(name)
    slug = tag_slug(name)
    if not slug:
        raise ValidationError("A tag name needs at least one letter or digit.")
    if len(name) > TAG_SLUG_LENGTH:
        raise ValidationError(f"A tag name has at most {TAG_SLUG_LENGTH} characters.")
    if clash := Tag.objects.filter(slug=slug).exclude(pk=tag.pk).first():
        raise ValidationError(
            f"There is already a tag “{clash.name}”. To make the two one, select both in "
            "the tag list and merge them."
        )
    old_slug = Tag.objects.filter(pk=tag.pk).values_list("slug", flat=True).get()
    tag.name = name
    tag.save()  # also saves other fields edited with it, such as the description
    if tag.slug != old_slug:
        # The new address is a live tag's again; the old one leads here.
        TagRedirect.objects.filter(old_slug=tag.slug).delete()
        TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": tag})
    caching.content_changed()
    return tag


@transaction.atomic
def tag_merge(*, tags, into, by):
    """
    Make `tags` one with `into`: their essays are tagged `into` instead (never twice), they
    are deleted, and their addresses, and any address that led to them, lead to `into`.
    Returns how many essays were retagged.
    """
    _require(
        by,
        "articles.change_tag",
        "articles.delete_tag",
        message="You do not have permission to merge tags.",
    )
    sources = {tag.pk: tag for tag in tags if tag.pk != into.pk}
    if not sources:
        raise ValidationError(f"Choose at least one tag other than “{into.name}” to merge.")
    moving = TaggedArticle.objects.filter(tag_id__in=sources)
    retagged = list(moving.values_list("content_object_id", flat=True).distinct())

    already_tagged = TaggedArticle.objects.filter(tag=into).values("content_object_id")
    moving.filter(content_object_id__in=already_tagged).delete()
    # An essay carrying two of the merged tags keeps one row, which then becomes `into`.
    first_rows = moving.values("content_object_id").annotate(first=Min("id")).values("first")
    moving.exclude(id__in=first_rows).delete()
    moving.update(tag=into)

    TagRedirect.objects.filter(tag_id__in=sources).update(tag=into)
    for tag in sources.values():
        TagRedirect.objects.update_or_create(old_slug=tag.slug, defaults={"tag": into})
    if not into.description:
        into.description = next((t.description for t in sources.values() if t.description), "")
        into.save(update_fields=["description"])
    Tag.objects.filter(pk__in=sources).delete()

    related.articles_changed(retagged)
    caching.content_changed()
    return len(retagged)


@transaction.atomic
def tags_delete(*, tags, by):
    """Delete tags; their essays lose them. Returns how many essays were retagged."""
    _require(by, "articles.delete_tag", message="You do not have permission to delete tags.")
    tag_ids = [tag.pk for tag in tags]
    retagged = list(
        TaggedArticle.objects.filter(tag_id__in=tag_ids)
        .values_list("content_object_id", flat=True)
        .distinct()
    )
    Tag.objects.filter(pk__in=tag_ids).delete()
    related.articles_changed(retagged)
    caching.content_changed()
    return len(retagged)


# --- Pinned related essays -----------------------------------------------------------------


def _require_change_permission(by):
    _require(
        by,
        "articles.change_article",
        message="You do not have permission to change essays' related reading.",
    )


def _renumber(links):
    for position, link in enumerate(links, start=1):
        if link.pk is None or link.position != position:
            link.position = position
            link.save()


@transaction.atomic
def related_pin(*, article, target, by, position=None):
    """
    Pin `target` among the essay's related reading, last or at `position` (1 is first).
    Pinning an essay already pinned moves it.
    """
    _require_change_permission(by)
    if target.pk == article.pk:
        raise ValidationError("An essay cannot be related to itself.")
    links = list(article.pinned_links.order_by("position", "id"))
    link = next((link for link in links if link.target_id == target.pk), None)
    if link is None:
        link = RelatedLink(article=article, target=target)
    else:
        links.remove(link)
    index = len(links) if position is None else max(0, min(position - 1, len(links)))
    links.insert(index, link)
    _renumber(links)
    caching.content_changed()
    return link


@transaction.atomic
def related_unpin(*, article, target, by):
    """Unpin `target`; returns whether it was pinned. It may still appear as computed."""
    _require_change_permission(by)
    deleted, _ = article.pinned_links.filter(target=target).delete()
    _renumber(list(article.pinned_links.order_by("position", "id")))
    caching.content_changed()
    return bool(deleted)


@transaction.atomic
def related_reorder(*, article, targets, by):
    """
    Put the pinned essays `targets` in the order given, in the places they held among the
    pinned links; other links (unresolved references, essays not named) keep their places.
    """
    _require_change_permission(by)
    links = list(article.pinned_links.order_by("position", "id"))
    by_target = {link.target_id: link for link in links if link.target_id is not None}
    wanted = [target.pk for target in targets]
    if len(set(wanted)) != len(wanted) or not set(wanted) <= by_target.keys():
        raise ValidationError("Reorder only essays that are pinned, each once.")
    places = [i for i, link in enumerate(links) if link.target_id in wanted]
    for place, target_id in zip(places, wanted, strict=True):
        links[place] = by_target[target_id]
    _renumber(links)
    caching.content_changed()
