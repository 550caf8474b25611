"""
Caching of public pages, and the one place that decides what a content change invalidates.

Each cached page records what it shows as surrogate keys (`essay:12`, `tag:4`, `author:3`,
`category:2`, `sections` for the header, and list keys such as `list:home` or
`list:tag:4` for lists a newly published essay could enter; docs/caching.md lists them).
Views declare them with `shows()`; a page that declares nothing carries `all`. A change
names what it touched (`content_changed(essays=..., lists=..., tags=...)`), which moves
those keys' versions forward in the shared cache; an entry is served only while every key
it was built under still has the version it recorded. The same keys go out as
`Surrogate-Key` and `Cache-Tag` headers, and `articles.purging` bans them from an HTTP
cache in front of the site once the change is committed.

Reading every key's version on every hit would cost a lookup per key, so a shared state
also holds a generation that moves with every change: an entry stamped with the current
generation is served at once; one stamped with an older generation has its keys checked
once and is stamped anew. A change moves the generation before and after its keys, so a
page rendered while a change lands is never stamped as current (see `_store`).

Scheduled essays appear without any write: the state remembers when the next one goes
live, and the first request after that moment invalidates that essay's lists. Shared
caches are told to keep no page past that moment (`s-maxage`).

Pages are cached for anonymous readers only; editors always get fresh, private pages.
`PageCacheMiddleware` answers hits early in the middleware stack and stores what
`public_page` rendered (docs/caching.md, 'A hit').
"""

import hashlib
import logging
import secrets
import time
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Value
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

STATE_KEY = "page-cache:state"
VERSION_PREFIX = "page-cache:v:"
# Bumped when the stored form of a page changes: older entries are never read.
ENTRY_PREFIX = "page-cache:page2:"
# The key of pages that do not say what they show: every change refreshes them.
EVERYTHING = "all"
# Inside `changes_batched()`: what changed so far (None outside).
_batched = ContextVar("batched_changes", default=None)


@dataclass
class _Batch:
    keys: set
    # Essays whose list keys are read when the batch ends, in a few queries for thousands
    # of essays rather than two per essay: lists they entered are read then; lists they
    # left, callers read before each write (`keys=`).
    listed: set


def _token():
    return secrets.token_hex(8)


# --- What a page shows --------------------------------------------------------------------------


def keys_of(thing) -> set[str]:
    """The surrogate keys of a shown object: a key as given, a model instance, or many."""
    from articles.models import Article, Author, Category, Tag

    if thing is None:
        return set()
    if isinstance(thing, str):
        return {thing}
    if isinstance(thing, Article):
        keys = {f"essay:{thing.pk}"}
        # A list that fetched no section for its essays (the related list) shows none.
        if "category_id" not in thing.get_deferred_fields() and thing.category_id:
            keys.add(f"category:{thing.category_id}")
        # Cards and bylines show the authors; only when fetched with the essay, as lists do.
        if "authors" in getattr(thing, "_prefetched_objects_cache", {}):
            keys.update(f"author:{author.pk}" for author in thing.authors.all())
        return keys
    for model, prefix in ((Category, "category"), (Tag, "tag"), (Author, "author")):
        if isinstance(thing, model):
            return {f"{prefix}:{thing.pk}"}
    if isinstance(thing, Iterable):
        return set().union(*(keys_of(item) for item in thing))
    raise TypeError(f"No surrogate key for {thing!r}.")


def essay_page_keys(article) -> set[str]:
    """An essay's own page: the essay, its section and tags, and its related list (which any
    essay sharing one of its tags may enter, and the related pools reorder). Its byline is
    stored with the essay: an author's new name re-renders it and changes `essay:<id>`."""
    tags = list(article.tags.all())
    return (
        keys_of(article)
        | {f"tag:{tag.pk}" for tag in tags}
        | {f"list:tag:{tag.pk}" for tag in tags}
        | {f"related:{article.pk}", "related"}
    )


def shows(request, *things) -> None:
    """Views call this with what their page shows; outside the page cache it does nothing."""
    keys = getattr(request, "_page_keys", None)
    if keys is not None:
        keys.update(keys_of(things))


# Fragments rendered once per process and version of their keys (`fragment`).
_fragments = {}


def fragment(request, name, keys, render):
    """
    HTML shown on many pages that changes only with `keys` (the header's sections): kept in
    this process and rendered again once a change moves any of its keys. The page carries
    the keys, so the page cache and HTTP caches refresh with it.
    """
    shows(request, *keys)
    names = [VERSION_PREFIX + key for key in keys]
    versions = cache.get_many(names)
    if missing := {name: _token() for name in names if name not in versions}:
        cache.set_many(missing, timeout=None)
        versions.update(missing)
    # Versions read before rendering: a change landing meanwhile moves them, so the next
    # request renders again rather than keeping what this one saw.
    stamp = tuple(versions[name] for name in names)
    kept = _fragments.get(name)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    html = render()
    _fragments[name] = (stamp, html)
    return html


# --- What a change touches ----------------------------------------------------------------------


def _ids(things):
    return [getattr(thing, "pk", thing) for thing in things]


def _archive_keys(published_at):
    if published_at is None:
        return set()
    return {f"list:archive:{timezone.localtime(published_at).year}"}


def dated_key(published_at) -> str:
    """
    The key of an essay's month in the archive (site time): moved by any change readers
    could see of an essay dated in it. Pages showing a month's essays without a key each
    carry it (a month of the essays' sitemap may hold thousands).
    """
    from articles.models.archive import local_month

    return month_key(local_month(published_at))


def month_key(month) -> str:
    """`dated_key` of the essays of a month (its first day)."""
    return f"dated:{month:%Y-%m}"


def _dated_keys(things):
    """The month keys of these published essays (instances as they are now, or ids)."""
    from articles.models import Article, ArticleStatus

    keys, ids = set(), []
    for thing in things:
        if isinstance(thing, Article):
            if thing.status == ArticleStatus.PUBLISHED and thing.published_at is not None:
                keys.add(dated_key(thing.published_at))
        else:
            ids.append(thing)
    for start in range(0, len(ids), 1000):
        dates = Article.objects.published_or_scheduled().filter(pk__in=ids[start : start + 1000])
        keys.update(map(dated_key, dates.values_list("published_at", flat=True).distinct()))
    return keys


def list_keys(article_ids, *, pinners=True) -> set[str]:
    """
    The keys of every list the essays are in (or would be in if published): home, archive,
    their year, section, tags and authors, and the related lists of essays pinning them.
    Services call it before a change that moves essays out of lists, and `content_changed`
    after it (`lists=`). Two queries per thousand essays.
    """
    from articles.models import Article, Byline, RelatedLink, TaggedArticle

    ids = list(dict.fromkeys(_ids(article_ids)))
    if not ids:
        return set()
    keys = {"list:home", "list:archive"}
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for category_id, published_at in Article.objects.filter(pk__in=chunk).values_list(
            "category_id", "published_at"
        ):
            keys |= _archive_keys(published_at)
            if category_id:
                keys.add(f"list:category:{category_id}")
        parts = (
            TaggedArticle.objects.filter(content_object_id__in=chunk)
            .values_list(Value("tag", output_field=models.CharField()), "tag_id")
            .order_by()
        )
        parts = parts.union(
            Byline.objects.filter(article_id__in=chunk)
            .values_list(Value("author", output_field=models.CharField()), "author_id")
            .order_by(),
            all=True,
        )
        if pinners:
            parts = parts.union(
                RelatedLink.objects.filter(target_id__in=chunk)
                .values_list(Value("pinned", output_field=models.CharField()), "article_id")
                .order_by(),
                all=True,
            )
        for kind, pk in parts:
            keys.add(f"related:{pk}" if kind == "pinned" else f"list:{kind}:{pk}")
    return keys


def content_changed(
    *,
    essays=(),
    lists=(),
    tags=(),
    categories=(),
    authors=(),
    related=(),
    sections: bool = False,
    keys=(),
) -> None:
    """
    Call after any write readers could see, naming what changed: `essays` whose shown text
    or data changed; `lists`: essays that entered, left or moved in lists (their list keys
    are read now, or when `changes_batched()` ends: pass `list_keys()` read before the
    write as `keys` for lists they left);
    `tags`, `categories`, `authors` whose own names or descriptions changed; `related`:
    essays whose related list changed; `sections` when the header's sections change. Ids or
    instances (an essay's instance, as just written, saves reading its date for its month's
    key). Services call it; nothing else needs to.
    """
    changed = set(keys) | {EVERYTHING}
    changed |= {f"essay:{pk}" for pk in _ids(essays)} | _dated_keys(essays)
    changed |= {f"tag:{pk}" for pk in _ids(tags)}
    changed |= {f"category:{pk}" for pk in _ids(categories)}
    changed |= {f"author:{pk}" for pk in _ids(authors)}
    changed |= {f"related:{pk}" for pk in _ids(related)}
    # Pages listing every tag or author (a sitemap, the feed index) carry these.
    changed |= {"tags"} if tags else set()
    changed |= {"authors"} if authors else set()
    if sections:
        changed.add("sections")
    batch = _batched.get()
    if batch is not None:
        batch.keys |= changed
        batch.listed.update(_ids(lists))
        return
    if lists:
        changed |= list_keys(lists)
    _invalidate(changed)
    # Once more after commit, and only then tell HTTP caches: a request between the write
    # and the commit may have cached the old page.
    transaction.on_commit(lambda: _invalidate(changed, purge=True), robust=True)


@contextmanager
def changes_batched():
    """
    Invalidate once, on the way out, for every change made inside (an import of thousands of
    essays would otherwise invalidate once per essay): the union of their keys. Pages
    cached meanwhile may miss the batch's changes until it ends, failed or not.
    """
    outer = _batched.get()
    token = _batched.set(_Batch(keys=set(), listed=set()) if outer is None else outer)
    try:
        yield
    finally:
        batch = _batched.get()
        _batched.reset(token)
        if outer is None and (batch.keys or batch.listed):
            content_changed(keys=batch.keys, lists=batch.listed)


def _invalidate(keys, *, purge=False):
    state = cache.get(STATE_KEY)
    epoch = state["epoch"] if state else _token()
    if state:
        cache.set(STATE_KEY, {**state, "gen": _token()}, timeout=None)
    cache.set_many({VERSION_PREFIX + key: _token() for key in keys}, timeout=None)
    _new_state(epoch)
    if purge:
        from articles import purging

        purging.purge(sorted(keys))


def _new_state(epoch):
    from articles.models import Article

    next_scheduled = (
        Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True)
    ).first()
    state = {"epoch": epoch, "gen": _token(), "next_change_at": next_scheduled}
    cache.set(STATE_KEY, state, timeout=None)
    return state


def _current_state():
    state = cache.get(STATE_KEY)
    if state is None:
        # Lost (evicted, cleared, first start): entries from before cannot be trusted.
        return _new_state(_token())
    if state["next_change_at"] and timezone.now() >= state["next_change_at"]:
        return _scheduled_went_live(state)
    return state


def _scheduled_went_live(state):
    from articles.models import Article

    live = list(
        Article.objects.published()
        .filter(published_at__gte=state["next_change_at"])
        .values_list("pk", flat=True)
    )
    keys = list_keys(live) | {f"essay:{pk}" for pk in live} | {EVERYTHING}
    _invalidate(keys, purge=True)
    return cache.get(STATE_KEY) or _new_state(state["epoch"])


def content_version():
    """The current generation of cached pages (reading it also notices scheduled essays)."""
    return _current_state()["gen"]


# --- The page cache -----------------------------------------------------------------------------

# The query parameters public pages read (list pages, the sitemap's pages). Any other
# parameter changes nothing on the page, so it shares the plain page's cache entry instead
# of letting every made-up query string store a copy.
PAGE_PARAMETERS = ("page", "p")


def page_cache_key(request):
    query = urlencode(sorted((name, request.GET[name]) for name in PAGE_PARAMETERS
                             if name in request.GET))  # fmt: skip
    address = f"{request.path}?{query}" if query else request.path
    digest = hashlib.sha256(f"{request.get_host()}{address}".encode()).hexdigest()[:32]
    return f"{ENTRY_PREFIX}{digest}"


def _valid(entry, state, entry_key):
    """Whether `entry` still shows what its keys say, stamping it current if so."""
    if entry is None or entry["epoch"] != state["epoch"]:
        return False
    if entry["gen"] == state["gen"]:
        return True
    names = [VERSION_PREFIX + key for key in entry["keys"]]
    current = cache.get_many(names)
    recorded = dict(zip(names, entry["versions"], strict=True))
    if any(current.get(name) != version for name, version in recorded.items()):
        return False
    remaining = entry["expires"] - time.time()
    if remaining > 1:
        cache.set(entry_key, {**entry, "gen": state["gen"]}, timeout=remaining)
    return True


def _cached_response(request, entry_key, state):
    """The stored page for `entry_key` as a response (or a 304), if it is still current."""
    entry = cache.get(entry_key)
    if not _valid(entry, state, entry_key):
        return None
    response = HttpResponse(entry["content"], headers=entry["headers"])
    response["Cache-Control"] = _cache_control(state)
    # Set below this middleware on a built page: without it, servers send a hit in chunks.
    response["Content-Length"] = str(len(entry["content"]))
    # The validators the reader was given, which a view may have set itself (feeds do).
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


# Headers a stored page does not keep: the cache decides them anew on each hit, or they
# belong to one response only.
UNSTORED_HEADERS = {"cache-control", "content-length", "expires", "set-cookie"}


def _store(entry_key, response, pending):
    """Store the page with its keys' versions, unless a change landed while it rendered."""
    names = [VERSION_PREFIX + key for key in pending.keys]
    versions = cache.get_many(names)
    if missing := {name: _token() for name in names if name not in versions}:
        cache.set_many(missing, timeout=None)
        versions.update(missing)
    state = pending.state
    after = cache.get(STATE_KEY)
    if after is None or after["gen"] != state["gen"] or after["epoch"] != state["epoch"]:
        return
    headers = {name: value for name, value in response.items()
               if name.lower() not in UNSTORED_HEADERS}  # fmt: skip
    entry = {
        "content": pending.content,
        "headers": headers,
        "keys": pending.keys,
        "versions": [versions[name] for name in names],
        "epoch": state["epoch"],
        "gen": state["gen"],
        "expires": time.time() + pending.seconds,
    }
    cache.set(entry_key, entry, timeout=pending.seconds)


def _etag(content):
    return f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"'


def _shared_seconds(state, seconds):
    """No shared cache keeps a page past the moment the next scheduled essay goes live."""
    if state["next_change_at"]:
        until = (state["next_change_at"] - timezone.now()).total_seconds()
        seconds = max(0, min(seconds, int(until)))
    return seconds


def _cache_control(state):
    config = settings.FILMCULTURE
    shared = _shared_seconds(state, config["PUBLIC_CACHE_SECONDS"])
    return (
        f"public, max-age={min(config['BROWSER_CACHE_SECONDS'], shared)}, s-maxage={shared}, "
        f"stale-while-revalidate={config['STALE_WHILE_REVALIDATE_SECONDS']}, "
        f"stale-if-error={config['STALE_IF_ERROR_SECONDS']}"
    )


def _public_headers(request, response, *, keys, etag, modified, state):
    response["Cache-Control"] = _cache_control(state)
    ordered = sorted(keys)
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(
        request, etag=etag, last_modified=int(modified), response=response
    )


@dataclass(frozen=True)
class PendingEntry:
    """A page rendered for the cache, stored by `PageCacheMiddleware` once every layer
    inside it has added its headers."""

    entry_key: str
    keys: list
    state: dict
    seconds: int
    content: bytes
    etag: str
    modified: float


def _may_use_cache(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.FILMCULTURE["PUBLIC_CACHE_SECONDS"] > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PageCacheMiddleware:
    """
    Answers anonymous readers from the page cache before sessions, CSRF, authentication
    and the URL resolver run: a request with no session cookie is nobody's, so a hit costs
    two cache reads. On the way out it stores pages `public_page` rendered, with the headers
    the layers below it added (X-Frame-Options, Vary), never one that sets a cookie. The
    layers above it (security headers, CSP, compression) run on hits too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_use_cache(request):
            state = _current_state()
            hit = _cached_response(request, page_cache_key(request), state)
            if hit is not None:
                return hit
            request._page_cache_state = state
        response = self.get_response(request)
        pending = getattr(response, "page_cache_pending", None)
        if pending is not None and response.status_code == 200 and not response.cookies:
            _store(pending.entry_key, response, pending)
        return response


def public_page(view):
    """
    Cache a reader-facing page for anonymous GETs, in the shared page cache (stored by
    `PageCacheMiddleware`) and in HTTP caches (with its surrogate keys, ETag and
    Last-Modified); editors get private pages.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.FILMCULTURE["PUBLIC_CACHE_SECONDS"]
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable or seconds <= 0:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response

        entry_key = page_cache_key(request)
        state = getattr(request, "_page_cache_state", None)
        if state is None:
            # Not looked up before the session was read (a reader with a session cookie).
            state = _current_state()
            if (hit := _cached_response(request, entry_key, state)) is not None:
                return hit

        request._page_keys = set()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code != 200:
            patch_vary_headers(response, ["Cookie"])
            return response
        keys = sorted(request._page_keys or {EVERYTHING})
        content = response.content
        pending = PendingEntry(
            entry_key=entry_key,
            keys=keys,
            state=state,
            seconds=seconds,
            content=content,
            etag=_etag(content),
            modified=time.time(),
        )
        response = _public_headers(
            request, response, keys=keys, etag=pending.etag, modified=pending.modified, state=state
        )
        response.page_cache_pending = pending
        return response

    return wrapper
