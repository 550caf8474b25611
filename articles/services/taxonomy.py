"""Sections (categories) and authors: every change shows on cached pages at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from articles import caching
from articles.models import Author, Category
from articles.plain_text import tidy_fields
from articles.services import renderings
from articles.services.permissions import Action, require, require_perm
from articles.services.transactions import writing


def _require_model_perm(by, model, verb):
    require_perm(
        by,
        f"articles.{verb}_{model._meta.model_name}",
        message=f"You do not have permission to {verb} {model._meta.verbose_name_plural}.",
    )


@transaction.atomic
def _save(obj, *, by):
    _require_model_perm(by, type(obj), "change" if obj.pk else "add")
    tidy_fields(obj)
    header_changes = isinstance(obj, Category) and _in_header_changed(obj)
    obj.save()
    caching.content_changed(**{_KIND[type(obj)]: [obj]}, sections=header_changes)
    return obj


# What content_changed() calls each kind of object.
_KIND = {Category: "categories", Author: "authors"}


def _in_header_changed(category):
    """Whether the header, which lists every section, shows this save (new, renamed, moved)."""
    return not Category.objects.filter(
        pk=category.pk, name=category.name, slug=category.slug
    ).exists()


@transaction.atomic
def _delete(obj, *, by):
    _require_model_perm(by, type(obj), "delete")
    pk = obj.pk
    obj.delete()
    caching.content_changed(**{_KIND[type(obj)]: [pk]}, sections=isinstance(obj, Category))


@transaction.atomic
def category_save(*, category: Category, by) -> Category:
    renamed = category.pk and _in_header_changed(category)
    _save(category, by=by)
    if renamed:
        # Essay pages' stored heads name their section and link to it.
        renderings.essay_heads_render(category.articles.values_list("pk", flat=True))
    return category


def category_delete(*, category: Category, by) -> None:
    try:
        _delete(category, by=by)
    except ProtectedError:
        raise ValidationError(
            f"“{category}” still has essays; move them to another section first."
        ) from None


@transaction.atomic
def author_save(*, author: Author, by) -> Author:
    stored = (
        Author.objects.filter(pk=author.pk).values("name", "slug").first() if author.pk else None
    )
    _save(author, by=by)
    if stored and (stored["name"], stored["slug"]) != (author.name, author.slug):
        # Bylines are stored with the essays' pages.
        bylined = list(author.articles.values_list("pk", flat=True))
        renderings.essays_render(bylined)
        caching.content_changed(essays=bylined)
    return author


@transaction.atomic
def author_delete(*, author: Author, by) -> None:
    bylined = list(author.articles.values_list("pk", flat=True))
    _delete(author, by=by)
    renderings.essays_render(bylined)
    caching.content_changed(essays=bylined)


def author_for_name(*, name: str, by) -> Author:
    """
    The author called `name` (case ignored), created with a free address if there is none:
    how imported pages name their authors. Anyone who may import essays may add their bylines.
    """
    require(by, Action.IMPORT)
    author = Author.objects.filter(name__iexact=name).order_by("id").first()
    if author is not None:
        return author
    base = slugify(name)[:140].strip("-_") or "author"
    taken = set(Author.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    with writing():
        return Author.objects.create(name=name, slug=slug)
