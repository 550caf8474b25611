"""
Caching of public pages, and the one place that decides what a content change invalidates.

Every reader-facing page shows lists that any essay can enter or leave (home, sections,
tags, archives, other essays' related lists), so a change invalidates all cached pages at
once by moving a shared content version forward; old entries simply stop being read and
expire. Scheduled essays appear without any write, so the version also remembers when the
next scheduled essay goes live and moves forward itself at that moment.

Pages are cached for anonymous readers only; editors always see fresh pages.
"""

import hashlib
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

VERSION_KEY = "content-version"
# Inside `changes_batched()`: whether anything changed yet (None outside).
_batched_change = ContextVar("batched_change", default=None)


def _current_state():
    state = cache.get(VERSION_KEY)
    if state is None or (state["next_change_at"] and timezone.now() >= state["next_change_at"]):
        state = _new_state()
    return state


def _new_state():
    from articles.models import Article

    next_scheduled = (
        Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True)
    ).first()
    state = {"version": time.time_ns(), "next_change_at": next_scheduled}
    cache.set(VERSION_KEY, state, timeout=None)
    return state


def content_changed():
    """Call after any write readers could see. Services call it; nothing else needs to."""
    if _batched_change.get() is not None:
        _batched_change.set(True)
        return
    _new_state()
    # Once more after commit: a request between the write and the commit may have cached
    # the old page under the version just made.
    transaction.on_commit(_new_state, robust=True)


@contextmanager
def changes_batched():
    """
    Invalidate once, on the way out, for every change made inside (an import of thousands of
    essays would otherwise invalidate and query the next scheduled essay once per essay).
    Pages cached meanwhile may miss the batch's changes until it ends, failed or not.
    """
    token = _batched_change.set(_batched_change.get() or False)
    try:
        yield
    finally:
        changed = _batched_change.get()
        _batched_change.reset(token)
        if changed:
            content_changed()


def content_version():
    return _current_state()["version"]


# The query parameters public pages read (list pages, the sitemap's pages). Any other
# parameter changes nothing on the page, so it shares the plain page's cache entry instead
# of letting every made-up query string store a copy.
PAGE_PARAMETERS = ("page", "p")


def page_cache_key(request):
    query = urlencode(sorted((name, request.GET[name]) for name in PAGE_PARAMETERS
                             if name in request.GET))  # fmt: skip
    address = f"{request.path}?{query}" if query else request.path
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page:{content_version()}:{request.get_host()}:{digest}"


def public_page(view):
    """Cache a reader-facing page for anonymous GETs and let browsers and the CDN keep it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.FILMCULTURE["PUBLIC_CACHE_SECONDS"]
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        key = page_cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and seconds > 0:
                cache.set(key, (response.content, response["Content-Type"]), timeout=seconds)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=seconds)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
