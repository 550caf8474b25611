"""
The addresses of essays, sections, tags and authors, worked out once per process.

A list page names some sixty addresses (cards, the header's sections, structured data), and
Django's `reverse()` costs tens of microseconds each: a third of a list page's Python
before this. An address depends only on the URL configuration, the script prefix and the
slug, so it is remembered under all three; a change of `ROOT_URLCONF` (tests do it) forgets
them all.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=200_000)
def _address(prefix, urlconf, view_name, slug):
    return reverse(view_name, kwargs={"slug": slug}, urlconf=urlconf)


def address(view_name, slug):
    """`reverse(view_name, kwargs={"slug": slug})`, remembered."""
    return _address(get_script_prefix(), get_urlconf(), view_name, slug)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _address.cache_clear()
