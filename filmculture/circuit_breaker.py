"""
Circuit breakers: after a dependency fails, leave it alone for a cooldown instead of paying
its timeout on every call. Shared by the threads of a process, one per server; used by the
degrading cache (filmculture/degrading_cache.py) and the PostgreSQL connection
(filmculture/postgresql/base.py).
"""

import threading
import time


def _clock():
    return time.monotonic()


class Breaker:
    """Closed: calls go through. Open: they are skipped until the cooldown ends; then one
    call tries the dependency (the others keep skipping) and its outcome closes or reopens.
    Opening and closing are logged on `logger` (which LOGGING throttles)."""

    def __init__(self, name, cooldown, logger):
        self.name = name
        self.cooldown = cooldown
        self.logger = logger
        self._lock = threading.Lock()
        self._open_until = None
        self._opened_at = None
        self.skipped = 0  # calls answered without the dependency since it failed

    def allows(self):
        if self._open_until is None:  # the common case: no lock
            return True
        with self._lock:
            if self._open_until is None:
                return True
            now = _clock()
            if now >= self._open_until:
                self._open_until = now + self.cooldown
                return True
            self.skipped += 1
            return False

    def failed(self, error):
        with self._lock:
            now = _clock()
            self._open_until = now + self.cooldown
            if self._opened_at is None:
                self._opened_at = now
        self.logger.warning(
            "%s unreachable, not tried again for %s s: %s: %s",
            self.name,
            self.cooldown,
            type(error).__name__,
            error,
        )

    def succeeded(self):
        if self._open_until is None:
            return
        with self._lock:
            if self._open_until is None:
                return
            down_for, skipped = _clock() - self._opened_at, self.skipped
            self._open_until = self._opened_at = None
            self.skipped = 0
        self.logger.warning(
            "%s reachable again after %.0f s; %s calls were answered without it",
            self.name,
            down_for,
            skipped,
        )


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(key, name, cooldown, logger):
    # Django makes a cache or database connection object per thread; the breaker is the
    # process's, one per server.
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = Breaker(name, cooldown, logger)
        return _breakers[key]


def forget_all():
    """Close every breaker (tests)."""
    with _breakers_lock:
        _breakers.clear()
