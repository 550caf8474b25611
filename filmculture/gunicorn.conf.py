"""
gunicorn settings: `gunicorn -c filmculture/gunicorn.conf.py filmculture.wsgi`.

Everything from the environment (docs/deploy.md). Each worker process holds its own
database connection pool (DJANGO_DB_POOL_MAX_SIZE connections at most), so a server opens
up to GUNICORN_WORKERS x DJANGO_DB_POOL_MAX_SIZE connections to PostgreSQL.
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# Threads let a worker answer other requests while one waits on the database or Redis.
threads = _int("GUNICORN_THREADS", 2)
# A request still running after this many seconds is killed with its worker.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On restart or deploy, requests in flight get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle connection from the load balancer is kept open; above its own idle
# timeout would let it send a request on a connection gunicorn is closing.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are replaced after this many requests (0: never), staggered by the jitter, so a
# slow leak never grows for long.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Not preloaded: each worker opens its own database pool and cache connections after fork.
preload_app = False
# The heartbeat file in memory, not on a disk that may stall (as in containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
