"""Test settings: the real settings module, with a throwaway secret and fast hashing."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key")
os.environ.pop("REDIS_URL", None)

from filmculture.settings import *  # noqa: F403
from filmculture.settings import FILMCULTURE

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="filmculture-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="filmculture-test-static-")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
FILMCULTURE = {
    **FILMCULTURE,
    "SITE_URL": "",
    "ADS_ENABLED": True,
    "AD_EVERY_N_PARAGRAPHS": 3,
    "RELATED_ARTICLES_COUNT": 6,
    "ARTICLES_PER_PAGE": 12,
}

# SQLite's test database as a file rather than in shared memory: the browser tests' live
# server answers from other threads, and shared-memory SQLite locks whole tables without
# waiting (a page request racing an autosave could fail instead of queueing), while a file
# in WAL mode lets readers read while a writer writes, as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"filmculture-test-{os.getpid()}.sqlite3")
    }

# The test client speaks plain HTTP; tests/test_security_headers.py checks the redirect.
SECURE_SSL_REDIRECT = False
# On PostgreSQL, a second real database stands for a read replica (tests/test_replica.py):
# a test fills each with different rows and shows which one a request reads. Routing to it
# is off unless a test turns it on with DATABASE_READ_REPLICAS.
DATABASE_READ_REPLICAS = []
if DATABASES["default"]["ENGINE"] == "filmculture.postgresql":  # noqa: F405
    DATABASES["replica"] = {  # noqa: F405
        **DATABASES["default"],  # noqa: F405
        "NAME": f"{DATABASES['default']['NAME']}_replica",  # noqa: F405
        "TEST": {"NAME": f"test_{DATABASES['default']['NAME']}_replica"},  # noqa: F405
    }
