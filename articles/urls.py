from django.urls import path, re_path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("essays/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("essays/<slug:slug>/preview/", views.ArticlePreviewView.as_view(), name="preview"),
    path("sections/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    # Tag slugs keep letters beyond ASCII ("ciné-club"), which <slug:> would refuse.
    re_path(r"^tags/(?P<slug>[-\w]+)/$", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/", views.YearView.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.MonthView.as_view(), name="archive_month"),
]
