from collections import Counter
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


def local_month(moment):
    """The first day of `moment`'s month in the site's time zone."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def month_bounds(month):
    """The moments the month (its first day) starts and the next one starts, in the site's
    time zone: an essay is in it when start <= published_at < end."""
    zone = timezone.get_default_timezone()
    following = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    return (
        timezone.make_aware(datetime(month.year, month.month, 1), zone),
        timezone.make_aware(datetime(*following, 1), zone),
    )


class ArchiveMonthQuerySet(models.QuerySet):
    def shown(self, *, at=None):
        """
        [{"month": date, "count": n}, ...] newest first: the months of the site's time zone
        in which readers can see essays (at the moment `at`, default now), for the archive
        index. Read from the stored counts, less the essays still scheduled in each month
        (their time comes with no write); counted from the essays instead when the counts
        were kept for another time zone (until `manage.py recount_archive`).
        """
        from articles.models.article import Article

        rows = list(self.order_by("-month").values_list("month", "time_zone", "count"))
        if any(zone != settings.TIME_ZONE for _, zone, _ in rows):
            return Article.objects.published(at=at).month_counts()
        moment = at or timezone.now()
        waiting = Article.objects.published_or_scheduled().filter(published_at__gt=moment)
        scheduled = Counter(map(local_month, waiting.values_list("published_at", flat=True)))
        months = [(month, count - scheduled[month]) for month, _, count in rows]
        return [{"month": month, "count": count} for month, count in months if count > 0]

    def essays_shown(self, *, at=None):
        """How many essays readers can see: the months' counts added up."""
        return sum(entry["count"] for entry in self.shown(at=at))


class ArchiveMonth(models.Model):
    """
    How many essays are published or scheduled in each month of the site's time zone: the
    archive index's counts, kept by the services whenever an essay enters, leaves or moves
    in the published dates (`services.archive_months`). Counting the essays for each
    request read every published one.
    """

    month = models.DateField(primary_key=True)  # its first day
    # The zone the months were counted in: after a change of TIME_ZONE the counts are not
    # used until they are recounted.
    time_zone = models.CharField(max_length=64)
    count = models.PositiveIntegerField()

    objects = ArchiveMonthQuerySet.as_manager()

    def __str__(self):
        return f"{self.month:%B %Y}: {self.count}"
