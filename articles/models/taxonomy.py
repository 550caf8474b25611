import re

from django.db import models, router
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import _TaggableManager
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from articles.addresses import address
from articles.plain_text import tidy

# Underscores, slashes and every kind of dash separate words in a tag name, like spaces do:
# "korean_cinema", "korean/cinema" and "Korean  Cinema" all mean "korean-cinema".
TAG_WORD_SEPARATORS = re.compile(r"[\s_/\u2010-\u2015\u2212-]+")
TAG_SLUG_LENGTH = 100


def tag_slug(name):
    """
    The identity of a tag: its name lowercased, with case, spacing and hyphenation ignored.
    Two names with the same slug are the same tag; the slug is also the tag page's address.
    """
    return slugify(TAG_WORD_SEPARATORS.sub(" ", name), allow_unicode=True)[:TAG_SLUG_LENGTH]


def clean_tag_name(name):
    """A tag name as shown to readers: as typed, with surrounding and repeated spaces removed."""
    return " ".join(tidy(name).split())


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
        return address("articles:category", self.slug)


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
        return address("articles:author", self.slug)


class TagQuerySet(models.QuerySet):
    def resolve(self, tags, *, create=True):
        """
        The tags meant by a mix of names and Tag objects, in order and without duplicates.

        A name finds the tag with the same slug ("Korean cinema" finds "korean-cinema"), else
        the tag it was merged into or renamed to; unknown names become new tags unless
        `create` is false, when they are left out. Raises ValueError for a name without a
        single letter or digit, which could have no slug.
        """
        wanted = {}
        for tag in tags:
            if isinstance(tag, str):
                slug = tag_slug(tag)
                if not slug:
                    raise ValueError(f"The tag {tag!r} needs at least one letter or digit.")
                wanted.setdefault(slug, clean_tag_name(tag))
        found = {tag.slug: tag for tag in self.filter(slug__in=wanted)} if wanted else {}
        if missing := wanted.keys() - found.keys():
            for redirect in (
                TagRedirect.objects.using(self.db)
                .filter(old_slug__in=missing)
                .select_related("tag")
            ):
                found[redirect.old_slug] = redirect.tag

        result, seen = [], set()
        for tag in tags:
            if isinstance(tag, str):
                slug = tag_slug(tag)
                if slug not in found:
                    if not create:
                        continue
                    # get_or_create by slug: a concurrent editor creating the same tag wins
                    # the race and we use theirs.
                    found[slug], _ = self.get_or_create(slug=slug, defaults={"name": wanted[slug]})
                tag = found[slug]
            elif not isinstance(tag, self.model):
                raise ValueError(f"Cannot tag with {tag!r}: expected a name or a Tag.")
            if tag.pk not in seen:
                seen.add(tag.pk)
                result.append(tag)
        return result

    def shown(self, *, at=None):
        """
        The tags readers can see: those whose page lists an essay, a published essay's
        dated tagging (`TaggedArticle.listed_at`). Checked tag by tag down that index: as a
        join, every published essay's taggings were read (1.3 s for the tags' sitemap at
        100,000 essays).
        """
        from articles.models import Article

        moment = at or timezone.now()
        published = Article.objects.published(at=moment).filter(pk=OuterRef("content_object_id"))
        listed = TaggedArticle.objects.filter(tag_id=OuterRef("pk"), listed_at__lte=moment)
        return self.filter(Exists(listed.filter(Exists(published))))

    def at_old_address(self, slug):
        """
        The tag an address that is no tag's leads to: a merged or renamed tag's old address,
        or the address written differently ("Korean_Cinema" for "korean-cinema").
        """
        normalised = tag_slug(slug)
        for old_slug in dict.fromkeys(filter(None, [slug, normalised])):
            redirect = TagRedirect.objects.filter(old_slug=old_slug).select_related("tag").first()
            if redirect:
                return redirect.tag
        if normalised and normalised != slug:
            return self.filter(slug=normalised).first()
        return None


class Tag(TagBase):
    description = models.TextField(blank=True, help_text="Shown at the top of the public tag page.")
    # How much sharing this tag counts in Related Articles (see articles/related.py), frozen
    # when related lists are rebuilt so that stored scores stay comparable; empty for a tag
    # new since then.
    related_weight = models.PositiveIntegerField(null=True, blank=True, editable=False)

    # Keeps taggit's lookup by natural key (the name) for fixtures.
    objects = NaturalKeyManager.from_queryset(TagQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name = "tag"
        verbose_name_plural = "tags"

    def save(self, *args, **kwargs):
        # The slug always follows the name; taggit's "_1" suffixes for clashing slugs never
        # arise, because names with the same slug are one tag.
        self.name = clean_tag_name(self.name)
        self.slug = tag_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("articles:tag", self.slug)


class TagRedirect(models.Model):
    """An old tag address (of a tag merged away or renamed) that now leads to `tag`."""

    old_slug = models.SlugField(max_length=TAG_SLUG_LENGTH, unique=True, allow_unicode=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} → {self.tag.slug}"


class NormalisedTagManager(_TaggableManager):
    """
    Taggit's per-article tag manager, resolving names by slug instead of by exact name, so
    "Korean cinema" and "korean-cinema" typed on two essays end up as one tag.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        db = router.db_for_write(self.through, instance=self.instance)
        return (
            self.through.tag_model()._default_manager.using(db).filter(**tag_kwargs).resolve(tags)
        )


class ListingQuerySet(models.QuerySet):
    """
    The links that put essays on tag and author pages (taggings, bylines), each carrying
    its essay's publication date (`listed_at`) so that a page reads them from one index in
    date order instead of walking every published essay to find its few.
    """

    # The link's field naming its essay.
    essay_field = ""

    def date_for_listing(self, article_ids):
        """
        Copy these essays' publication dates onto their links (`listed_at`): the date while
        the essay is published (scheduled included), empty otherwise. The one rule for tag
        and author pages, applied by the services' hook for changed tags, authors, status
        or dates (`related.articles_changed`).
        """
        from articles.models.article import Article, ArticleStatus

        date = Article.objects.filter(
            pk=models.OuterRef(f"{self.essay_field}_id"), status=ArticleStatus.PUBLISHED
        ).values("published_at")[:1]
        ids = list(article_ids)
        for start in range(0, len(ids), 1000):
            self.filter(**{f"{self.essay_field}_id__in": ids[start : start + 1000]}).update(
                listed_at=models.Subquery(date)
            )


class TaggingQuerySet(ListingQuerySet):
    essay_field = "content_object"


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # The essay's publication date while it is published (empty otherwise), so that a tag's
    # page reads its newest essays from one index in order, however rare the tag, instead
    # of walking every published essay to find them. Readers' visibility is still decided
    # by `Article.objects.published()`; this only finds the candidates.
    listed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TaggingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [
            models.Index(fields=["tag", "content_object"]),
            models.Index(fields=["tag", "listed_at", "content_object"], name="tagging_listed"),
        ]

    def __str__(self):
        return f"{self.content_object_id} tagged {self.tag_id}"


class BylineQuerySet(ListingQuerySet):
    essay_field = "article"


class Byline(models.Model):
    """An author named on an essay: the through model of `Article.authors`."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="bylines")
    # As on taggings: the essay's publication date while it is published (empty
    # otherwise), so that an author's page reads their newest essays from one index in
    # order, however few they wrote. Visibility is still `Article.objects.published()`'s.
    listed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BylineQuerySet.as_manager()

    class Meta:
        # The table and its unique pair as Django made them for the field before it had a
        # through model (migration 0012 kept the rows).
        db_table = "articles_article_authors"
        unique_together = [("article", "author")]
        indexes = [
            models.Index(fields=["author", "listed_at", "article"], name="byline_listed"),
        ]

    def __str__(self):
        return f"{self.article_id} by {self.author_id}"
