"""
Parsed pages into saved essays, one transaction per file; every change of publication
goes through `articles.services`.

A file is either imported whole or not at all: its article, sections, authors, tags and
related links are written inside one `transaction.atomic()`, and any refusal rolls all of
it back while the run goes on with the next file. Files imported within GROUP_SECONDS of
each other share a commit, each in a savepoint of its own (see `_Importer.import_group`).
Re-importing a page updates the essay with the same slug in place.

New pages, most of a large import, wait in the group once checked (`new_essay_check`,
in the file's savepoint) and are created together when the group ends or a page that
must be saved on its own comes (`articles_create_bulk`): a dozen statements for the lot
instead of a dozen per page. Should creating them fail, the group is imported again file
by file, each essay saved on its own.

Related entries name other essays by summary and date. Each is stored as a pinned
`RelatedLink` in the page's order; it points at the essay whose standfirst and date match
(see `reference_key`), or stays an unresolved reference until such an essay is imported:
every RESOLVE_EVERY files, and at the end of the run, the essays just imported resolve
the references waiting for them. Batches keep a 10,000-file import from scanning the
waiting references once per file, and its memory from growing with the number of files.
"""

import functools
import hashlib
import itertools
import logging
import re
import time as clock
import unicodedata
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify

from articles import limits, services
from articles.importing.pageformat import PageFormatError, decode_page_bytes, parse_page
from articles.models import (
    Article,
    ArticleStatus,
    Category,
    RelatedLink,
)

logger = logging.getLogger(__name__)

# Files share a transaction for this long: long enough that commits cost little, short
# enough that an editor saving in the admin meanwhile (SQLite: one writer) hardly waits.
GROUP_SECONDS = 0.25
RESOLVE_EVERY = 2000
RESOLVE_GROUP = 500
LISTED_OUTCOMES = 200
# A new page with one of these statuses may wait to be created with others: a draft, or
# published (scheduled when its date is to come). Any other is saved on its own.
WAITING_STATUSES = ("", "draft", "published")
NO_PUBLISHING = (
    "you may import drafts, but publishing an essay or changing a published essay's date "
    "needs an editor with the publish permission"
)
# Straight, curly, low, angle and prime quotes, and the accents typed in their place.
QUOTES = re.compile(
    "[\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
    "\u2039\u203a\u00ab\u00bb\u2032\u2033]"
)


class PageRejected(PageFormatError):
    """A well-formed page this site cannot take (unknown category, no permission ...)."""


@dataclass(frozen=True)
class Failure:
    filename: str
    line: int | None
    reason: str
    # A bug or a database error rather than a refusal: logged with its traceback.
    unexpected: bool = False

    def __str__(self):
        where = self.filename if self.line is None else f"{self.filename}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Outcome:
    filename: str
    action: str  # "created" or "updated"
    article_id: int
    slug: str
    title: str
    unresolved: int
    # (date, reference key): how other pages' related entries name this essay.
    reference: tuple = field(default=(), repr=False)


@dataclass
class _Waiting:
    """A new page, checked, waiting to be created with the others of its group."""

    page: object
    essay: services.NewEssay
    outcome: Outcome | None = None


class _CreatingFailed(Exception):
    """Creating the waiting pages failed: the group is imported again file by file."""


@dataclass
class ImportReport:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    failures: list[Failure] = field(default_factory=list)
    # References on this run's pages still waiting for their essay when the run ended.
    unresolved: int = 0
    # References left waiting by earlier imports that this run's essays resolved.
    resolved_earlier: int = 0
    # Related lists brought up to date when the run ended (pools computed, and how long):
    # readers' pages are as fast after the import as before it.
    related_refreshed: int = 0
    related_seconds: float = 0.0
    # The first LISTED_OUTCOMES files, for the admin page; the counts above are complete.
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self):
        return len(self.failures)

    @property
    def files(self):
        return self.created + self.updated + self.failed

    @property
    def ok(self):
        return not self.failures

    def summary(self):
        """One line for the shell and the admin, e.g. "12 files: 10 created, ..."."""
        would = "would be " if self.dry_run else ""
        line = (
            f"{self.files} file{'' if self.files == 1 else 's'}: "
            f"{self.created} {would}created, {self.updated} {would}updated, "
            f"{self.failed} failed; related entries: {self.unresolved} unresolved"
        )
        if self.resolved_earlier:
            line += f", {self.resolved_earlier} earlier ones {would}resolved"
        if self.related_refreshed:
            line += (
                f"; related lists brought up to date ({self.related_refreshed} computed "
                f"in {self.related_seconds:.1f} s)"
            )
        return ("Dry run, nothing was written. " if self.dry_run else "") + line + "."


def import_pages(sources, *, default_category=None, by=None, dry_run=False, on_progress=None):
    """
    Import page files; returns an ImportReport. `sources` yields objects with `name` and
    `read()` (see importing.sources). Files without a category in their front matter go
    to `default_category`, or fail. `by` is the editor importing (None for trusted system
    code such as the shell command): publishing a page needs their publish permission.
    With `dry_run`, everything happens inside a transaction that is rolled back, so the
    report is exactly what a real run would say and nothing is written.
    """
    report = ImportReport(dry_run=dry_run)
    importer = _Importer(report=report, default_category=default_category, by=by)
    if dry_run:
        with transaction.atomic():
            importer.run(sources, on_progress)
            transaction.set_rollback(True)
    else:
        # Cached pages are invalidated once, when the run ends (however it ends), not once
        # per published essay.
        with services.many_changes():
            importer.run(sources, on_progress)
            if report.created or report.updated:
                # Inside many_changes: cached pages are invalidated once, after the pools.
                started = clock.monotonic()
                report.related_refreshed = services.related_pools_refresh_after_import(by=by)
                report.related_seconds = clock.monotonic() - started
    return report


@functools.lru_cache(maxsize=20_000)
def reference_key(text):
    """How a related entry's summary is matched to a standfirst: quotes, spacing, case ignored."""
    text = QUOTES.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()


def start_of_day(day):
    """An imported page's date as a time: midnight at the start of that day, site time."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def local_date(moment):
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def slug_for_title(title):
    """The slug of a page without one; the same title always gives the same slug."""
    slug = slugify(title)[:255].strip("-_")
    # Titles in other scripts slugify to nothing; a digest keeps re-imports matching.
    return slug or "essay-" + hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]


class _Cache:
    """
    Names to rows, shared across files. Rows created while importing a file only join the
    shared cache once that file's transaction commits: a rolled-back file must not leave
    the next one pointing at rows that no longer exist.
    """

    def __init__(self):
        self.kept, self.fresh = {}, {}

    def get(self, key):
        return self.fresh.get(key) or self.kept.get(key)

    def add(self, key, row):
        self.fresh[key] = row

    def commit(self):
        self.kept.update(self.fresh)
        self.fresh.clear()

    def rollback(self):
        self.fresh.clear()


class _Importer:
    def __init__(self, *, report, default_category, by):
        self.report = report
        self.default_category = default_category
        self.by = by
        self.categories = {}
        for category in Category.objects.all():
            self.categories[category.slug.casefold()] = category
            self.categories[category.name.casefold()] = category
        self.authors = _Cache()
        self.tags = _Cache()
        # (date, reference key) -> article id of essays imported since the last resolving.
        self.waiting_for = {}
        # Links made by this run have higher ids than any existing now, so the run's
        # unresolved links can be counted at the end without remembering every article.
        self.first_new_link = (RelatedLink.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        self.creating_together = True
        self._forget_waiting()
        self.days = {}

    def _forget_waiting(self):
        self.waiting = []
        self.waiting_slugs = set()
        # (date, reference key) -> index in self.waiting: how waiting pages are named.
        self.waiting_references = {}

    def run(self, sources, on_progress):
        remaining = iter(sources)
        done = 0
        while results := self.import_group(remaining):
            for result in results:
                self.record(result)
                done += 1
                if on_progress:
                    on_progress(done, self.report)
            if len(self.waiting_for) >= RESOLVE_EVERY:
                self.resolve_waiting_references()
        self.resolve_waiting_references()
        self.report.unresolved = RelatedLink.objects.filter(
            id__gte=self.first_new_link, target__isnull=True
        ).count()

    def import_group(self, sources):
        """
        Import the next files, for up to GROUP_SECONDS, in one transaction where each file
        has a savepoint of its own: a refused file leaves nothing behind, exactly as with a
        transaction per file, without a commit per file (a sixth of the time of a large
        import on SQLite). Should the commit itself fail (a deferred foreign-key check on a
        row deleted meanwhile, a lost connection), the group's files are imported again one
        transaction each, which pins the failure on its file. Returns [Outcome | Failure],
        empty when no file is left; nothing is reported before it is committed.
        """
        deadline = clock.monotonic() + GROUP_SECONDS
        attempted = []
        try:
            with transaction.atomic(), services.upkeep_together():
                for source in sources:
                    # Listed first: should the waiting pages fail to be created while this
                    # file is imported, it is imported again with them.
                    attempted.append((source, None))
                    attempted[-1] = (source, self.import_one(source))
                    if clock.monotonic() >= deadline:
                        break
                self.create_waiting()
        except (DatabaseError, _CreatingFailed) as error:
            logger.warning(
                "A group of %d files failed to commit; importing them one by one",
                len(attempted),
                exc_info=isinstance(error, _CreatingFailed),
            )
            # Rows created by the rolled-back group must not be reused.
            self.authors, self.tags = _Cache(), _Cache()
            self._forget_waiting()
            if not attempted:
                # The transaction could not even begin (the database is locked or gone):
                # the next file fails on its own, with the reason, and the run goes on.
                attempted = [(source, None) for source in itertools.islice(sources, 1)]
            self.creating_together = False
            try:
                return [self.import_one(source) for source, _ in attempted]
            finally:
                self.creating_together = True
        return [
            result.outcome if isinstance(result, _Waiting) else result for _, result in attempted
        ]

    def import_one(self, source):
        """Import one file in its own transaction or savepoint: an Outcome, or a Failure."""
        name = source.name
        try:
            page = parse_page(decode_page_bytes(source.read(), filename=name), filename=name)
            slug = page.slug or slug_for_title(page.title)
            taken = slug in self.waiting_slugs or self.slug_taken(slug)
            if self.creating_together and not taken and page.status in WAITING_STATUSES:
                with transaction.atomic():
                    outcome = self.wait_to_create(page, slug)
            else:
                # Saved on its own, after the pages waiting (it may update one of them).
                self.create_waiting()
                article = Article.objects.filter(slug=slug).first() if taken else None
                with transaction.atomic():
                    outcome = self.save_page(page, slug, article)
        except _CreatingFailed:
            raise
        except PageFormatError as error:
            failure = Failure(error.filename, error.line, error.reason)
        except OSError as error:
            failure = Failure(name, None, f"cannot be read: {error.strerror or error}")
        except Exception as error:
            # One bad file must not stop an import of thousands; the log keeps the details.
            logger.exception("Importing %s failed", name)
            failure = Failure(name, None, f"could not be imported: {error}", unexpected=True)
        else:
            self.authors.commit()
            self.tags.commit()
            return outcome
        self.authors.rollback()
        self.tags.rollback()
        return failure

    def record(self, result):
        """Count a committed file in the report."""
        if isinstance(result, Failure):
            self.report.failures.append(result)
            return
        self.waiting_for.setdefault(result.reference, result.article_id)
        if result.action == "created":
            self.report.created += 1
        else:
            self.report.updated += 1
        if len(self.report.outcomes) < LISTED_OUTCOMES:
            self.report.outcomes.append(result)

    # --- One page -------------------------------------------------------------------------

    def save_page(self, page, slug, article):
        """The page through the services: the essay as a whole, then its status."""
        category = self.category_for(page)
        created = article is None
        if created:
            article = Article(slug=slug, status=ArticleStatus.DRAFT)
        else:
            self.require(services.Action.EDIT, article, page, "change the essay")
            if article.status == ArticleStatus.PUBLISHED:
                self.require(services.Action.PUBLISH, article, page, "change a published essay")
        article.title = page.title
        article.standfirst = page.standfirst
        article.category = category
        # Pages carry a date, not a time: keep the time of an essay already on that date.
        on_that_day = article.published_at and local_date(article.published_at) == page.date
        page_time = article.published_at if on_that_day else start_of_day(page.date)
        self.date(article, page_time, created=created)
        with _refusals_on_their_line(page):
            services.article_save(
                article=article,
                by=self.by,
                sections=[
                    services.SectionData(section.heading, "\n\n".join(section.paragraphs))
                    for section in page.sections
                ],
                authors=[self.author_named(name) for name in page.authors],
                tags=self.tags_for(page),
                pins=self.pins_for(article, page),
            )
        self.apply_status(article, page, page_time)
        return Outcome(
            filename=page.filename,
            action="created" if created else "updated",
            article_id=article.pk,
            slug=article.slug,
            title=article.title,
            unresolved=sum(pin.target_id is None for pin in self.last_pins),
            reference=(page.date, reference_key(page.standfirst)),
        )

    def date(self, article, page_time, *, created):
        """
        The page's date on the essay; returns whether it was taken as its publication date.
        Only editors date essays: for anyone else a new essay's page date is a suggestion.
        """
        if services.can(self.by, services.Action.PUBLISH):
            article.published_at = page_time
            return True
        if created:
            article.suggested_published_at = page_time
        return False

    def require(self, action, article, page, doing):
        if not services.can(self.by, action, article):
            raise PageRejected(
                page.filename,
                page.lines.get("slug", 1),
                f"the essay “{article.title}” has this slug, and you may not {doing}: "
                f"{_reason(PermissionDenied(services.permissions.REFUSALS[action]))}",
            )

    def apply_status(self, article, page, page_time):
        """
        A page without a status leaves an existing essay as it is: re-importing the archive
        must never unpublish what editors have published since.
        """
        wanted, current = page.status, article.status
        line = page.lines.get("status", page.lines["date"])
        try:
            if wanted == ArticleStatus.PUBLISHED and not (
                current == ArticleStatus.PUBLISHED
                and services.same_moment(article.published_at, page_time)
            ):
                services.article_publish(article=article, by=self.by, at=page_time)
            elif wanted == ArticleStatus.UNPUBLISHED and current == ArticleStatus.DRAFT:
                # Taken off the site after it was published (an export of such an essay):
                # the same two steps as in the newsroom.
                services.article_publish(article=article, by=self.by, at=page_time)
                services.article_unpublish(article=article, by=self.by)
            elif wanted in (ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED) and (
                current == ArticleStatus.PUBLISHED
            ):
                services.article_unpublish(article=article, by=self.by)
            elif wanted == ArticleStatus.IN_REVIEW and current == ArticleStatus.DRAFT:
                services.article_submit(article=article, by=self.by)
        except PermissionDenied:
            raise PageRejected(page.filename, line, NO_PUBLISHING) from None
        except ValidationError as refusal:
            raise PageRejected(page.filename, line, _reason(refusal.messages[0])) from None

    def slug_taken(self, slug):
        """
        Whether an essay has this address. Most pages of a large import are new, and asking
        in plain SQL costs a tenth of what the ORM's query costs.
        """
        table = connection.ops.quote_name(Article._meta.db_table)
        column = connection.ops.quote_name(Article._meta.get_field("slug").column)
        with connection.cursor() as cursor:
            sql = f"SELECT 1 FROM {table} WHERE {column} = %s"  # noqa: S608 (quoted model names)
            cursor.execute(sql, [slug])
            return cursor.fetchone() is not None

    def category_for(self, page):
        if not page.category:
            if self.default_category is None:
                raise PageRejected(
                    page.filename,
                    1,
                    "the page names no category: add a front matter with "
                    '"category: ..." or choose a default category for such files',
                )
            return self.default_category
        key = page.category.casefold()
        if key not in self.categories:
            # A desk added since the run started.
            found = Category.objects.filter(
                Q(slug__iexact=page.category) | Q(name__iexact=page.category)
            ).first()
            if found is None:
                known = ", ".join(sorted({c.name for c in self.categories.values()})[:12])
                raise PageRejected(
                    page.filename,
                    page.lines["category"],
                    f'unknown category "{page.category}"; the categories are: {known or "none"}',
                )
            self.categories[key] = found
        return self.categories[key]

    def author_named(self, name):
        key = name.casefold()
        if author := self.authors.get(key):
            return author
        author = services.author_for_name(name=name, by=self.by)
        self.authors.add(key, author)
        return author

    def tags_for(self, page):
        tags = []
        for name in page.tags:
            tag = self.tag_named(name, page)
            if tag not in tags:  # two spellings of one tag ("Korean cinema", "korean-cinema")
                tags.append(tag)
        return tags

    def tag_named(self, name, page):
        key = name.casefold()
        if tag := self.tags.get(key):
            return tag
        try:
            # The site's one rule for which tag a name means (merged and renamed tags too).
            [tag] = services.tags_resolve(names=[name], by=self.by)
        except ValueError as error:
            raise PageRejected(page.filename, page.lines["tags"], str(error)) from None
        self.tags.add(key, tag)
        return tag

    def pins_for(self, article, page):
        """The page's related entries in order, each matched to its essay where one exists."""
        self.last_pins, self.last_pins_waiting = [], []
        if page.related:
            matches = self.essays_matching(page.related, exclude=article.pk)
            used, used_waiting = set(), set()
            for entry in page.related:
                named = (entry.date, reference_key(entry.summary))
                target = matches.get(named)
                if target in used:
                    target = None  # named twice: pinned once, the rest stay references
                used.add(target)
                waiting = self.waiting_references.get(named) if target is None else None
                if waiting is not None and waiting not in used_waiting:
                    # A page waiting to be created: pinned as it is (`pinned_in_batch`).
                    used_waiting.add(waiting)
                    self.last_pins_waiting.append((len(self.last_pins), waiting))
                self.last_pins.append(services.PinData(target, entry.summary, entry.date))
        return self.last_pins

    def essays_matching(self, entries, *, exclude):
        """(date, reference key) -> id of the earliest essay, draft or published, that matches."""
        days = sorted({entry.date for entry in entries})
        starts, bounds = [], []
        for day in days:
            start, *adapted = self.day_bounds(day)
            starts.append(start)
            bounds.append(adapted)
        column = connection.ops.quote_name(Article._meta.get_field("published_at").column)
        table = connection.ops.quote_name(Article._meta.db_table)
        on_those_days = " OR ".join([f"({column} >= %s AND {column} < %s)"] * len(days))
        # Raw SQL, once per file: the ORM takes five times longer to build this OR of date
        # ranges than the database takes to answer it. No ORDER BY either: it would make
        # SQLite scan the table instead of searching the date index once per day.
        # Only quoted model names and placeholders enter the text; values are parameters.
        sql = f"SELECT id, standfirst, {column} FROM {table} WHERE id <> %s AND ({on_those_days})"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [exclude or 0, *itertools.chain.from_iterable(bounds)])
            rows = sorted(cursor.fetchall())
        matches = {}
        for pk, standfirst, published_at in rows:
            # SQLite hands back naive UTC datetimes, PostgreSQL aware ones.
            moment = published_at if published_at.tzinfo else published_at.replace(tzinfo=UTC)
            day = days[bisect_right(starts, moment) - 1]
            matches.setdefault((day, reference_key(standfirst)), pk)
        return matches

    def day_bounds(self, day):
        """A day's start, and its start and end as the database takes them, once per run."""
        if (bounds := self.days.get(day)) is None:
            adapt = connection.ops.adapt_datetimefield_value
            start = start_of_day(day)
            bounds = self.days[day] = (start, adapt(start), adapt(_next(day)))
        return bounds

    # --- New pages, created together ------------------------------------------------------

    def wait_to_create(self, page, slug):
        """
        Check a new page as `save_page` and `apply_status` would save and publish it, and
        keep it for `create_waiting`; a refusal names the line, as theirs do.
        """
        page_time = start_of_day(page.date)
        article = Article(
            slug=slug,
            status=ArticleStatus.DRAFT,
            title=page.title,
            standfirst=page.standfirst,
            category=self.category_for(page),
        )
        dated = self.date(article, page_time, created=True)
        if page.status == ArticleStatus.PUBLISHED:
            if not dated:
                raise PageRejected(page.filename, page.lines["status"], NO_PUBLISHING)
            article.status = ArticleStatus.PUBLISHED
        essay = services.NewEssay(
            article=article,
            sections=[
                services.SectionData(section.heading, "\n\n".join(section.paragraphs))
                for section in page.sections
            ],
            author_ids=[self.author_named(name).pk for name in page.authors],
            tag_ids=[tag.pk for tag in self.tags_for(page)],
            pins=self.pins_for(article, page),
            pinned_in_batch=dict(self.last_pins_waiting),
        )
        with _refusals_on_their_line(page):
            essay = services.new_essay_check(essay=essay, by=self.by)
        waiting = _Waiting(page=page, essay=essay)
        if article.published_at is not None:
            # Found by the pages after it as `essays_matching` would find it once created.
            named = (page.date, reference_key(article.standfirst))
            self.waiting_references.setdefault(named, len(self.waiting))
        self.waiting.append(waiting)
        self.waiting_slugs.add(slug)
        return waiting

    def create_waiting(self):
        """Create the pages waiting, all or none; raises _CreatingFailed if that fails."""
        if not self.waiting:
            return
        waiting = self.waiting
        self._forget_waiting()
        try:
            created = services.articles_create_bulk(
                essays=[entry.essay for entry in waiting], by=self.by
            )
        except Exception as error:
            raise _CreatingFailed(str(error)) from error
        for entry, article in zip(waiting, created, strict=True):
            page = entry.page
            entry.outcome = Outcome(
                filename=page.filename,
                action="created",
                article_id=article.pk,
                slug=article.slug,
                title=article.title,
                unresolved=sum(
                    pin.target_id is None and number not in entry.essay.pinned_in_batch
                    for number, pin in enumerate(entry.essay.pins)
                ),
                reference=(page.date, reference_key(page.standfirst)),
            )

    # --- References waiting for the essays just imported -----------------------------------

    def resolve_waiting_references(self):
        # In groups of consecutive days, so the links held at once are bounded by the
        # group, whatever the size of the import or the number of references waiting.
        waiting = sorted(self.waiting_for.items())
        with transaction.atomic():
            for start in range(0, len(waiting), RESOLVE_GROUP):
                self._resolve(dict(waiting[start : start + RESOLVE_GROUP]))
        self.waiting_for = {}

    def _resolve(self, waiting_for):
        # At most RESOLVE_GROUP days and essays: well within SQLite's limit on parameters.
        days = {day for day, _ in waiting_for}
        candidates = (
            RelatedLink.objects.filter(target__isnull=True, reference_date__in=days)
            .order_by("id")
            .values_list("id", "article_id", "reference_summary", "reference_date")
        )
        found = []
        for link_id, article_id, summary, day in candidates.iterator(chunk_size=2000):
            target = waiting_for.get((day, reference_key(summary)))
            if target is not None and target != article_id:
                found.append((link_id, article_id, target))
        if not found:
            return
        # One link per (essay, target): a target already pinned, or named twice, stays a
        # reference on the later link. Only links to this batch's essays can clash.
        targets = sorted(set(waiting_for.values()))
        taken = set(
            RelatedLink.objects.filter(target_id__in=targets).values_list("article_id", "target_id")
        )
        updates = []
        for link_id, article_id, target in found:
            if (article_id, target) not in taken:
                taken.add((article_id, target))
                updates.append((target, link_id))
                if link_id < self.first_new_link:
                    self.report.resolved_earlier += 1
        services.references_resolve(resolutions=updates, by=self.by)


@contextmanager
def _refusals_on_their_line(page):
    """A service's refusal of the page's essay, as the file's, at the line it is about."""
    try:
        yield
    except PermissionDenied as refusal:
        raise PageRejected(page.filename, page.lines["date"], _reason(refusal)) from None
    except limits.TooLong as refusal:
        raise PageRejected(
            page.filename, _line_of(page, refusal), _reason(refusal.messages[0])
        ) from None
    except ValidationError as refusal:
        raise PageRejected(page.filename, 1, _reason(refusal.messages[0])) from None


def _line_of(page, refusal):
    """The line of the page holding the text `refusal` (a limits.TooLong) is about."""
    if refusal.section is not None and refusal.section < len(page.sections):
        return page.sections[refusal.section].line or 1
    return page.lines.get(refusal.field, 1)


def _reason(refusal):
    message = str(refusal) or "you do not have permission"
    return message[0].lower() + message[1:].rstrip(".")


def _next(day):
    return start_of_day(day + timedelta(days=1))
