"""
A cache backend that wraps another and carries on without it when it fails.

With Redis dead, every page and every essay save used to answer 500. Through this wrapper
a failing cache is a slow cache: a read is a miss, a write does nothing, and the page is
built from the database. After a failure the backend is left alone for COOLDOWN seconds
(filmculture/circuit_breaker.py), so a dead or black-holed server
costs one short timeout per process per cooldown instead of one per call. Failures are
logged on the "filmculture.cache" logger, which LOGGING throttles.

Any CACHES entry can use it:

    "default": {
        "BACKEND": "filmculture.degrading_cache.DegradingCache",
        "LOCATION": "redis://...",            # passed to the wrapped backend
        "KEY_PREFIX": "filmculture",          # so are TIMEOUT, KEY_PREFIX, VERSION, ...
        "OPTIONS": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "OPTIONS": {...},                 # the wrapped backend's own OPTIONS
            "COOLDOWN": 5,                    # seconds without the backend after a failure
            "MAX_TIMEOUT": 86400,             # no entry lives longer (None: no cap)
        },
    }

A write the cache never received (an invalidation during an outage) cannot be replayed,
so what readers may see stale afterwards is bounded by the lifetime of entries: callers
give pages a finite TIMEOUT, and MAX_TIMEOUT caps every entry, "forever" included.
"""

import contextlib
import logging
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.module_loading import import_string

from filmculture.circuit_breaker import breaker_for

logger = logging.getLogger("filmculture.cache")


def _failures():
    """What a cache server that is down, slow or refusing raises (not programming errors)."""
    errors = [OSError]  # refused, reset, timed out (socket.timeout is TimeoutError)
    try:
        import redis
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    else:
        errors.append(redis.exceptions.RedisError)
    return tuple(errors)


FAILURES = _failures()


def _printable(location):
    """The server's address without any password a URL might carry."""
    parts = urlsplit(str(location)) if "://" in str(location) else None
    if parts is None or parts.hostname is None:
        return str(location)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"


class DegradingCache(BaseCache):
    def __init__(self, location, params):
        options = dict(params.get("OPTIONS", {}))
        backend_path = options.pop("BACKEND")
        cooldown = options.pop("COOLDOWN", 5)
        self.max_timeout = options.pop("MAX_TIMEOUT", None)
        super().__init__({**params, "OPTIONS": {}})
        self.backend = import_string(backend_path)(
            location, {**params, "OPTIONS": options.pop("OPTIONS", {})}
        )
        name = f"Cache {_printable(location)}"
        self.breaker = breaker_for(("cache", backend_path, str(location)), name, cooldown, logger)

    def _call(self, fallback, method, *args, **kwargs):
        if not self.breaker.allows():
            return fallback
        try:
            result = getattr(self.backend, method)(*args, **kwargs)
        except FAILURES as error:
            self.breaker.failed(error)
            return fallback
        self.breaker.succeeded()
        return result

    def _bounded(self, timeout):
        if self.max_timeout is None:
            return timeout
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.backend.default_timeout
        if timeout is None or timeout > self.max_timeout:
            return self.max_timeout
        return timeout

    def available(self):
        """Whether the backend answers now (for /readyz); a cooling-down one does not."""
        marker = object()
        return self._call(marker, "has_key", "filmculture-ready-check") is not marker

    # Keys are made by the wrapped backend, with its prefix, version and key function.
    def make_key(self, key, version=None):
        return self.backend.make_key(key, version=version)

    def validate_key(self, key):
        self.backend.validate_key(key)

    def get(self, key, default=None, version=None):
        return self._call(default, "get", key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call({}, "get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call(False, "has_key", key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(None, "set", key, value, self._bounded(timeout), version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, "add", key, value, self._bounded(timeout), version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, "touch", key, self._bounded(timeout), version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), "set_many", data, self._bounded(timeout), version=version)

    def delete(self, key, version=None):
        return self._call(False, "delete", key, version=version)

    def delete_many(self, keys, version=None):
        self._call(None, "delete_many", keys, version=version)

    def incr(self, key, delta=1, version=None):
        # Django's answer for a missing key; counters (rate limits) start over.
        missing = object()
        result = self._call(missing, "incr", key, delta, version=version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def clear(self):
        self._call(None, "clear")

    def close(self, **kwargs):
        with contextlib.suppress(*FAILURES):
            self.backend.close(**kwargs)
