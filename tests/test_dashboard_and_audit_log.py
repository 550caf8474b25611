"""The editorial dashboard on the admin index, and the site-wide audit log."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.admin.dashboard import dashboard_for
from articles.models import ArticleStatus, AuditAction, AuditEntry
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("admin:index")
LOG_URL = reverse("admin:articles_auditentry_changelist")


def make_writer(username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name="Writers"))
    return user


def make_group_editor(username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def submitted(title, *, writer, days_ago=0):
    """A writer's essay, submitted for review `days_ago` days ago."""
    article = ArticleFactory(draft=True, owner=writer, title=title)
    services.article_submit(article=article, by=writer)
    AuditEntry.objects.filter(article=article, action=AuditAction.SUBMIT).update(
        at=timezone.now() - timedelta(days=days_ago)
    )
    return article


def sent_back(title, *, writer, editor, comment="Tighten the middle section."):
    article = ArticleFactory(draft=True, owner=writer, title=title)
    services.article_submit(article=article, by=writer)
    services.article_send_back(article=article, by=editor, comment=comment)
    return article


def titles(lines):
    return [line.article.title for line in lines]


def day_cell(calendar, day):
    return next(cell for week in calendar.weeks for cell in week if cell.day == day)


def test_the_dashboard_lists_essays_in_review_oldest_first_with_who_submitted_them(
    editor_client,
):
    alice, bruno = make_writer("alice"), make_writer("bruno")
    submitted("Newer submission", writer=alice, days_ago=1)
    submitted("Older submission", writer=bruno, days_ago=5)
    ArticleFactory(draft=True, owner=alice, title="Still a draft")

    response = editor_client.get(INDEX_URL)

    in_review = response.context["dashboard"].in_review
    assert titles(in_review) == ["Older submission", "Newer submission"]
    assert [line.by for line in in_review] == ["bruno", "alice"]
    content = response.content.decode()
    assert '<h2 id="dashboard-in-review">In review</h2>' in content
    assert content.index("Older submission") < content.index("Newer submission")
    assert "submitted by bruno" in content
    assert reverse("admin:articles_article_change", args=[in_review[0].article.pk]) in content


def test_a_writer_sees_only_their_own_essays_in_review(client):
    alice, bruno = make_writer("alice"), make_writer("bruno")
    submitted("Alice's essay", writer=alice)
    submitted("Bruno's essay", writer=bruno)
    client.force_login(alice)

    response = client.get(INDEX_URL)

    assert titles(response.context["dashboard"].in_review) == ["Alice's essay"]
    assert "My essays in review" in response.content.decode()
    assert "Bruno's essay" not in response.content.decode()


def test_a_scheduled_essay_appears_on_its_day_in_the_week_and_month_calendars(editor_client):
    essay = ArticleFactory(scheduled=True, title="The premiere of a restoration")
    local = timezone.localtime(essay.published_at)

    for view in ("week", "month"):
        response = editor_client.get(INDEX_URL, {"calendar": view, "start": local.date()})

        calendar = response.context["dashboard"].upcoming
        assert calendar.view == view
        assert titles(day_cell(calendar, local.date()).essays) == [essay.title]
        content = response.content.decode()
        assert essay.title in content
        assert f"{local:%H:%M}</time>" in content


def test_the_calendar_starts_on_monday_marks_today_and_links_to_the_periods_around_it(editor):
    wednesday = date(2031, 3, 5)

    week = dashboard_for(editor, today=wednesday).upcoming
    month = dashboard_for(editor, today=wednesday, calendar="month").upcoming

    assert [cell.day for cell in week.weeks[0]] == [date(2031, 3, d) for d in range(3, 10)]
    assert [cell.day for cell in week.weeks[0] if cell.is_today] == [wednesday]
    assert week.previous_query == "calendar=week&start=2031-02-24"
    assert week.next_query == "calendar=week&start=2031-03-10"
    # March 2031 begins on a Saturday: the grid starts on the Monday before.
    assert month.weeks[0][0].day == date(2031, 2, 24)
    assert not month.weeks[0][0].in_period
    assert month.weeks[-1][-1].day == date(2031, 4, 6)
    assert month.title == "March 2031"
    assert month.next_query == "calendar=month&start=2031-04-01"
    assert month.previous_query == "calendar=month&start=2031-02-01"


def test_the_calendar_is_an_accessible_table_with_today_marked(editor_client):
    response = editor_client.get(INDEX_URL, {"calendar": "month"})

    content = response.content.decode()
    assert 'aria-labelledby="dashboard-calendar-caption"' in content
    assert '<th scope="col" abbr="Monday">' in content
    assert content.count('aria-current="date"') == 1


def test_an_unreadable_calendar_start_falls_back_to_today(editor_client):
    response = editor_client.get(INDEX_URL, {"calendar": "year", "start": "99999-01-01"})

    calendar = response.context["dashboard"].upcoming
    assert response.status_code == 200
    assert calendar.view == "week"
    assert calendar.first <= timezone.localdate() <= calendar.last


def test_recently_published_lists_the_ten_newest_live_essays(editor_client):
    now = timezone.now()
    for n in range(12):
        ArticleFactory(title=f"Live essay {n}", published_at=now - timedelta(days=n + 1))
    ArticleFactory(scheduled=True, title="Not yet live")
    ArticleFactory(status=ArticleStatus.UNPUBLISHED, title="Taken down")

    response = editor_client.get(INDEX_URL)

    recent = response.context["dashboard"].recently_published
    assert titles(recent) == [f"Live essay {n}" for n in range(10)]


def test_my_drafts_shows_only_my_own_drafts_newest_first(client):
    alice, bruno = make_writer("alice"), make_writer("bruno")
    older = ArticleFactory(draft=True, owner=alice, title="Alice's older draft")
    ArticleFactory(draft=True, owner=alice, title="Alice's newer draft")
    ArticleFactory(draft=True, owner=bruno, title="Bruno's draft")
    ArticleFactory(owner=alice, title="Alice's published essay")
    older.save()  # updated last
    client.force_login(alice)

    response = client.get(INDEX_URL)

    drafts = response.context["dashboard"].my_drafts
    assert titles(drafts) == ["Alice's older draft", "Alice's newer draft"]


def test_sent_back_to_me_shows_the_editors_comment_and_who_sent_it_back(client, editor):
    alice = make_writer("alice")
    sent_back(
        "The essay to rework",
        writer=alice,
        editor=editor,
        comment="Cut the <b>second</b> half & keep the ending.",
    )
    resubmitted = sent_back("Reworked and resubmitted", writer=alice, editor=editor)
    services.article_submit(article=resubmitted, by=alice)
    ArticleFactory(draft=True, owner=alice, title="Never submitted")
    client.force_login(alice)

    response = client.get(INDEX_URL)

    sent = response.context["dashboard"].sent_back
    assert titles(sent) == ["The essay to rework"]
    assert sent[0].by == "editor"
    content = response.content.decode()
    assert "sent back by editor" in content
    assert "Cut the &lt;b&gt;second&lt;/b&gt; half &amp; keep the ending." in content
    assert "<b>second</b>" not in content


def test_a_writer_does_not_see_another_writers_draft_on_the_dashboard(client):
    alice, bruno = make_writer("alice"), make_writer("bruno")
    ArticleFactory(draft=True, owner=bruno, title="Bruno's secret draft")
    ArticleFactory(status=ArticleStatus.UNPUBLISHED, owner=bruno, title="Bruno's withdrawn essay")
    client.force_login(alice)

    response = client.get(INDEX_URL)

    content = response.content.decode()
    assert "Bruno's secret draft" not in content
    assert "Bruno's withdrawn essay" not in content
    assert "You have no drafts." in content


def test_a_staff_member_without_essay_permissions_sees_no_dashboard(client):
    client.force_login(UserFactory(username="accountant"))

    response = client.get(INDEX_URL)

    assert response.status_code == 200
    assert response.context["dashboard"] is None
    assert "editorial-dashboard" not in response.content.decode()


def test_empty_dashboard_sections_say_so(editor_client):
    content = editor_client.get(INDEX_URL).content.decode()

    assert "No essays are waiting for review." in content
    assert "Nothing is scheduled for this week." in content
    assert "Nothing has been published yet." in content
    assert "You have no drafts." in content
    assert "No essay of yours has been sent back." in content


def test_the_dashboards_query_count_does_not_grow_with_the_number_of_essays(
    client, editor, django_assert_max_num_queries
):
    chief = UserFactory(username="chief", is_superuser=True)
    start = timezone.localdate() + timedelta(days=7)
    at = timezone.make_aware(datetime.combine(start, time(12)))

    def add_essays(count):
        for n in range(count):
            submitted(f"In review {n}", writer=make_writer(f"writer{count}-{n}"))
            ArticleFactory(published_at=at + timedelta(minutes=n))
            ArticleFactory(published_at=timezone.now() - timedelta(days=n + 1))
            ArticleFactory(draft=True, owner=editor)
            sent_back(f"Sent back {n}", writer=editor, editor=chief)

    def index_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(INDEX_URL, {"start": start})
        assert response.status_code == 200
        return len(captured), response.context["dashboard"]

    client.force_login(editor)
    add_essays(2)
    few, dashboard = index_queries()
    add_essays(10)
    many, dashboard = index_queries()

    assert len(dashboard.in_review) == 12
    assert dashboard.upcoming.count == 12
    assert len(dashboard.sent_back) == 12
    assert many == few
    with django_assert_max_num_queries(6):
        dashboard_for(editor, start=start)


def test_the_audit_log_lists_entries_with_links_to_the_essays(editor_client, editor):
    alice = make_writer("alice")
    essay = sent_back("A contested essay", writer=alice, editor=editor, comment="Needs sources.")

    response = editor_client.get(LOG_URL)

    assert response.status_code == 200
    assert [entry.action for entry in response.context["cl"].result_list] == [
        AuditAction.SEND_BACK,
        AuditAction.SUBMIT,
    ]
    content = response.content.decode()
    assert reverse("admin:articles_article_change", args=[essay.pk]) in content
    assert "Needs sources." in content
    assert "In review → Draft" in content


def test_the_audit_log_filters_by_action(editor_client, editor):
    alice = make_writer("alice")
    sent_back("One", writer=alice, editor=editor)
    submitted("Two", writer=alice)

    response = editor_client.get(LOG_URL, {"action__exact": AuditAction.SEND_BACK})

    assert [entry.article_title for entry in response.context["cl"].result_list] == ["One"]


def test_the_audit_log_filters_by_user(editor_client, editor):
    alice, bruno = make_writer("alice"), make_writer("bruno")
    submitted("Alice's", writer=alice)
    submitted("Bruno's", writer=bruno)

    response = editor_client.get(LOG_URL, {"actor__id__exact": bruno.pk})

    assert [entry.article_title for entry in response.context["cl"].result_list] == ["Bruno's"]
    # The user filter offers only people who appear in the log.
    content = response.content.decode()
    assert f'?actor__id__exact={alice.pk}"' in content
    assert f'?actor__id__exact={editor.pk}"' not in content


def test_the_audit_log_filters_by_essay_and_names_it(editor_client, editor):
    alice = make_writer("alice")
    essay = sent_back("The essay in question", writer=alice, editor=editor)
    submitted("Another essay", writer=alice)

    response = editor_client.get(LOG_URL, {"article__id__exact": essay.pk})

    assert response.status_code == 200
    result = response.context["cl"].result_list
    assert {entry.article_id for entry in result} == {essay.pk}
    assert len(result) == 2
    assert "<h2>Essay: “The essay in question”</h2>" in response.content.decode()


def test_the_audit_log_keeps_a_deleted_essays_title(editor_client, editor):
    alice = make_writer("alice")
    essay = submitted("Gone but logged", writer=alice)
    change_url = reverse("admin:articles_article_change", args=[essay.pk])
    essay.delete()

    response = editor_client.get(LOG_URL)

    entry = AuditEntry.objects.get()
    assert entry.article_id is None
    content = response.content.decode()
    assert "Gone but logged" in content
    assert change_url not in content


def test_the_audit_log_query_count_does_not_grow_with_the_number_of_entries(editor_client):
    alice = make_writer("alice")

    def log_queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(LOG_URL).status_code == 200
        return len(captured)

    for n in range(2):
        submitted(f"Essay {n}", writer=alice)
    few = log_queries()
    for n in range(2, 12):
        submitted(f"Essay {n}", writer=alice)

    assert log_queries() == few


def test_nobody_can_add_change_or_delete_audit_entries(editor_client, editor):
    submitted("Logged", writer=make_writer("alice"))
    entry = AuditEntry.objects.get()
    change_url = reverse("admin:articles_auditentry_change", args=[entry.pk])

    assert editor_client.get(reverse("admin:articles_auditentry_add")).status_code == 403
    assert editor_client.post(change_url, {"comment": "Rewritten"}).status_code == 403
    delete_url = reverse("admin:articles_auditentry_delete", args=[entry.pk])
    assert editor_client.get(delete_url).status_code == 403
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert editor_client.get(change_url).status_code == 200  # read-only view
    entry.refresh_from_db()
    assert entry.comment == ""


def test_a_member_of_the_editors_group_can_read_the_audit_log(client):
    client.force_login(make_group_editor("eve"))

    assert client.get(LOG_URL).status_code == 200


def test_a_writer_without_view_auditentry_gets_403_on_the_audit_log(client):
    client.force_login(make_writer("alice"))

    assert client.get(LOG_URL).status_code == 403
