from django.urls import path

from articles import converters, views  # noqa: F401  (converters registers <tagslug:>)

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
    path("site.webmanifest", views.web_manifest, name="manifest"),
    path("essays/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("essays/<slug:slug>/preview/", views.ArticlePreviewView.as_view(), name="preview"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    path("sections/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tags/<tagslug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("search/", views.search_page, name="search"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/", views.YearView.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.MonthView.as_view(), name="archive_month"),
]
