from django.db import models


class ArticleRendering(models.Model):
    """
    The parts of an essay page that change only when the essay does (or the layout
    settings): written by the services on every save (`articles.rendering`), read back with
    the page in the same query as the essay.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="rendering"
    )
    # The settings and templates this was rendered with (`rendering.layout()`): a rendering
    # from other settings is not shown, and `render_essays` brings every essay up to date.
    layout = models.CharField(max_length=100)
    body_html = models.TextField()
    authors_html = models.TextField()
    # Share links with a placeholder for the site's origin, filled in per request host.
    share_html = models.TextField()
    reading_minutes = models.PositiveIntegerField()
    # For the essay's structured data and social card, without reading sections or authors.
    word_count = models.PositiveIntegerField(default=0)
    author_links = models.JSONField(default=list)  # [[name, address], ...] in byline order
    # The essay's card in lists, but for its section (shown live: renaming a section
    # re-renders nothing): title, standfirst and byline with the date.
    card_html = models.TextField(default="", blank=True)
    # The page's <head> meta, social card and JSON-LD, with the origin placeholder. It names
    # the section, tags and authors: renaming any of them re-renders the essays they are on.
    head_html = models.TextField(default="", blank=True)
    rendered_at = models.DateTimeField(auto_now=True)

    # What only the essay's own page shows: lists join the rendering without them.
    PAGE_ONLY_FIELDS = ("body_html", "share_html", "author_links", "head_html")

    def __str__(self):
        return f"Rendering of essay {self.article_id}"


class ArticleRelatedItem(models.Model):
    """
    The essay's entry in other essays' Related Articles lists (title, standfirst, date),
    stored with its rendering by the services. A table of its own, of short rows: every
    essay page reads six of them, and on SQLite a column of `ArticleRendering` sits past the
    stored body, whose overflow pages would be read to reach it.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="related_item"
    )
    layout = models.CharField(max_length=100)  # as ArticleRendering.layout
    html = models.TextField()

    def __str__(self):
        return f"Related Articles entry of essay {self.article_id}"
