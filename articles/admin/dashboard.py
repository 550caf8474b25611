"""
The editorial dashboard on the admin index: what waits for review, what is scheduled (on a
week or month calendar), what went live lately, and the user's own drafts, including those
an editor sent back. `dashboard_for` gathers it in a fixed number of queries, however many
essays it lists; `register` makes an admin site's index page show it.
"""

import calendar as calendar_module
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles.models import Article, AuditAction, AuditEntry
from articles.services.permissions import Action, can, visible_articles

WEEK, MONTH = "week", "month"
RECENTLY_PUBLISHED = 10
# Enough to act on from the index; the essay list shows the rest.
LIST_LIMIT = 25
MIN_YEAR, MAX_YEAR = 1900, 9000


@dataclass(frozen=True)
class EssayLine:
    """One essay in a dashboard list, with the audit entry that explains why it is there."""

    article: Article
    url: str
    entry: AuditEntry | None = None

    @property
    def by(self):
        """Who made the step, as the dashboard names them."""
        actor = self.entry.actor if self.entry else None
        if actor is None:
            return "someone no longer on the staff" if self.entry else ""
        return actor.get_full_name() or actor.get_username()


@dataclass(frozen=True)
class CalendarDay:
    day: date
    is_today: bool
    in_period: bool
    essays: list[EssayLine] = field(default_factory=list)


@dataclass(frozen=True)
class Calendar:
    view: str
    title: str
    first: date
    last: date
    weeks: list[list[CalendarDay]]
    previous_query: str
    next_query: str
    today_query: str
    week_query: str
    month_query: str
    weekday_names: list[str]
    count: int


@dataclass(frozen=True)
class Dashboard:
    can_publish: bool
    in_review: list[EssayLine]
    upcoming: Calendar
    recently_published: list[EssayLine]
    my_drafts: list[EssayLine]
    more_drafts_url: str | None
    sent_back: list[EssayLine]


def dashboard_for(user, *, today=None, calendar=WEEK, start=None):
    """
    The dashboard `user` sees: editors (who may publish) get every essay in review, writers
    their own. `today` defaults to the site's local date; `calendar` is "week" or "month",
    and `start` (a date or "YYYY-MM-DD") picks the week or month to show, around today if
    missing or unreadable. None for users who may not see essays at all.
    """
    if not (user.has_perm("articles.view_article") or user.has_perm("articles.change_article")):
        return None
    today = today or timezone.localdate()
    can_publish = can(user, Action.PUBLISH)
    essays = visible_articles(user, Article.objects.all())

    latest_submit = _newest_entry(action=AuditAction.SUBMIT)
    in_review = essays.in_review().annotate(
        submit_entry_id=Subquery(latest_submit.values("id")[:1]),
        submitted_at=Coalesce(Subquery(latest_submit.values("at")[:1]), F("updated_at")),
    )
    if not can_publish:
        in_review = in_review.filter(owner=user)
    in_review = list(in_review.order_by("submitted_at", "id").only("id", "title", "updated_at"))

    latest = _newest_entry()
    mine = essays.drafts().filter(owner=user).only("id", "title", "updated_at")
    drafts = list(mine.order_by("-updated_at", "-id")[: LIST_LIMIT + 1])
    sent_back = list(
        mine.annotate(
            latest_entry_id=Subquery(latest.values("id")[:1]),
            latest_action=Subquery(latest.values("action")[:1]),
        )
        .filter(latest_action=AuditAction.SEND_BACK)
        .order_by("-updated_at", "-id")[:LIST_LIMIT]
    )

    entries = AuditEntry.objects.select_related("actor").in_bulk(
        [a.submit_entry_id for a in in_review if a.submit_entry_id]
        + [a.latest_entry_id for a in sent_back]
    )
    recent = essays.published().newest_first().only("id", "title", "published_at")

    return Dashboard(
        can_publish=can_publish,
        in_review=[_line(a, entries.get(a.submit_entry_id)) for a in in_review],
        upcoming=_calendar(essays, today=today, view=calendar, start=start),
        recently_published=[_line(a) for a in recent[:RECENTLY_PUBLISHED]],
        my_drafts=[_line(a) for a in drafts[:LIST_LIMIT]],
        more_drafts_url=_more_drafts_url(user) if len(drafts) > LIST_LIMIT else None,
        sent_back=[_line(a, entries.get(a.latest_entry_id)) for a in sent_back],
    )


def register(site=admin.site):
    """Make `site`'s index page carry the dashboard (its template shows it)."""
    index = site.index

    def index_with_dashboard(request, extra_context=None):
        dashboard = dashboard_for(
            request.user,
            calendar=request.GET.get("calendar", WEEK),
            start=request.GET.get("start"),
        )
        return index(request, extra_context={"dashboard": dashboard, **(extra_context or {})})

    site.index = index_with_dashboard


def _newest_entry(action=None):
    entries = AuditEntry.objects.filter(article=OuterRef("pk"))
    if action is not None:
        entries = entries.filter(action=action)
    return entries.order_by("-at", "-id")


def _line(article, entry=None):
    return EssayLine(
        article=article,
        url=reverse("admin:articles_article_change", args=[article.pk]),
        entry=entry,
    )


def _more_drafts_url(user):
    # The essay list's own filters (PublicationStateFilter, OwnerFilter).
    query = urlencode({"state": "draft", "owner": "mine"})
    return f"{reverse('admin:articles_article_changelist')}?{query}"


def _calendar(essays, *, today, view, start):
    view = view if view in (WEEK, MONTH) else WEEK
    anchor = _parse_date(start) or today
    first, last, previous, following = _period(anchor, view)
    # Month grids run from the Monday before the 1st to the Sunday after the last day.
    grid_first = first - timedelta(days=first.weekday())
    grid_last = last + timedelta(days=6 - last.weekday())

    scheduled = (
        essays.scheduled()
        .filter(
            published_at__gte=_local_midnight(grid_first),
            published_at__lt=_local_midnight(grid_last + timedelta(days=1)),
        )
        .order_by("published_at", "id")
        .only("id", "title", "published_at")
    )
    by_day = {}
    for article in scheduled:
        by_day.setdefault(timezone.localdate(article.published_at), []).append(_line(article))

    days = [grid_first + timedelta(days=n) for n in range((grid_last - grid_first).days + 1)]
    weeks = [
        [
            CalendarDay(
                day=day,
                is_today=day == today,
                in_period=first <= day <= last,
                essays=by_day.get(day, []),
            )
            for day in days[i : i + 7]
        ]
        for i in range(0, len(days), 7)
    ]
    title = f"{first:%B %Y}" if view == MONTH else f"Week of {first.day} {first:%B %Y}"
    return Calendar(
        view=view,
        title=title,
        first=first,
        last=last,
        weeks=weeks,
        previous_query=_calendar_query(view, previous),
        next_query=_calendar_query(view, following),
        today_query=_calendar_query(view),
        week_query=_calendar_query(WEEK, today if first <= today <= last else first),
        month_query=_calendar_query(MONTH, anchor.replace(day=1)),
        weekday_names=list(calendar_module.day_name),
        count=sum(len(essays) for essays in by_day.values()),
    )


def _period(anchor, view):
    """The first and last day shown, and the starts of the periods before and after."""
    if view == WEEK:
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=6), first - timedelta(days=7), first + timedelta(7)
    first = anchor.replace(day=1)
    last = first.replace(day=calendar_module.monthrange(first.year, first.month)[1])
    previous = (first - timedelta(days=1)).replace(day=1)
    return first, last, previous, last + timedelta(days=1)


def _parse_date(value):
    """A date from a query string, or None; years far off are refused (no grid overflows)."""
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(value or "")
        except ValueError:
            return None
    return value if MIN_YEAR <= value.year <= MAX_YEAR else None


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _calendar_query(view, start=None):
    params = {"calendar": view}
    if start is not None:
        params["start"] = start.isoformat()
    return urlencode(params)
