import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from articles.addresses import address
from articles.models.taxonomy import Byline, NormalisedTagManager, TaggedArticle

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
WORDS_PER_MINUTE = 230


class ArticleStatus(models.TextChoices):
    """
    Where an essay stands in the workflow. A published essay whose date is still to come
    is scheduled: readers see it from that moment, with no job to run.
    """

    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


class ArticleQuerySet(models.QuerySet):
    @staticmethod
    def live_condition(now=None):
        """The one definition of "readers can see it": published, and its time has come."""
        return Q(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def published(self, *, at=None):
        """What readers can see now (or at the moment `at`)."""
        return self.filter(self.live_condition(at))

    def not_published(self):
        return self.exclude(self.live_condition())

    def scheduled(self):
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now())

    def published_or_scheduled(self):
        """Essays readers see now or will see as time passes, with no further edit."""
        return self.filter(status=ArticleStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=ArticleStatus.DRAFT)

    def in_review(self):
        return self.filter(status=ArticleStatus.IN_REVIEW)

    def unpublished(self):
        return self.filter(status=ArticleStatus.UNPUBLISHED)

    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-id")

    def by_author(self, author, *, at=None):
        """
        `author`'s essays newest first, read through their bylines' dates in index order
        (`Byline.listed_at`): however few they wrote, no walk over every essay to find them.
        Chained after `published()`, which still decides what readers see.
        """
        return self.filter(
            bylines__author=author, bylines__listed_at__lte=at or timezone.now()
        ).order_by("-bylines__listed_at", "-bylines__article_id")

    def published_years(self, *, at=None):
        """
        The years (in the site's time zone) with essays readers can see, newest first.
        Found by stepping down the date index a year at a time: one short query per year,
        however many essays there are (grouping the essays by year read every one: half a
        second at 100,000 essays on SQLite, where the truncation is a Python function).
        """
        years = []
        latest = self.published_date_before(at or timezone.now(), inclusive=True)
        while latest is not None:
            year = timezone.localtime(latest).year
            years.append(year)
            latest = self.published_date_before(timezone.make_aware(datetime(year, 1, 1)))
        return years

    def published_date_before(self, moment, *, inclusive=False):
        """
        The date of the last essay readers could see before `moment`, or None: one step
        down the date index. `moment` is the query's only upper bound on the date; with a
        second one (now, as `published()` adds), SQLite starts from that one and walks the
        essays in between (23 ms for six years at 100,000 essays).
        """
        at = moment if inclusive else moment - timedelta(microseconds=1)
        dates = self.published(at=at).order_by("-published_at")
        return dates.values_list("published_at", flat=True).first()

    def published_date_from(self, moment):
        """The date of the first essay readers can see from `moment` on, or None."""
        dates = self.published().filter(published_at__gte=moment).order_by("published_at")
        return dates.values_list("published_at", flat=True).first()

    def month_counts(self, zone=None):
        """
        [{"month": date, "count": n}, ...] newest first: these essays counted by the month
        (its first day) of `zone` (default the current time zone) they are dated in. Reads
        every one of them: the archive index reads counts kept by the services instead
        (`ArchiveMonth.objects.shown()`).
        """
        zone = zone or timezone.get_current_timezone()
        months = (
            self.annotate(month=TruncMonth("published_at", tzinfo=zone))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("-month")
        )
        return [
            {"month": timezone.localtime(row["month"], zone).date(), "count": row["count"]}
            for row in months
        ]

    def for_listing(self):
        """
        What a list of essays renders: each with its section and its stored card (the
        rendering, without the page's body: `rendering.stored_card`). Essays whose card is
        not stored get their authors from `rendering.with_bylines()`.
        """
        from articles.models.rendering import ArticleRendering

        return self.select_related("category", "rendering").defer(
            *(f"rendering__{name}" for name in ArticleRendering.PAGE_ONLY_FIELDS)
        )

    def for_detail(self):
        """
        What the article page renders besides the computed related list, and the state that
        says how to compute that list (stored pool or live). The body, byline and share
        links come stored (`rendering`); sections and authors are read only where that is
        missing or out of date (`articles.rendering.page_parts`).
        """
        from articles.models.related import RelatedLink

        # Checked pin by pin (EXISTS): as a join, the database may walk every published
        # essay looking for this essay's few pins.
        live_pins = RelatedLink.objects.filter(
            Exists(Article.objects.published().filter(pk=OuterRef("target_id")))
        ).select_related("target")
        return self.select_related("category", "related_state", "rendering").prefetch_related(
            "tags",
            Prefetch("pinned_links", queryset=live_pins, to_attr="live_pinned_links"),
        )


class Article(models.Model):
    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="The essay's web address. Changing it after publication breaks old links.",
    )
    standfirst = models.TextField(
        blank=True,
        help_text=(
            "The summary under the title, one or two sentences. Also used in lists. "
            "Needed to submit or publish."
        ),
    )
    status = models.CharField(
        max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "When readers first see the essay. A time in the future schedules it; "
            "left empty, publishing sets it to now."
        ),
    )
    suggested_published_at = models.DateTimeField(
        "suggested publication date",
        null=True,
        blank=True,
        help_text="The writer's wish for a publication date; an editor confirms or changes it.",
    )
    # The number of the newest revision: the change form carries the one it was loaded
    # from, and a save from an older one is refused instead of overwriting someone's work.
    version = models.PositiveIntegerField(default=0, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_articles",
        help_text="The writer responsible for the essay; writers edit only their own drafts.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)
    category = models.ForeignKey(
        "articles.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text="The section readers find the essay in. Needed to submit or publish.",
    )
    authors = models.ManyToManyField(
        "articles.Author", through=Byline, blank=True, related_name="articles"
    )
    tags = TaggableManager(
        through=TaggedArticle,
        blank=True,
        help_text="Comma-separated. Shared tags build the Related Articles list.",
        manager=NormalisedTagManager,
    )
    lead_image = models.ImageField(
        upload_to="lead-images/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required with an image.",
    )
    lead_image_credit = models.CharField(
        "credit", max_length=200, blank=True, help_text="Photographer, agency or rights holder."
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub"),
            # The sitemap index's date for the essays: the latest edit of a published one.
            models.Index(fields=["status", "updated_at"], name="article_status_updated"),
            # The admin's essay list filtered by section or owner, newest first, and its date
            # drill-down's first and last date: read from these instead of sorting the rows.
            models.Index(fields=["category", "published_at"], name="article_category_pub"),
            models.Index(fields=["owner", "published_at"], name="article_owner_pub"),
            # A section's page: its newest essays read in order, however small the section.
            models.Index(
                fields=["category", "status", "published_at"], name="article_cat_status_pub"
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("edit_any_article", "Can edit any essay, whoever owns it, live ones included"),
            ("view_all_drafts", "Can see other people's unpublished essays"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug_for(self.title, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("articles:detail", self.slug)

    def clean(self):
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": "Describe the lead image for readers who cannot see it."}
            )

    @classmethod
    def unique_slug_for(cls, title, exclude_pk=None):
        base = slugify(title)[:240] or "essay"
        taken = set(
            cls.objects.filter(slug__startswith=base)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def is_scheduled(self):
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_live(self):
        """Readers can see it now (the instance's view of `ArticleQuerySet.live_condition`)."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def publication_state(self):
        """Draft, In review, Scheduled, Published or Unpublished, as an editor would say it."""
        if self.status == ArticleStatus.PUBLISHED:
            return "Scheduled" if self.is_scheduled else "Published"
        return ArticleStatus(self.status).label

    @property
    def word_count(self):
        return sum(len(section.body.split()) for section in self.sections.all())

    @property
    def reading_minutes(self):
        return max(1, round(self.word_count / WORDS_PER_MINUTE))


class ArticleRedirect(models.Model):
    """A published essay's earlier address, answered with a permanent redirect."""

    old_slug = models.SlugField(max_length=255, unique=True)
    # Pointing at the essay rather than at its next slug keeps chains one hop long.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class Section(models.Model):
    """A run of paragraphs under an optional heading; an essay is its sections in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0, db_index=True)
    heading = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional. The first section of an essay usually has none.",
    )
    body = models.TextField(
        help_text=(
            "Paragraphs separated by a blank line. Inline formatting: *emphasis*, "
            "**strong**, [link text](https://example.org). Anything else shows as typed."
        )
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.heading or f"Section {self.position}"

    @property
    def paragraphs(self):
        return split_paragraphs(self.body)


def split_paragraphs(text):
    """Blank lines separate paragraphs; single line breaks inside one are soft wraps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(p.split()) for p in PARAGRAPH_BREAK.split(text) if p.strip()]
