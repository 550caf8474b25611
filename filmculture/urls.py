from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from accounts.forms import AdminLoginForm
from articles import converters, feeds  # noqa: F401  (converters registers <tagslug:>)
from articles.caching import public_page
from articles.sitemaps import SITEMAPS
from filmculture.ratelimits import rate_limit

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
    path("feeds/essays.rss", public_page(feeds.LatestEssaysFeed()), name="feed_rss"),
    path("feeds/essays.atom", public_page(feeds.LatestEssaysAtomFeed()), name="feed_atom"),
    path("feeds/sections/<slug:slug>.rss", public_page(feeds.CategoryFeed()), name="feed_category"),
    path("feeds/tags/<tagslug:slug>.rss", public_page(feeds.TagFeed()), name="feed_tag"),
    path(
        "sitemap.xml",
        public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
