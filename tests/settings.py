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
