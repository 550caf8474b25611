"""
Health checks for load balancers: /healthz (the process answers) and /readyz (it can
serve pages: the database answers; the cache is reported, but a site without its cache
still serves pages, from the database, so a dead Redis does not take every server out).

Answered by a middleware at the top of the stack, before host validation, HTTPS redirects,
sessions and the page cache: a load balancer probes by IP over plain HTTP, and a probe
must not touch what it is not checking. The bodies hold no detail an outsider could use;
the details go to the (throttled) logs.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("filmculture.database")


def _database_state():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Readiness check: database unreachable: %s: %s", type(error).__name__, error)
        return "unreachable"
    return "ok"


def _cache_state():
    if hasattr(cache, "available"):  # filmculture.degrading_cache.DegradingCache
        return "ok" if cache.available() else "unreachable"
    try:
        cache.has_key("filmculture-ready-check")
    except Exception as error:  # an unwrapped backend's errors are whatever it raises
        logging.getLogger("filmculture.cache").warning(
            "Readiness check: cache unreachable: %s: %s", type(error).__name__, error
        )
        return "unreachable"
    return "ok"


def _answer(body, status=200):
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


def healthz(request):
    return _answer({"status": "ok"})


def readyz(request):
    parts = {"database": _database_state(), "cache": _cache_state()}
    if parts["database"] != "ok":
        return _answer({"status": "unavailable", **parts}, status=503)
    status = "ok" if parts["cache"] == "ok" else "degraded"
    return _answer({"status": status, **parts})


CHECKS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check = CHECKS.get(request.path_info)
        if check is not None and request.method in ("GET", "HEAD"):
            return check(request)
        return self.get_response(request)
