"""
Previews in the admin: the live preview panel (the unsaved form rendered with the reader
template) and signed preview links to share with reviewers who have no account.
`urls(model_admin)` adds the endpoints to the essay admin; `context(request, article)`
what the change form needs.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify

from articles import related, services
from articles.admin.routes import essay_view
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Category,
    PreviewLink,
    RelatedLink,
    Section,
    Tag,
    TagRedirect,
)
from articles.models.taxonomy import clean_tag_name, tag_slug
from articles.services import previews
from articles.services.permissions import Action

# Fields of the posted form that must not act in a preview: a preview never saves, so it
# neither checks for someone else's newer save (which would lock the essay's row) nor takes
# a workflow step.
IGNORED_FIELDS = ("loaded_version", "_transition")


def urls(model_admin):
    def view(function):
        return essay_view(model_admin, function)

    return [
        path("live-preview/", view(live_preview), name="articles_article_live_preview_new"),
        path(
            "<path:object_id>/live-preview/",
            view(live_preview),
            name="articles_article_live_preview",
        ),
        path(
            "<path:object_id>/preview-links/",
            view(link_create),
            name="articles_article_preview_link_create",
        ),
        path(
            "<path:object_id>/preview-links/<int:link_id>/revoke/",
            view(link_revoke),
            name="articles_article_preview_link_revoke",
        ),
    ]


@dataclass(frozen=True)
class PreviewLinkRow:
    link: PreviewLink
    url: str
    may_revoke: bool
    revoke_url: str


def context(request, article):
    user = request.user
    if article is None:
        may_preview = services.can(user, Action.CREATE)
        live_url = reverse("admin:articles_article_live_preview_new")
    else:
        may_preview = services.can(user, Action.EDIT, article)
        live_url = reverse("admin:articles_article_live_preview", args=[article.pk])
    extra = {"preview_live_url": live_url if may_preview else None}
    if article is not None and previews.can_share(user, article):
        extra.update(
            preview_links=[
                PreviewLinkRow(
                    link,
                    url=request.build_absolute_uri(previews.preview_link_url(link)),
                    may_revoke=previews.can_revoke(user, link),
                    revoke_url=reverse(
                        "admin:articles_article_preview_link_revoke", args=[article.pk, link.pk]
                    ),
                )
                for link in previews.active_preview_links(article)
            ],
            preview_link_create_url=reverse(
                "admin:articles_article_preview_link_create", args=[article.pk]
            ),
            preview_link_days=previews.preview_link_days(),
        )
    return extra


# --- The essay as typed ---------------------------------------------------------------------


class Rows:
    """A to-many relation as templates use it: `.all()`, here over rows held in memory."""

    def __init__(self, rows):
        self._rows = list(rows)

    def all(self):
        return self._rows


@dataclass(frozen=True)
class UnsavedEssay:
    """
    The essay as the form has it, for the reader template (articles/article_detail.html and
    its includes) and nothing else. It offers exactly what they read: the fields below;
    `sections`, `authors` and `tags` through `.all()` (sections are unsaved `Section`s,
    so `paragraphs` is the reader page's own splitting); and the reader page's derived
    values, borrowed from `Article` so that the preview says what the saved essay would.
    Never saved: nothing about it can write.
    """

    pk: int | None
    title: str
    slug: str
    standfirst: str
    status: str
    published_at: datetime | None
    category: Category | None
    lead_image: FieldFile | None
    lead_image_width: int | None
    lead_image_height: int | None
    lead_image_alt: str
    lead_image_credit: str
    sections: Rows = field(default_factory=lambda: Rows([]))
    authors: Rows = field(default_factory=lambda: Rows([]))
    tags: Rows = field(default_factory=lambda: Rows([]))

    get_absolute_url = Article.get_absolute_url
    is_scheduled = Article.is_scheduled
    is_live = Article.is_live
    publication_state = Article.publication_state
    word_count = Article.word_count
    reading_minutes = Article.reading_minutes

    def __str__(self):
        return self.title


def bound_forms(model_admin, request, article):
    """The essay admin's own form and inline formsets, bound to what the editor posted."""
    data = request.POST.copy()
    for name in IGNORED_FIELDS:
        data.pop(name, None)
    change = article is not None
    Form = model_admin.get_form(request, article, change=change)
    form = Form(data, request.FILES, instance=article)
    form.is_valid()
    formsets = []
    for FormSet, inline in model_admin.get_formsets_with_inlines(
        request, *([article] if change else [])
    ):
        kwargs = model_admin.get_formset_kwargs(
            request, form.instance, inline, FormSet.get_default_prefix()
        )
        formset = FormSet(**{**kwargs, "data": data, "save_as_new": False})
        formset.is_valid()
        formsets.append(formset)
    return form, formsets


def unsaved_essay(form, formsets, stored: Article | None) -> tuple[UnsavedEssay, list]:
    """
    What the form would save, as far as it can tell: every field that validates, the text
    of those that do not (a draft may be half-written), the stored essay's values for what
    the form does not carry. Returns the essay and the ids of the essays pinned to it.
    """
    cleaned = getattr(form, "cleaned_data", {})

    def typed(name, fallback=""):
        if name in cleaned:
            return cleaned[name]
        return form.data.get(form.add_prefix(name), fallback)

    by_model = {formset.model: formset for formset in formsets}
    sections = by_model[Section].sections() if Section in by_model else []
    pins = by_model[RelatedLink].pins() if RelatedLink in by_model else []
    title = typed("title", stored.title if stored else "")
    slug = slugify(typed("slug", stored.slug if stored else "")) or slugify(title) or "essay"
    image = stored.lead_image if stored else None
    if cleaned.get("lead_image") is False:  # "Clear" ticked
        image = None
    authors = cleaned.get("authors", stored.authors.all() if stored else Author.objects.none())
    essay = UnsavedEssay(
        pk=stored.pk if stored else None,
        title=title,
        slug=slug,
        standfirst=typed("standfirst", stored.standfirst if stored else ""),
        status=stored.status if stored else ArticleStatus.DRAFT,
        published_at=cleaned.get("published_at", stored.published_at if stored else None),
        category=cleaned.get("category", stored.category if stored else None),
        lead_image=image,
        lead_image_width=stored.lead_image_width if stored else None,
        lead_image_height=stored.lead_image_height if stored else None,
        lead_image_alt=typed("lead_image_alt", stored.lead_image_alt if stored else ""),
        lead_image_credit=typed("lead_image_credit", stored.lead_image_credit if stored else ""),
        sections=Rows(Section(heading=s.heading, body=s.body) for s in sections),
        authors=Rows(authors),
        tags=Rows(tags_for_names(cleaned.get("tags", []) or [])),
    )
    return essay, [pin.target_id for pin in pins if pin.target_id]


def tags_for_names(names):
    """
    The tags the names would be saved as, as `Tag.objects.resolve` finds them (by slug, then
    an old slug of a merged or renamed tag); names no tag has yet are shown as new tags,
    unsaved. Creates nothing.
    """
    slugs = [slug for slug in (tag_slug(name) for name in names) if slug]
    found = {tag.slug: tag for tag in Tag.objects.filter(slug__in=slugs)}
    for redirect in TagRedirect.objects.filter(
        old_slug__in=set(slugs) - found.keys()
    ).select_related("tag"):
        found[redirect.old_slug] = redirect.tag
    tags, seen = [], set()
    for name in names:
        slug = tag_slug(name)
        if not slug:
            continue
        tag = found.get(slug) or Tag(name=clean_tag_name(name), slug=slug)
        if tag.slug not in seen:
            seen.add(tag.slug)
            tags.append(tag)
    return tags


def related_for_preview(essay: UnsavedEssay, pinned_ids, stored: Article | None):
    """
    The "Related Articles" readers would see with the typed pins and tags: pinned essays
    that are live first, then essays sharing the (existing) tags. The stored pool is used
    only while the tags are the saved ones, since it was ranked for those.
    """
    limit = settings.FILMCULTURE["RELATED_ARTICLES_COUNT"]
    live = Article.objects.published().only(*related.LISTED_FIELDS).in_bulk(pinned_ids)
    pinned = list(dict.fromkeys(live[pk] for pk in pinned_ids if pk in live))[:limit]
    tags = [tag for tag in essay.tags.all() if tag.pk is not None]
    state = None
    if stored is not None and {tag.pk for tag in tags} == {t.pk for t in stored.tags.all()}:
        # None when the essay has no pool yet (the missing row raises an AttributeError).
        state = getattr(stored, "related_state", None)
    computed = related.computed_related(
        _RelatedQuery(pk=essay.pk, tags=Rows(tags), related_state=state),
        limit=limit - len(pinned),
        exclude_ids=[target.pk for target in pinned],
    )
    return pinned + computed


@dataclass(frozen=True)
class _RelatedQuery:
    """What `related.computed_related` reads of an essay."""

    pk: int | None
    tags: Rows
    related_state: object


def live_preview(model_admin, request, object_id=None):
    """
    The reader page of the essay as typed in the change (or add) form, saved nowhere: the
    preview panel posts the whole form here as the editor types.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    edited = stored = None
    if object_id is None:
        services.require(request.user, Action.CREATE)
    else:
        edited = model_admin.get_object(request, unquote(object_id))
        if edited is None:
            raise Http404("No such essay.")
        services.require(request.user, Action.EDIT, edited)
        # Validating the form writes what it can into `edited` (in memory only); the
        # stored values stay at hand for what the form leaves out.
        stored = Article.objects.for_detail().get(pk=edited.pk)
    form, formsets = bound_forms(model_admin, request, edited)
    essay, pinned_ids = unsaved_essay(form, formsets, stored)
    response = TemplateResponse(
        request,
        "articles/article_detail.html",
        {
            "article": essay,
            "related_articles": related_for_preview(essay, pinned_ids, stored),
            "is_preview": True,
            "preview_label": "Preview — not saved",
        },
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Preview links --------------------------------------------------------------------------


def _links_url(article):
    return reverse("admin:articles_article_change", args=[article.pk]) + "#preview-links"


def _article(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such essay.")
    return article


def link_create(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    link = previews.preview_link_create(article=article, by=request.user)
    url = request.build_absolute_uri(previews.preview_link_url(link))
    expires = timezone.localtime(link.expires_at)
    model_admin.message_user(
        request,
        f"Preview link created. Anyone who has it can read the essay as saved until "
        f"{expires:%B %-d, %Y, %H:%M}: {url}",
        messages.SUCCESS,
    )
    return HttpResponseRedirect(_links_url(article))


def link_revoke(model_admin, request, object_id, link_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    link = get_object_or_404(PreviewLink, pk=link_id, article=article)
    if not previews.can_revoke(request.user, link):
        raise PermissionDenied("Only an editor or the person who made it may revoke this link.")
    previews.preview_link_revoke(link=link, by=request.user)
    model_admin.message_user(
        request, "Preview link revoked: it no longer opens the essay.", messages.SUCCESS
    )
    return HttpResponseRedirect(_links_url(article))
