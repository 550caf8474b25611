"""
The newsroom's workflow as services: each step, who may take it, what it records in the
audit log and who hears of it; publication dates; moved addresses; the roles.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleStatus, AuditAction, AuditEntry
from articles.services.permissions import EDITORS, WRITERS
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries(article):
    return list(
        AuditEntry.objects.filter(article=article)
        .order_by("at", "id")
        .values_list("action", "from_status", "to_status", "actor__username", "comment")
    )


def reload(article):
    return Article.objects.get(pk=article.pk)


# --- Each step and its audit entry -------------------------------------------------------------


def test_a_writer_submits_their_draft_and_the_step_is_recorded(
    writer, django_capture_on_commit_callbacks
):
    draft = ArticleFactory(draft=True, owner=writer)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft, by=writer, comment="Ready, I think.")

    assert reload(draft).status == ArticleStatus.IN_REVIEW
    assert entries(draft) == [("submit", "draft", "review", "writer", "Ready, I think.")]


def test_submitting_emails_every_editor_but_not_the_writer(
    writer, editor, desk_editor, django_capture_on_commit_callbacks
):
    draft = ArticleFactory(draft=True, owner=writer, title="Rain on the Danube")

    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft, by=writer)

    [message] = mail.outbox
    assert sorted(message.to) == ["chief@example.org", "desk@example.org"]
    assert "Rain on the Danube" in message.subject
    assert reverse("admin:articles_article_change", args=[draft.pk]) in message.body


def test_an_editor_sends_an_essay_back_with_a_comment_the_writer_receives(
    writer, desk_editor, django_capture_on_commit_callbacks
):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_send_back(article=essay, by=desk_editor, comment="Cut the second half.")

    assert reload(essay).status == ArticleStatus.DRAFT
    assert entries(essay) == [
        ("send_back", "review", "draft", "desk-editor", "Cut the second half.")
    ]
    [message] = mail.outbox
    assert message.to == ["writer@example.org"]
    assert "Cut the second half." in message.body


def test_sending_back_needs_a_comment_and_an_essay_in_review(desk_editor):
    in_review = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)
    with pytest.raises(ValidationError, match="needs a comment"):
        services.article_send_back(article=in_review, by=desk_editor, comment="  ")

    draft = ArticleFactory(draft=True)
    with pytest.raises(ValidationError, match="Only an essay in review"):
        services.article_send_back(article=draft, by=desk_editor, comment="Why?")
    assert reload(in_review).status == ArticleStatus.IN_REVIEW
    assert not AuditEntry.objects.exists()


def test_publishing_without_a_date_publishes_now_and_tells_the_owner(
    writer, desk_editor, django_capture_on_commit_callbacks
):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer)
    before = timezone.now().replace(microsecond=0)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=essay, by=desk_editor)

    essay = reload(essay)
    assert essay.is_live and before <= essay.published_at <= timezone.now()
    assert essay.published_at.microsecond == 0
    [entry] = AuditEntry.objects.filter(article=essay)
    assert (entry.action, entry.from_status, entry.to_status) == ("publish", "review", "published")
    assert entry.published_at == essay.published_at
    [message] = mail.outbox
    assert message.to == ["writer@example.org"] and message.subject.endswith(
        f"Published: {essay.title}"
    )


def test_a_scheduled_essay_goes_live_by_itself_when_its_time_comes(desk_editor, monkeypatch):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)
    at = timezone.now() + timedelta(hours=3)
    reader = Client()

    services.article_schedule(article=essay, by=desk_editor, at=at)

    assert reload(essay).publication_state == "Scheduled"
    assert AuditEntry.objects.get(article=essay).action == AuditAction.SCHEDULE
    assert reader.get(essay.get_absolute_url()).status_code == 404
    monkeypatch.setattr(timezone, "now", lambda: at + timedelta(seconds=1))
    assert reader.get(essay.get_absolute_url()).status_code == 200


def test_a_schedule_needs_a_time_in_the_future(desk_editor):
    essay = ArticleFactory(draft=True)

    with pytest.raises(ValidationError, match="future"):
        services.article_schedule(
            article=essay, by=desk_editor, at=timezone.now() - timedelta(minutes=1)
        )
    assert reload(essay).status == ArticleStatus.DRAFT


def test_unpublishing_a_live_essay_keeps_its_date_and_republishing_restores_it(desk_editor):
    essay = ArticleFactory(published_at=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC))

    services.article_unpublish(article=essay, by=desk_editor, comment="Legal asked us to.")
    assert reload(essay).status == ArticleStatus.UNPUBLISHED
    assert Client().get(essay.get_absolute_url()).status_code == 404

    services.article_publish(article=reload(essay), by=desk_editor)
    assert reload(essay).published_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert [e[:3] for e in entries(essay)] == [
        ("unpublish", "published", "unpublished"),
        ("publish", "unpublished", "published"),
    ]


def test_unpublishing_a_scheduled_essay_calls_the_schedule_off(desk_editor):
    essay = ArticleFactory(scheduled=True)

    services.article_unpublish(article=essay, by=desk_editor)

    essay = reload(essay)
    assert essay.status == ArticleStatus.DRAFT and essay.published_at is None


def test_an_editor_reassigns_an_essay_and_the_new_owner_may_edit_it(
    writer, other_writer, desk_editor
):
    draft = ArticleFactory(draft=True, owner=writer)

    services.article_reassign(article=draft, owner=other_writer, by=desk_editor)

    assert reload(draft).owner == other_writer
    assert services.can(other_writer, "edit", reload(draft))
    assert not services.can(writer, "edit", reload(draft))
    assert entries(draft)[0][0] == "reassign"
    with pytest.raises(PermissionDenied):
        services.article_reassign(article=reload(draft), owner=writer, by=other_writer)


def test_creating_an_essay_makes_its_author_the_owner_and_records_it(writer):
    essay = ArticleFactory.build(draft=True, owner=None, category=ArticleFactory().category)

    services.article_save(
        article=essay, by=writer, sections=[services.SectionData("", "One paragraph.")]
    )

    assert essay.owner == writer
    assert entries(essay) == [("create", "", "draft", "writer", "")]


# --- Who may take which step -------------------------------------------------------------------


@pytest.mark.parametrize(
    "step",
    [
        lambda a, by: services.article_publish(article=a, by=by),
        lambda a, by: services.article_schedule(
            article=a, by=by, at=timezone.now() + timedelta(days=1)
        ),
        lambda a, by: services.article_send_back(article=a, by=by, comment="No."),
        lambda a, by: services.article_unpublish(article=a, by=by),
    ],
    ids=["publish", "schedule", "send back", "unpublish"],
)
def test_a_writer_may_take_none_of_the_editors_steps(writer, step):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer)

    with pytest.raises(PermissionDenied):
        step(essay, writer)

    assert reload(essay).status == ArticleStatus.IN_REVIEW
    assert not AuditEntry.objects.exists()


def test_a_writer_may_not_submit_someone_elses_draft(writer, other_writer):
    draft = ArticleFactory(draft=True, owner=other_writer)

    with pytest.raises(PermissionDenied):
        services.article_submit(article=draft, by=writer)
    assert reload(draft).status == ArticleStatus.DRAFT


@pytest.mark.parametrize(
    ("status", "owned", "may_edit"),
    [
        (ArticleStatus.DRAFT, True, True),
        (ArticleStatus.DRAFT, False, False),
        (ArticleStatus.IN_REVIEW, True, False),
        (ArticleStatus.PUBLISHED, True, False),
        (ArticleStatus.UNPUBLISHED, True, False),
    ],
)
def test_a_writer_edits_only_their_own_drafts(writer, other_writer, status, owned, may_edit):
    essay = ArticleFactory(status=status, owner=writer if owned else other_writer)
    essay.title = "Changed by the writer"

    if may_edit:
        services.article_save(article=essay, by=writer)
        assert reload(essay).title == "Changed by the writer"
    else:
        with pytest.raises(PermissionDenied):
            services.article_save(article=essay, by=writer)
        assert reload(essay).title != "Changed by the writer"


def test_the_roles_exist_on_a_fresh_database_with_their_permissions():
    writers = set(Group.objects.get(name=WRITERS).permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))

    assert {"add_article", "change_article"} <= writers
    assert "publish_article" not in writers and "edit_any_article" not in writers
    assert {"publish_article", "edit_any_article", "view_all_drafts", "change_tag",
            "change_category", "change_author", "view_auditentry"} <= editors  # fmt: skip


def test_a_member_of_the_editors_group_may_do_what_an_editor_does(desk_editor, other_writer):
    draft = ArticleFactory(draft=True, owner=other_writer)
    draft.title = "Edited by the desk"

    services.article_save(article=draft, by=desk_editor)
    services.article_publish(article=draft, by=desk_editor)

    assert reload(draft).is_live and reload(draft).title == "Edited by the desk"


# --- Dates --------------------------------------------------------------------------------------


def test_a_date_a_writer_typed_is_not_kept_when_an_editor_publishes(writer, desk_editor):
    draft = ArticleFactory(draft=True, owner=writer)
    draft.published_at = datetime(1999, 1, 1, tzinfo=UTC)
    with pytest.raises(PermissionDenied):
        services.article_save(article=draft, by=writer)

    draft = reload(draft)
    draft.suggested_published_at = datetime(1999, 1, 1, tzinfo=UTC)
    services.article_save(article=draft, by=writer)
    services.articles_publish(articles=Article.objects.filter(pk=draft.pk), by=desk_editor)

    assert reload(draft).published_at.year == timezone.now().year
    assert Client().get(reverse("articles:archive_year", args=[1999])).status_code == 404


def test_dates_are_compared_to_the_second(writer):
    stored = datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    draft = ArticleFactory(draft=True, owner=writer, published_at=stored)
    draft.published_at = stored.replace(microsecond=0)  # what a form sends back
    draft.title = "A typo fixed"

    services.article_save(article=draft, by=writer)

    assert reload(draft).title == "A typo fixed" and reload(draft).published_at == stored
    assert services.same_moment(stored, stored.replace(microsecond=0))
    assert not services.same_moment(stored, stored + timedelta(seconds=1))
    assert not services.same_moment(stored, None) and services.same_moment(None, None)


# --- Moved addresses ---------------------------------------------------------------------------


def test_a_published_essays_old_addresses_redirect_permanently_in_one_hop(desk_editor):
    essay = ArticleFactory(slug="first-address")
    reader = Client()
    for new_slug in ("second-address", "third-address"):
        essay = reload(essay)
        essay.slug = new_slug
        services.article_save(article=essay, by=desk_editor)

    for old in ("first-address", "second-address"):
        response = reader.get(reverse("articles:detail", args=[old]))
        assert response.status_code == 301
        assert response["Location"] == reverse("articles:detail", args=["third-address"])
    assert reader.get(reverse("articles:detail", args=["third-address"])).status_code == 200


def test_a_drafts_old_address_leads_nowhere_and_a_taken_old_address_is_the_new_essays(
    desk_editor,
):
    draft = ArticleFactory(draft=True, slug="working-title")
    draft.slug = "final-title"
    services.article_save(article=draft, by=desk_editor)
    assert Client().get(reverse("articles:detail", args=["working-title"])).status_code == 404

    moved = ArticleFactory(slug="old-home")
    moved.slug = "new-home"
    services.article_save(article=moved, by=desk_editor)
    newcomer = ArticleFactory.build(slug="old-home", draft=True, category=moved.category)
    services.article_save(
        article=newcomer, by=desk_editor, sections=[services.SectionData("", "Text.")]
    )
    services.article_publish(article=newcomer, by=desk_editor)

    response = Client().get(reverse("articles:detail", args=["old-home"]))
    assert response.status_code == 200 and newcomer.title in response.content.decode()


def test_an_unpublished_essays_old_address_does_not_redirect_readers(desk_editor):
    essay = ArticleFactory(slug="was-here")
    essay.slug = "is-here"
    services.article_save(article=essay, by=desk_editor)
    services.article_unpublish(article=reload(essay), by=desk_editor)

    assert Client().get(reverse("articles:detail", args=["was-here"])).status_code == 404


# --- Tags with letters beyond ASCII -------------------------------------------------------------


def test_the_feed_of_a_tag_with_accented_letters_is_reachable():
    ArticleFactory(title="Sunday mornings at the club", tags=["ciné-club"])

    url = reverse("feed_tag", kwargs={"slug": "ciné-club"})
    response = Client().get(url)

    assert response.status_code == 200
    assert "Sunday mornings at the club" in response.content.decode()


def test_only_trusted_code_and_users_with_the_right_may_create():
    nobody = UserFactory(username="nobody")
    essay = ArticleFactory.build(draft=True, category=ArticleFactory().category)

    with pytest.raises(PermissionDenied):
        services.article_save(
            article=essay, by=nobody, sections=[services.SectionData("", "Text.")]
        )
    assert not Article.objects.filter(title=essay.title).exists()
