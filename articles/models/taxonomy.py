from django.db import models
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase


class Category(models.Model):
    """A desk of the publication (National cinemas, Festivals, Craft ...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the section's web address."
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the section page."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(
        max_length=150, unique=True, help_text="Used in the author page's address."
    )
    bio = models.TextField(blank=True, help_text="A short biography shown on the author page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(TagBase):
    description = models.TextField(blank=True, help_text="Shown at the top of the public tag page.")

    class Meta:
        ordering = ["name"]
        verbose_name = "tag"
        verbose_name_plural = "tags"

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [models.Index(fields=["tag", "content_object"])]

    def __str__(self):
        return f"{self.content_object_id} tagged {self.tag_id}"
