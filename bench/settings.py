"""
Settings for `bench/serve.py` only: the site's own settings, plus the floor page
(`bench/urls.py`) and static files collected under bench/.data/. Never used by the site.
"""

import os

from filmculture.settings import *  # noqa: F403
from filmculture.settings import BASE_DIR

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / "bench" / ".data" / "static"
# The benchmark talks plain HTTP to 127.0.0.1.
SECURE_PROXY_SSL_HEADER = None
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
