"""
Sitemaps: every published essay (with its lead image), the section, tag, author and archive
pages listing them, and a Google News sitemap of the last two days' essays. /sitemap.xml is
an index; a sitemap longer than FILMCULTURE["SITEMAP_PAGE_SIZE"] addresses (50,000, the
protocol's limit) is split into numbered pages the index lists. The essays' sitemap has a
page per month of the archive (`EssayPages`).
"""

from datetime import timedelta
from functools import cached_property
from html import escape
from math import ceil

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import caching
from articles.addresses import address, archive_address
from articles.models import ArchiveMonth, Article, Author, Category, Tag
from articles.models.archive import month_bounds

# An essay's entry in its sitemap, as the template writes any other's.
URL_ENTRY = "<url><loc>{}</loc><lastmod>{}</lastmod><changefreq>{}</changefreq>{}</url>"
IMAGE_ENTRY = "<image:image><image:loc>{}</image:loc></image:image>"
# Google News reads at most this many essays, from the last two days.
NEWS_LIMIT = 1000
NEWS_WINDOW = timedelta(days=2)


class PagedSitemap(Sitemap):
    # What its pages show, as the page cache's keys (docs/caching.md): `list:archive` moves
    # whenever an essay enters, leaves or moves in the site's lists.
    keys = ("list:archive",)

    @property
    def limit(self):
        return settings.FILMCULTURE["SITEMAP_PAGE_SIZE"]

    def page_keys(self, page):
        """The keys of page `page` (the `p` parameter, unchecked)."""
        return set(self.keys)


class EssayPages(Paginator):
    """
    The essays' sitemap in pages, one per month of the archive, oldest first, from the
    archive's stored month counts; a month with more essays than a page holds has several.
    A page reads its essays down the date index between its month's bounds: none counts or
    skips the essays of the months before it, so a page costs what its month holds however
    large the archive, and a page's addresses stay on it as later months are added.
    """

    def __init__(self, per_page):
        super().__init__([], per_page)

    @cached_property
    def months(self):
        """The archive's months with essays readers can see, oldest first, with their counts."""
        return ArchiveMonth.objects.shown()[::-1]

    @cached_property
    def parts(self):
        """[(month, n)]: the nth page (from 0) of that month's essays, for each page."""
        return [
            (entry["month"], n)
            for entry in self.months
            for n in range(ceil(entry["count"] / self.per_page))
        ]

    @cached_property
    def count(self):
        return sum(entry["count"] for entry in self.months)

    @cached_property
    def num_pages(self):
        return max(1, len(self.parts))

    def page(self, number):
        number = self.validate_number(number)
        if not self.parts:
            return self._get_page([], number, self)
        month, n = self.parts[number - 1]
        start, end = month_bounds(month)
        rows = (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "id")
            # Plain rows, not essays: a page may hold tens of thousands.
            .values_list("slug", "updated_at", "lead_image", named=True)
        )
        return self._get_page(list(rows[n * self.per_page : (n + 1) * self.per_page]), number, self)


class EssaySitemap(PagedSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published()

    def location(self, row):
        return address("articles:detail", row.slug)

    def lastmod(self, row):
        return row.updated_at

    @cached_property
    def paginator(self):
        return EssayPages(self.limit)

    def page_keys(self, page):
        """
        A page's month: edits of its essays move that month's key. Any essay published,
        unpublished or redated anywhere may renumber the pages after it (`list:archive`).
        """
        try:
            month, _ = self.paginator.parts[int(page) - 1]
        except (ValueError, IndexError):
            return set(self.keys)
        return {*self.keys, caching.month_key(month)}

    def get_latest_lastmod(self):
        """
        The index's date for this sitemap: the latest edit of an essay readers can see.
        Django's default reads every essay. Read here down the (status, updated) index
        past the few scheduled essays (with a bound on the date too, SQLite would read
        every published essay through the date index and sort them).
        """
        now = timezone.now()
        edits = Article.objects.published_or_scheduled().order_by("-updated_at")
        for updated_at, published_at in edits.values_list("updated_at", "published_at")[:100]:
            if published_at <= now:
                return updated_at
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        """
        Each essay's <url> entry, with its lead image, written here, its values escaped
        (templates/sitemaps/sitemap.xml), from plain rows: a page holds up to 50,000, and
        Django's per-item steps, the template's lookups and date filter, and even
        format_html cost several times as much per entry.
        """
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        storage = Article._meta.get_field("lead_image").storage
        zone = timezone.get_current_timezone()
        urls = []
        for row in self.paginator.page(page).object_list:
            location = f"{origin}{self.location(row)}"
            image = ""
            if row.lead_image:
                image = IMAGE_ENTRY.format(escape(f"{origin}{storage.url(row.lead_image)}"))
            lastmod = row.updated_at.astimezone(zone).isoformat()
            # Every value is escaped (the date is digits and signs, the frequency fixed text).
            entry = mark_safe(URL_ENTRY.format(escape(location), lastmod, self.changefreq, image))  # noqa: S308
            urls.append({"item": row, "location": location, "lastmod": row.updated_at,
                         "entry": entry})  # fmt: skip
        if urls:
            # What Django's view sends as the page's Last-Modified.
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


class ListingSitemap(PagedSitemap):
    """Pages that list essays; each is as fresh as the newest essay on it (`newest`)."""

    changefreq = "daily"

    def lastmod(self, obj):
        return obj.newest

    def get_latest_lastmod(self):
        # For the index: when the newest published essay joined its lists (a list whose
        # newest essay is older says so on its own line). Django's default asks every
        # section, tag or author for its newest essay.
        return Article.objects.published_date_before(timezone.now(), inclusive=True)


class CategorySitemap(ListingSitemap):
    keys = ("list:archive", "sections")

    def items(self):
        # Each section's newest essay from the section's date index, as its page finds it:
        # grouping every published essay by section read them all (0.23 s at 100,000).
        newest = (
            Article.objects.published()
            .filter(category_id=OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")
        )
        return (
            Category.objects.annotate(newest=Subquery(newest[:1]))
            .filter(newest__isnull=False)
            .order_by("slug")
        )


class AuthorSitemap(ListingSitemap):
    model = Author
    keys = ("list:archive", "authors")

    def items(self):
        # Each author's newest essay through their dated bylines, as their page finds it: a
        # look-up per author, not a walk of every published essay.
        newest = Article.objects.published().by_author(OuterRef("pk")).values("published_at")
        return (
            Author.objects.annotate(newest=Subquery(newest[:1]))
            .filter(newest__isnull=False)
            .order_by("slug")
        )


class TagSitemap(PagedSitemap):
    changefreq = "weekly"
    keys = ("list:archive", "tags")

    def items(self):
        return Tag.objects.shown().order_by("slug")


class ArchiveSitemap(PagedSitemap):
    """The year and month pages of the archive that have essays."""

    changefreq = "weekly"

    def items(self):
        months = [entry["month"] for entry in ArchiveMonth.objects.shown()]
        years = sorted({month.year for month in months}, reverse=True)
        return [(year, None) for year in years] + [(m.year, m.month) for m in months]

    def location(self, item):
        year, month = item
        return archive_address(year, month)


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def page_keys(self, page):
        # Fixed addresses: no change of content moves this key.
        return {"fixed"}

    def items(self):
        return ["articles:home", "articles:archive", "feeds"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "home": HomeSitemap,
    "essays": EssaySitemap,
    "sections": CategorySitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "archive": ArchiveSitemap,
}


def news_keys():
    """The news sitemap's keys: essays entering or leaving the site's lists, and edits of
    the essays of the months its two days span."""
    now = timezone.now()
    return {"list:home", caching.dated_key(now - NEWS_WINDOW), caching.dated_key(now)}


def news_essays():
    """Essays for the Google News sitemap: published within the last two days, newest first."""
    since = timezone.now() - NEWS_WINDOW
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("slug", "title", "published_at")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
