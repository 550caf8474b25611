"""
The essay list's date drill-down, from the first and last date of what is listed.

Django's own asks the database for every distinct year (month, day) of the listed essays: a
scan of the whole archive on the unfiltered list. This offers every year, month or day
between the first and the last listed one instead, read from the ends of an index; a link
to a month without essays shows an empty list.
"""

import copy
from datetime import date, datetime

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.utils import timezone
from django.utils.functional import cached_property

register = template.Library()


class _RangeQuerySet:
    """Answers what `date_hierarchy` asks of the list's queryset from its date range."""

    def __init__(self, queryset, field):
        self.queryset, self.field = queryset, field

    @cached_property
    def range(self):
        # Two ordered reads, not MIN and MAX in one query: SQLite answers one of them from
        # the index's end, both together only by scanning it.
        field = self.field
        dated = self.queryset.filter(**{f"{field}__isnull": False}).values_list(field, flat=True)
        try:
            return {
                "first": dated.order_by(field).first(),
                "last": dated.order_by(f"-{field}").first(),
            }
        except OverflowError:
            # A filter value SQLite cannot bind (?category__gte=9223372036854775808) matches
            # no essay: no dates to drill into (the list itself is checked in selection.py).
            return {"first": None, "last": None}

    def aggregate(self, **kwargs):
        return dict(self.range)

    def datetimes(self, field, kind):
        first, last = self.range["first"], self.range["last"]
        if first is None or last is None:
            return []
        if isinstance(first, datetime) and timezone.is_aware(first):
            first, last = timezone.localtime(first), timezone.localtime(last)
        if kind == "year":
            return [date(year, 1, 1) for year in range(first.year, last.year + 1)]
        if kind == "month":
            months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
            return [date(n // 12, n % 12 + 1, 1) for n in months]
        days = range(first.toordinal(), last.toordinal() + 1)
        return [date.fromordinal(n) for n in days]

    dates = datetimes


@register.inclusion_tag("admin/date_hierarchy.html", takes_context=True)
def date_range_hierarchy(context, cl):
    if not cl.date_hierarchy:
        return {"show": False}
    ranged = copy.copy(cl)
    # The list's own queryset, or a wider one that is cheaper to range over (see
    # articles/admin/listing.py).
    source = cl.date_range_queryset(context["request"])
    ranged.queryset = _RangeQuerySet(source, cl.date_hierarchy)
    return date_hierarchy(ranged)
