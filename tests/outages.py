"""Dead and hung servers for the failing-parts tests, built from the real settings module."""

import functools
import json
import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from django.db import connections
from django.utils.module_loading import import_string

from filmculture import circuit_breaker
from filmculture.throttled_logging import OncePerInterval

PROJECT = Path(__file__).resolve().parent.parent

# In the project's own port range (8131-8139) and kept free: connecting is refused at once.
CLOSED_PORT = 8139


def port_is_closed(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


class BlackHole:
    """A server that accepts connections and never answers, like a frozen database or a
    network that drops replies. `accepted` counts the connections clients opened."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self._held = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:  # closed by __exit__
                return
            self.accepted += 1
            self._held.append(connection)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.close()
        for connection in self._held:
            connection.close()
        self._thread.join(timeout=5)


def configured(env, setting):
    """`setting` of filmculture.settings as a production process with `env` would see it."""
    return json.loads(_configured(tuple(sorted(env.items())), setting))


@functools.cache
def _configured(env, setting):
    env = dict(env)
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE", "REDIS"))}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c",
         f"import json, filmculture.settings as s; print(json.dumps(s.{setting}, default=str))"],
        cwd=PROJECT, env={"DJANGO_SECRET_KEY": "x" * 50, **clean, **env},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout


def redis_caches(url, **env):
    """CACHES as settings.py builds them for REDIS_URL=url."""
    return configured({"REDIS_URL": url, **env}, "CACHES")


@contextmanager
def database_replaced(database_url, *, options=None, **env):
    """
    For the duration, the default connection is the one settings.py builds for
    DATABASE_URL=database_url (its timeouts included), in this thread: pages and checks run
    against it while the test database stays as it was.
    """
    settings_dict = configured({"DATABASE_URL": database_url, **env}, "DATABASES['default']")
    original = connections["default"]
    settings_dict = {
        **original.settings_dict,
        **settings_dict,
        "OPTIONS": {**settings_dict.get("OPTIONS", {}), **(options or {})},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }
    backend = import_string(f"{settings_dict['ENGINE']}.base.DatabaseWrapper")
    replacement = backend(settings_dict, alias="default")
    connections["default"] = replacement
    try:
        yield replacement
    finally:
        replacement.close()
        connections["default"] = original


def fresh_failure_state():
    """Forget open circuit breakers and throttled log lines left by earlier tests."""
    circuit_breaker.forget_all()
    import logging

    for name in ("filmculture.cache", "filmculture.database"):
        for log_filter in logging.getLogger(name).filters:
            if isinstance(log_filter, OncePerInterval):
                log_filter._kinds.clear()
