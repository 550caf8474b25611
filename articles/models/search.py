from django.db import models


class SearchEntry(models.Model):
    """
    An essay's searchable text, whatever its status (the admin searches drafts too; readers'
    searches keep to `Article.objects.published()` when they ask). Written only through
    `articles.search.index`, which the services call. The database indexes it in its own
    way, created by migration 0008: a weighted `tsvector` column and GIN index on
    PostgreSQL, an FTS5 table kept in step by triggers on SQLite (docs/search.md).
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    title = models.TextField()
    standfirst = models.TextField()
    headings = models.TextField()
    body = models.TextField()

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title
