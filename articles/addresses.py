"""
The addresses of essays, sections, tags, authors, the archive's years and months and the
pages every page links to (home, search, feeds), worked out once per process.

A list page names some sixty addresses (cards, the header's sections, structured data), and
Django's `reverse()` costs tens of microseconds each. An address depends only on the URL
configuration, the script prefix and the slug. For a slug of plain ASCII letters, digits,
hyphens and underscores (which every slug converter here accepts and `reverse()` writes as
it is) the address is the view's pattern, reversed once with a stand-in slug, with the slug
put in its place: no per-slug memory, so an archive of 100,000 essays costs nothing more
than one of 2,000. Any other slug goes through `reverse()`, remembered. A change of
`ROOT_URLCONF` (tests do it) forgets everything.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

STAND_IN = "slug0stand0in"
AS_IT_IS = re.compile(r"[-a-zA-Z0-9_]+\Z")


@lru_cache(maxsize=64)
def _pattern(prefix, urlconf, view_name):
    """(before, after) the slug in the view's address, or None if the stand-in is not there
    exactly once."""
    before, found, after = reverse(view_name, kwargs={"slug": STAND_IN}, urlconf=urlconf).partition(
        STAND_IN
    )
    return (before, after) if found and STAND_IN not in after else None


@lru_cache(maxsize=20_000)
def _reversed(prefix, urlconf, view_name, slug):
    return reverse(view_name, kwargs={"slug": slug}, urlconf=urlconf)


def address(view_name, slug):
    """`reverse(view_name, kwargs={"slug": slug})`, without its cost."""
    prefix, urlconf = get_script_prefix(), get_urlconf()
    pattern = _pattern(prefix, urlconf, view_name)
    if pattern is not None and AS_IT_IS.match(slug):
        return f"{pattern[0]}{slug}{pattern[1]}"
    return _reversed(prefix, urlconf, view_name, slug)


@lru_cache(maxsize=4096)
def _period(prefix, urlconf, year, month):
    if month is None:
        return reverse("articles:archive_year", args=[year], urlconf=urlconf)
    return reverse("articles:archive_month", args=[year, month], urlconf=urlconf)


def archive_address(year, month=None):
    """The address of a year of the archive, or of a month: a dozen a year, remembered."""
    return _period(get_script_prefix(), get_urlconf(), year, month)


@lru_cache(maxsize=256)
def _fixed(prefix, urlconf, view_name):
    return reverse(view_name, urlconf=urlconf)


def fixed_address(view_name):
    """The address of a view that takes no arguments (`{% address %}` in templates): every
    page's header and footer name seven of them."""
    return _fixed(get_script_prefix(), get_urlconf(), view_name)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
        _reversed.cache_clear()
        _period.cache_clear()
        _fixed.cache_clear()
