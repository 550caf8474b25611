"""sitemap.xml: every published essay, and the section, tag and author pages listing them."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from articles.models import Article, Author, Category, Tag, TaggedArticle


class EssaySitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published().only("slug", "updated_at").order_by("-published_at", "id")
        )

    def lastmod(self, article):
        return article.updated_at


class ListingSitemap(Sitemap):
    """Pages that list essays; each is as fresh as the newest essay on it."""

    changefreq = "daily"
    model = None
    essay_lookup = ""

    def items(self):
        newest = Max(f"{self.essay_lookup}published_at")
        published = Article.objects.published()
        return (
            self.model.objects.filter(**{f"{self.essay_lookup}in": published})
            .annotate(newest=newest)
            .order_by("slug")
        )

    def lastmod(self, obj):
        return obj.newest


class CategorySitemap(ListingSitemap):
    model = Category
    essay_lookup = "articles__"


class AuthorSitemap(ListingSitemap):
    model = Author
    essay_lookup = "articles__"


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        in_use = TaggedArticle.objects.filter(
            tag=OuterRef("pk"), content_object__in=Article.objects.published()
        )
        return Tag.objects.filter(Exists(in_use)).order_by("slug")


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home", "articles:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "home": HomeSitemap,
    "essays": EssaySitemap,
    "sections": CategorySitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
