"""
What every reader page's <head> says about the publication (`SiteInfo`: its origin, name,
images), and an essay's whole head rendered from the essay: stored at each save
(`services.renderings`) with the `rendering.ORIGIN` placeholder, and filled in per request.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

from articles import rendering, social_meta, structured_data
from articles.structured_data import Image, SiteInfo

SITE_DESCRIPTION = (
    "Long-form essays on film culture: national cinemas, festivals, craft and industry."
)
SHARE_IMAGE = ("social/share-default.png", 1200, 630)
LOGO = ("icons/icon-512.png", 512, 512)
THEME_COLOR = "#1d3b53"  # the favicon's ground


def site_origin(request):
    return settings.FILMCULTURE["SITE_URL"] or f"{request.scheme}://{request.get_host()}"


def search_url_template(origin):
    """The reader search with a placeholder query, when the site has a search page."""
    try:
        path = reverse("articles:search")
    except NoReverseMatch:
        return None
    return f"{origin}{path}?q={{search_term_string}}"


def static_url(path):
    """
    The static file's address, named by its content once `collectstatic` has run. Before
    that (a management command saving essays in a fresh container), the plain name, which
    is served too: the save must not fail, and `render_essays --outdated` stores the hashed
    names once the site identity they change is seen (`site_identity`).
    """
    try:
        return static(path)
    except ValueError:  # no manifest entry yet
        return f"{settings.STATIC_URL}{path}"


def site_info(request):
    return site_at(site_origin(request))


def site_at(origin):
    name = settings.FILMCULTURE["SITE_NAME"]
    share_path, share_width, share_height = SHARE_IMAGE
    logo_path, logo_width, logo_height = LOGO
    return SiteInfo(
        origin=origin,
        name=name,
        description=SITE_DESCRIPTION,
        language=settings.LANGUAGE_CODE,
        logo=Image(f"{origin}{static_url(logo_path)}", logo_width, logo_height, f"{name} logo"),
        share_image=Image(
            f"{origin}{static_url(share_path)}",
            share_width,
            share_height,
            f"{name}: long-form essays on film culture",
        ),
        search_url=search_url_template(origin),
    )


@lru_cache(maxsize=1)
def site_identity():
    """
    What a stored head takes from the site rather than the essay, as a short digest: a stored
    head made under another name, language or static files' names (they carry a hash of
    their content) is not shown, and `render_essays --outdated` renders it again.
    """
    site = site_at("")
    identity = (site.name, site.language, site.logo.url, site.share_image.url, site.search_url)
    return hashlib.sha256(repr(identity).encode()).hexdigest()[:12]


# What `site_identity` and the head's site read: a change of any forgets both.
SITE_SETTINGS = frozenset(
    {"FILMCULTURE", "LANGUAGE_CODE", "STATIC_URL", "STORAGES", "ROOT_URLCONF"}
)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in SITE_SETTINGS:
        site_identity.cache_clear()
        _site_for_storage.cache_clear()


def head_context(site, meta, data):
    """What `includes/page_meta.html` writes out."""
    return {"site": site, "meta": meta, "structured_data": data}


def essay_head(article, site, parts):
    """The essay page's head as HTML; `article` needs its section and tags at hand."""
    return render_to_string(
        "includes/page_meta.html",
        head_context(
            site,
            social_meta.essay_meta(article, site, parts),
            structured_data.essay_graph(article, site, parts),
        ),
    )


@lru_cache(maxsize=1)
def _site_for_storage():
    return site_at(rendering.ORIGIN)


def essay_head_to_store(article, parts):
    """The essay's head for every origin: each request's is filled in by `parts.for_origin`."""
    return rendering.head_for_storage(essay_head(article, _site_for_storage(), parts))
