"""
Telling HTTP caches in front of the site (Varnish, a CDN) which pages a change made stale.

Pages carry their surrogate keys (`Surrogate-Key`, `Cache-Tag`); after a change commits,
`caching` hands the keys it invalidated to `purge()`, which passes them to the configured
purger. A purge that fails is logged and dropped: the editor's change is saved, and the
cache's own `s-maxage` bounds how long the stale copy lives.
"""

import logging
import re
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


class Purger:
    """Drops pages carrying any of `keys` from an HTTP cache."""

    def purge(self, keys: list[str]) -> None:
        raise NotImplementedError


class NullPurger(Purger):
    """No HTTP cache to tell (the default)."""

    def purge(self, keys):
        pass


class VarnishPurger(Purger):
    """
    Sends `BAN` requests to each Varnish in `urls` with `X-Ban-Surrogate`, a regular
    expression matching the keys in a page's `Surrogate-Key` (deploy/varnish/default.vcl).
    """

    # Keys per request: header lines stay well under Varnish's 8 kB limit.
    KEYS_PER_REQUEST = 100

    def __init__(self, urls, timeout=2.0):
        self.urls = list(urls)
        if bad := [url for url in self.urls if not url.startswith(("http://", "https://"))]:
            raise ImproperlyConfigured(f"FILMCULTURE_PURGE_URLS: not http(s) addresses: {bad}")
        self.timeout = timeout

    @staticmethod
    def pattern(keys):
        # No spaces: Varnish reads the ban expression as words.
        return r"(^|\s)(" + "|".join(re.escape(key) for key in keys) + r")(\s|$)"

    def purge(self, keys):
        for start in range(0, len(keys), self.KEYS_PER_REQUEST):
            header = self.pattern(keys[start : start + self.KEYS_PER_REQUEST])
            for url in self.urls:
                # http(s) only, checked when the purger is made from the settings.
                request = urllib.request.Request(  # noqa: S310
                    url, method="BAN", headers={"X-Ban-Surrogate": header}
                )
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    response.read()


def configured_purger() -> Purger:
    urls = settings.FILMCULTURE.get("PURGE_URLS") or []
    return VarnishPurger(urls) if urls else NullPurger()


def purge(keys: list[str]) -> None:
    """Purge `keys` from the configured HTTP caches; failures are logged, never raised."""
    if not keys:
        return
    purger = configured_purger()
    try:
        purger.purge(list(keys))
    except Exception:
        logger.warning(
            "Could not purge %d surrogate keys from %s; cached copies expire by themselves.",
            len(keys),
            type(purger).__name__,
            exc_info=True,
        )
