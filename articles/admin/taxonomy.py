from django.contrib import admin
from django.db.models import Count

from articles.models import Author, Category, Tag


class ArticleCountMixin:
    count_lookup = "articles"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count(self.count_lookup))

    @admin.display(description="Essays", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Category)
class CategoryAdmin(ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(ArticleCountMixin, admin.ModelAdmin):
    count_lookup = "tagged_articles"
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
