"""Checks the web processes make before serving anything."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = (  # a message, not a secret
    "DJANGO_SECRET_KEY is not set. Production needs a long random secret; for local "  # noqa: S105
    "development set DJANGO_DEBUG=1 (scripts/run-site does)."
)


def require_secret_key():
    """Refuse to serve without a secret key: sessions, CSRF and signed links all need one."""
    try:
        settings.SECRET_KEY  # noqa: B018 (Django refuses an empty key when it is read)
    except ImproperlyConfigured:
        raise ImproperlyConfigured(MISSING_SECRET_KEY) from None
