"""
Readers' queries to a read replica, everything else to the primary (docs/deploy.md).

A request reads the replica only when nothing says its reader needs to see the latest
writes: it is a GET or HEAD, it carries no session (editors are signed in, readers are not),
it does not carry the short-lived cookie set after a write, and it has written nothing yet.
Anything outside a request (commands, the shell, scheduled jobs) reads the primary.
"""

import random
import time
from contextvars import ContextVar

from django.conf import settings

# True: read the primary. Outside a request nobody has said otherwise.
_reading_primary = ContextVar("filmculture_reading_primary", default=True)
_wrote = ContextVar("filmculture_wrote", default=False)

READ_PRIMARY_COOKIE = "filmculture_read_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def replicas():
    return getattr(settings, "DATABASE_READ_REPLICAS", [])


def _chosen_elsewhere(hints):
    """The database of an object a caller fetched from a named other database, if any (a
    restore into a new database, a command given --database): it stays there."""
    state = getattr(hints.get("instance"), "_state", None)
    db = getattr(state, "db", None)
    return db if db and db != "default" and db not in replicas() else None


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if elsewhere := _chosen_elsewhere(hints):
            return elsewhere
        choices = replicas()
        if not choices or _reading_primary.get():
            return "default"
        return random.choice(choices)  # noqa: S311  (spreading reads, not a secret)

    def db_for_write(self, model, **hints):
        if elsewhere := _chosen_elsewhere(hints):
            return elsewhere
        # A request that writes reads its own writes from then on.
        _reading_primary.set(True)
        _wrote.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects from either may mix.
        return True


class ReadYourWritesMiddleware:
    """
    Decides, per request, whether it may read the replica; after a write, tells the
    browser to keep reading the primary for FILMCULTURE_READ_PRIMARY_AFTER_WRITE_SECONDS
    (long enough for the replica to catch up), through a cookie that carries the time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        primary = _reading_primary.set(self.needs_primary(request))
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                seconds = settings.READ_PRIMARY_AFTER_WRITE_SECONDS
                response.set_cookie(
                    READ_PRIMARY_COOKIE,
                    str(int(time.time()) + seconds),
                    max_age=seconds,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        finally:
            _reading_primary.reset(primary)
            _wrote.reset(wrote)

    def needs_primary(self, request):
        if request.method not in SAFE_METHODS:
            return True
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        until = request.COOKIES.get(READ_PRIMARY_COOKIE, "")
        return until.isdigit() and int(until) > time.time()
