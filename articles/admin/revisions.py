"""
An essay's revisions in the admin: the list (pick two to compare, or one to restore), the
comparison page, and restoring, which saves the old text again as a new revision.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import comparing, services
from articles.admin.routes import essay_view
from articles.models import Article, Revision
from articles.services.permissions import Action

SHOWN = 200


def urls(model_admin):
    def view(function):
        return essay_view(model_admin, function)

    return [
        path("<path:object_id>/revisions/", view(revision_list), name="articles_article_revisions"),
        path(
            "<path:object_id>/revisions/compare/",
            view(revision_compare),
            name="articles_article_revisions_compare",
        ),
        path(
            "<path:object_id>/revisions/<int:number>/restore/",
            view(revision_restore),
            name="articles_article_revision_restore",
        ),
    ]


def _article(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such essay.")
    if not services.can(request.user, Action.VIEW, article):
        raise PermissionDenied
    return article


def _context(model_admin, request, article, title):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": title,
        "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        "may_edit": services.can(request.user, Action.EDIT, article),
    }


def revision_list(model_admin, request, object_id):
    article = _article(model_admin, request, object_id)
    revisions = list(
        article.revisions.select_related("author").defer("content").order_by("-number")[:SHOWN]
    )
    context = _context(model_admin, request, article, f"Revisions of “{article.title}”")
    context.update(
        revisions=revisions,
        compare_url=reverse("admin:articles_article_revisions_compare", args=[article.pk]),
    )
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def comparison(article, older: Revision, newer: Revision):
    """The comparison of two revisions of `article`, pinned essays named by current title."""
    old, new = older.snapshot(), newer.snapshot()
    targets = {p["target"] for p in old["pins"] + new["pins"] if p["target"]}
    titles = dict(Article.objects.filter(pk__in=targets).values_list("pk", "title"))
    return comparing.compare(old, new, pin_titles=titles)


def revision_compare(model_admin, request, object_id):
    article = _article(model_admin, request, object_id)
    numbers = []
    for key in ("a", "b"):
        try:
            numbers.append(int(request.GET.get(key, "")))
        except ValueError:
            numbers.append(None)
    if None in numbers:
        # Without two choices, compare the newest with the one before it.
        numbers = [max(article.version - 1, 1), article.version]
    found = {r.number: r for r in article.revisions.filter(number__in=numbers)}
    if len(found) < len(set(numbers)):
        raise Http404("No such revision.")
    older, newer = sorted((found[n] for n in numbers), key=lambda r: r.number)
    context = _context(
        model_admin,
        request,
        article,
        f"Revision {older.number} and revision {newer.number} of “{article.title}”",
    )
    context.update(
        older=older,
        newer=newer,
        comparison=comparison(article, older, newer),
        revisions_url=reverse("admin:articles_article_revisions", args=[article.pk]),
    )
    return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)


def revision_restore(model_admin, request, object_id, number):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    revision = get_object_or_404(Revision, article=article, number=number)
    try:
        services.revision_restore(revision=revision, by=request.user)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
    else:
        model_admin.message_user(
            request,
            f"Restored revision {number}: it is now the newest revision.",
            messages.SUCCESS,
        )
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
