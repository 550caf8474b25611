"""
Keeping an editor's work while they type: autosave into a slot per person and essay, and
the "X is also editing this essay" notice (a light heartbeat). `urls(model_admin)` adds
the endpoints to the essay admin; `context(request, article)` what the change form needs.
"""

import math
import re
import time
from functools import wraps

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.admin.routes import essay_view
from articles.models import Article, Author
from articles.services.autosave import (
    MAX_BYTES,
    AutosaveTooLarge,
    autosave_discard,
    autosave_for,
    autosave_store,
)
from articles.services.permissions import REFUSALS, Action, can, visible_articles

# Buttons say how a real save should go on; an autosave is never one, so they are not kept.
NOT_KEPT = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_transition"}
TOO_LARGE = "The form is too large to autosave. Save the essay to keep your changes."
PIN_TARGET = re.compile(r"pinned_links-\d+-target")


def autosave_seconds():
    return settings.FILMCULTURE.get("AUTOSAVE_SECONDS", 20)


def presence_seconds():
    return settings.FILMCULTURE.get("PRESENCE_SECONDS", 30)


def urls(model_admin):
    def bind(view):
        return essay_view(model_admin, view, post_only=True)

    # The new essay's paths come first: "autosave/" must never be read as an essay's id.
    return [
        path("autosave/", bind(store), name="articles_article_autosave_new"),
        path("autosave/discard/", bind(discard), name="articles_article_autosave_discard_new"),
        path("<path:object_id>/autosave/", bind(store), name="articles_article_autosave"),
        path(
            "<path:object_id>/autosave/discard/",
            bind(discard),
            name="articles_article_autosave_discard",
        ),
        path("<path:object_id>/presence/", bind(presence), name="articles_article_presence"),
    ]


def answers_in_json(view):
    """The script reads every answer, refusals included, as JSON with a message."""

    @wraps(view)
    def wrapped(model_admin, request, **kwargs):
        try:
            return view(model_admin, request, **kwargs)
        except PermissionDenied as refusal:
            message = str(refusal) or REFUSALS[Action.EDIT]
            return JsonResponse({"error": message}, status=403)
        except Http404:
            return JsonResponse({"error": "This essay no longer exists."}, status=404)
        except AutosaveTooLarge as too_large:
            return JsonResponse({"error": str(too_large)}, status=413)
        except RequestDataTooBig:
            return JsonResponse({"error": TOO_LARGE}, status=413)

    return wrapped


def editable_article(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such essay.")
    if not can(request.user, Action.EDIT, article):
        raise PermissionDenied(REFUSALS[Action.EDIT])
    return article


def time_label(moment):
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local:%H:%M} on {local:%B} {local.day}"


@answers_in_json
def store(model_admin, request, object_id=None):
    article = None if object_id is None else editable_article(model_admin, request, object_id)
    data = {name: request.POST.getlist(name) for name in request.POST if name not in NOT_KEPT}
    try:
        base_version = max(int(request.POST.get("loaded_version", "")), 0)
    except ValueError:
        base_version = None
    slot = autosave_store(
        user=request.user,
        article=article,
        data=data,
        base_version=base_version if article else None,
    )
    return JsonResponse({"saved_at": slot.saved_at.isoformat(), "label": time_label(slot.saved_at)})


@answers_in_json
def discard(model_admin, request, object_id=None):
    article = None if object_id is None else editable_article(model_admin, request, object_id)
    return JsonResponse({"discarded": autosave_discard(user=request.user, article=article)})


# --- Who else has the essay open -----------------------------------------------------------


def presence_key(article):
    return f"articles:presence:{article.pk}"


def presence_notice(names):
    if not names:
        return ""
    if len(names) == 1:
        return f"{names[0]} is also editing this essay"
    return f"{', '.join(names[:-1])} and {names[-1]} are also editing this essay"


@answers_in_json
def presence(model_admin, request, object_id):
    """
    A heartbeat: note the caller as having the essay open, answer with the others seen
    within three heartbeats. Two heartbeats at once may lose one of the two notes; the
    next heartbeat puts it back, which is all a notice like this needs.
    """
    article = editable_article(model_admin, request, object_id)
    window = 3 * presence_seconds()
    now = time.time()
    key = presence_key(article)
    seen = {
        user_id: entry
        for user_id, entry in (cache.get(key) or {}).items()
        if now - entry[1] <= window
    }
    me = str(request.user.pk)
    if request.POST.get("leave"):
        seen.pop(me, None)
    else:
        seen[me] = [request.user.get_full_name() or request.user.get_username(), now]
    cache.set(key, seen, timeout=math.ceil(window) + 1)
    others = sorted(name for user_id, (name, _) in seen.items() if user_id != me)
    return JsonResponse({"others": others, "notice": presence_notice(others)})


# --- What the change and add forms need --------------------------------------------------------


def choice_labels(user, data):
    """
    Names for the ids in autocomplete fields, by field: their pages list only the options
    saved with the essay, so restoring an author or pinned essay chosen since needs a name.
    """
    author_ids = [value for value in data.get("authors", []) if value.isdigit()]
    pins = {name: values for name, values in data.items() if PIN_TARGET.fullmatch(name)}
    target_ids = [value for values in pins.values() for value in values if value.isdigit()]
    authors = Author.objects.filter(pk__in=author_ids).values_list("pk", "name")
    # Only essays the user may see: the ids came from their browser, not from us.
    targets = visible_articles(user, Article.objects.filter(pk__in=target_ids))
    titles = {str(pk): title for pk, title in targets.values_list("pk", "title")}
    labels = {name: {v: titles[v] for v in values if v in titles} for name, values in pins.items()}
    labels["authors"] = {str(pk): name for pk, name in authors}
    return labels


def context(request, article):
    user = request.user
    if not (can(user, Action.CREATE) if article is None else can(user, Action.EDIT, article)):
        return {}
    if article is None:
        store_url = reverse("admin:articles_article_autosave_new")
        discard_url = reverse("admin:articles_article_autosave_discard_new")
        presence_url = None
    else:
        store_url = reverse("admin:articles_article_autosave", args=[article.pk])
        discard_url = reverse("admin:articles_article_autosave_discard", args=[article.pk])
        presence_url = reverse("admin:articles_article_presence", args=[article.pk])
    config = {
        "storeUrl": store_url,
        "discardUrl": discard_url,
        "presenceUrl": presence_url,
        "autosaveSeconds": autosave_seconds(),
        "presenceSeconds": presence_seconds(),
        "maxBytes": MAX_BYTES,
    }
    offer = None
    # A form posted back with errors already holds what was typed: nothing to offer.
    if request.method == "GET":
        slot = autosave_for(user=user, article=article)
        if slot is not None and (article is None or slot.saved_at > article.updated_at):
            offer = {
                "label": time_label(slot.saved_at),
                "savedAt": slot.saved_at.isoformat(),
                "data": slot.data,
                "labels": choice_labels(user, slot.data),
            }
    return {"autosave": {"config": config, "offer": offer}}
