import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from accounts.forms import AdminLoginForm
from articles import converters, feeds, views  # noqa: F401  (converters registers <tagslug:>)
from articles.caching import public_page
from articles.feeds import conditional_feed
from articles.sitemaps import SITEMAPS
from filmculture.media import serve_media
from filmculture.ratelimits import rate_limit

# A passed request limit says which one (articles/uploads.py), never a bare "Bad Request".
handler400 = "articles.uploads.bad_request"

admin.site.site_header = "Filmculture editorial"
admin.site.site_title = "Filmculture"
admin.site.index_title = "Essays, sections and tags"
# Logging in: django-axes locks out repeated failures, this limits attempts per address,
# and people with a two-factor device give its code (accounts/, docs/security.md).
admin.site.login_form = AdminLoginForm
admin.site.login_template = "admin/accounts/login.html"
admin.site.login = rate_limit("login", methods=("POST",))(admin.site.login)

urlpatterns = [
    path("admin/account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("feeds/", views.FeedIndexView.as_view(), name="feeds"),
    path("feeds/essays.rss", conditional_feed(feeds.LatestEssaysFeed()), name="feed_rss"),
    path("feeds/essays.atom", conditional_feed(feeds.LatestEssaysAtomFeed()), name="feed_atom"),
    path(
        "feeds/sections/<slug:slug>.rss",
        conditional_feed(feeds.CategoryFeed()),
        name="feed_category",
    ),
    path(
        "feeds/sections/<slug:slug>.atom",
        conditional_feed(feeds.CategoryAtomFeed()),
        name="feed_category_atom",
    ),
    path("feeds/tags/<tagslug:slug>.rss", conditional_feed(feeds.TagFeed()), name="feed_tag"),
    path(
        "feeds/tags/<tagslug:slug>.atom",
        conditional_feed(feeds.TagAtomFeed()),
        name="feed_tag_atom",
    ),
    path("feeds/authors/<slug:slug>.rss", conditional_feed(feeds.AuthorFeed()), name="feed_author"),
    path(
        "feeds/authors/<slug:slug>.atom",
        conditional_feed(feeds.AuthorAtomFeed()),
        name="feed_author_atom",
    ),
    # /sitemap.xml is an index of the sitemaps, each split into pages past SITEMAP_PAGE_SIZE.
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        views.sitemap,
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("articles.urls")),
]

# Uploads from MEDIA_ROOT, in development and on a single production server alike; with
# object storage (or a MEDIA_URL on another host) they are served from there instead.
if settings.FILMCULTURE_SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_media)
    )

# A database outage is a 503 even where Django's own 500 path is taken (filmculture/unavailable.py).
handler500 = "filmculture.unavailable.server_error"
