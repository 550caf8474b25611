"""Tags as a whole: one essay's tags, and renaming, merging, describing and deleting tags."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min

from articles import caching
from articles.models import Article, Tag, TaggedArticle, TagRedirect
from articles.models.taxonomy import TAG_SLUG_LENGTH, clean_tag_name, tag_slug
from articles.plain_text import tidy_fields
from articles.services import batching, renderings
from articles.services.permissions import Action, require, require_perm
from articles.services.transactions import writing


@transaction.atomic
def article_tags_set(*, article: Article, tags: list, by) -> Article:
    """
    Tag an essay with exactly `tags` (names or Tags). A name finds its tag whatever its case,
    spacing or hyphenation, or the tag it was merged into; unknown names become new tags.
    """
    from articles.services.pages import article_save

    require(by, Action.EDIT, article)
    return article_save(article=article, by=by, tags=list(tags))


def tags_resolve(*, names: list[str], by) -> list[Tag]:
    """The tags `names` mean, created where new (anyone who may write essays may tag them)."""
    require(by, Action.CREATE)
    with writing():
        return Tag.objects.resolve(names)


@transaction.atomic
def tag_save(*, tag: Tag, by) -> Tag:
    """Create a tag or save its description; a new name goes through `tag_rename`."""
    require_perm(
        by,
        "articles.change_tag" if tag.pk else "articles.add_tag",
        message="You do not have permission to edit tags.",
    )
    if tag.pk and Tag.objects.filter(pk=tag.pk).exclude(name=tag.name).exists():
        return tag_rename(tag=tag, name=tag.name, by=by)
    _check_name(tag.name, exclude_pk=tag.pk)
    tidy_fields(tag)
    tag.save()
    caching.content_changed(tags=[tag])
    return tag


def _check_name(name, *, exclude_pk=None):
    name = clean_tag_name(name)
    slug = tag_slug(name)
    if not slug:
        raise ValidationError("A tag name needs at least one letter or digit.")
    if len(name) > TAG_SLUG_LENGTH:
        raise ValidationError(f"A tag name has at most {TAG_SLUG_LENGTH} characters.")
    if clash := Tag.objects.filter(slug=slug).exclude(pk=exclude_pk).first():
        raise ValidationError(
            f"There is already a tag “{clash.name}”. To make the two one, select both in "
            "the tag list and merge them."
        )
    return name, slug


@transaction.atomic
def tag_rename(*, tag: Tag, name: str, by) -> Tag:
    """
    Rename a tag; its address follows the new name and the old address redirects to it.
    A name that means another existing tag is refused: merge the two instead.
    """
    require_perm(by, "articles.change_tag", message="You do not have permission to rename tags.")
    name, _ = _check_name(name, exclude_pk=tag.pk)
    old_slug = Tag.objects.filter(pk=tag.pk).values_list("slug", flat=True).get()
    tag.name = name
    tidy_fields(tag)
    tag.save()  # also saves other fields edited with it, such as the description
    if tag.slug != old_slug:
        # The new address is a live tag's again; the old one leads here.
        TagRedirect.objects.filter(old_slug=tag.slug).delete()
        TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": tag})
    # Essay pages' stored heads name their tags.
    renderings.essay_heads_render(
        TaggedArticle.objects.filter(tag=tag).values_list("content_object_id", flat=True)
    )
    caching.content_changed(tags=[tag])
    return tag


@transaction.atomic
def tag_merge(*, tags: list[Tag], into: Tag, by) -> int:
    """
    Make `tags` one with `into`: their essays are tagged `into` instead (never twice), they
    are deleted, and their addresses, and any address that led to them, lead to `into`.
    Returns how many essays were retagged.
    """
    for permission in ("articles.change_tag", "articles.delete_tag"):
        require_perm(by, permission, message="You do not have permission to merge tags.")
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

    batching.related_changed(retagged)
    renderings.essay_heads_render(retagged)
    caching.content_changed(tags=[*sources, into], keys=[f"list:tag:{into.pk}"])
    return len(retagged)


@transaction.atomic
def tags_delete(*, tags: list[Tag], by) -> int:
    """Delete tags; their essays lose them. Returns how many essays were retagged."""
    require_perm(by, "articles.delete_tag", message="You do not have permission to delete tags.")
    tag_ids = [tag.pk for tag in tags]
    retagged = list(
        TaggedArticle.objects.filter(tag_id__in=tag_ids)
        .values_list("content_object_id", flat=True)
        .distinct()
    )
    Tag.objects.filter(pk__in=tag_ids).delete()
    batching.related_changed(retagged)
    renderings.essay_heads_render(retagged)
    caching.content_changed(tags=tag_ids)
    return len(retagged)
