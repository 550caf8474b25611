"""
The archive index's counts of essays per month (`ArchiveMonth`), kept as essays enter,
leave or move in the published dates: a month is counted again, from the date index,
whenever a service publishes, schedules, unpublishes, redates or deletes an essay in it.
"""

from django.conf import settings
from django.db.models import Count, Value
from django.utils import timezone

from articles.models import ArchiveMonth, Article
from articles.models.archive import local_month, month_bounds
from articles.services import batching
from articles.services.permissions import Action, require
from articles.services.transactions import writing


def months_changed(*moments):
    """
    The months holding these publication dates (None ones are skipped) counted again now,
    or when `upkeep_together()` ends.
    """
    months = {local_month(moment) for moment in moments if moment is not None}
    if months and not batching.deferred("months", *sorted(months)):
        months_recount(months)


# Months counted per statement: SQLite allows 500 parts to a compound SELECT.
MONTHS_PER_COUNT = 100


def months_recount(months):
    """
    Count the published and scheduled essays of each month (first days) again, in a few
    statements whatever the number of months. The months' rows are locked first, until the
    transaction ends: a save counting the same month at the same time waits, then counts
    with this one's essays committed, so the last count written is right (PostgreSQL;
    SQLite runs one writer at a time). Rows are locked in order, so two saves never wait
    for each other.
    """
    months = sorted(set(months))
    if not months:
        return
    with writing():
        ArchiveMonth.objects.bulk_create(
            [ArchiveMonth(month=month, count=0, time_zone=settings.TIME_ZONE) for month in months],
            ignore_conflicts=True,
        )
        # Its own statement: counting after it sees whatever committed while it waited.
        rows = list(
            ArchiveMonth.objects.filter(month__in=months).order_by("month").select_for_update()
        )
        counts = {}
        for start in range(0, len(months), MONTHS_PER_COUNT):
            counts.update(_counted(months[start : start + MONTHS_PER_COUNT]))
        for row in rows:
            row.count, row.time_zone = counts[row.month], settings.TIME_ZONE
        ArchiveMonth.objects.bulk_update([row for row in rows if row.count], ["count", "time_zone"])
        ArchiveMonth.objects.filter(month__in=[row.month for row in rows if not row.count]).delete()


def _counted(months):
    """{month: published and scheduled essays in it}, each month counted down the date index
    in one compound statement."""
    counts = []
    for number, month in enumerate(months):
        start, end = month_bounds(month)
        counts.append(
            Article.objects.published_or_scheduled()
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by()
            .values(number=Value(number))
            .annotate(count=Count("pk"))
            .values("number", "count")
        )
    # Unordered: the compound statement would otherwise take Article's default order.
    rows = counts[0].union(*counts[1:], all=True).order_by() if len(counts) > 1 else counts[0]
    return {months[row["number"]]: row["count"] for row in rows}


def archive_recount(*, by=None) -> int:
    """
    Count every month again, from all the essays (after a change of TIME_ZONE, or a restore
    from an older backup); returns how many months have essays.
    """
    require(by, Action.PUBLISH)
    zone = timezone.get_default_timezone()
    with writing():
        months = Article.objects.published_or_scheduled().month_counts(zone)
        ArchiveMonth.objects.all().delete()
        ArchiveMonth.objects.bulk_create(
            ArchiveMonth(month=row["month"], count=row["count"], time_zone=settings.TIME_ZONE)
            for row in months
        )
    return len(months)
