"""
The archive index's counts of essays per month (`ArchiveMonth`), kept as essays enter,
leave or move in the published dates: a month is counted again, from the date index,
whenever a service publishes, schedules, unpublishes, redates or deletes an essay in it.
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from articles.models import ArchiveMonth, Article
from articles.models.archive import local_month
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


def months_recount(months):
    """
    Count the published and scheduled essays of each month (first days) again. Each month's
    row is locked first, until the transaction ends: a save counting the same month at the
    same time waits, then counts with this one's essays committed, so the last count
    written is right (PostgreSQL; SQLite runs one writer at a time). Months are locked in
    order, so two saves never wait for each other.
    """
    zone = timezone.get_default_timezone()
    with writing():
        for month in sorted(months):
            ArchiveMonth.objects.get_or_create(
                month=month, defaults={"count": 0, "time_zone": settings.TIME_ZONE}
            )
            locked = ArchiveMonth.objects.filter(month=month)
            list(locked.select_for_update())
            start = timezone.make_aware(datetime(month.year, month.month, 1), zone)
            end = timezone.make_aware(datetime(*_next_month(month), 1), zone)
            count = (
                Article.objects.published_or_scheduled()
                .filter(published_at__gte=start, published_at__lt=end)
                .count()
            )
            if count:
                locked.update(count=count, time_zone=settings.TIME_ZONE)
            else:
                locked.delete()


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


def _next_month(month: date):
    return (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
