"""
The roles on every admin path: what a writer is offered, and what a hand-made request
that breaks a rule gets (403, with nothing changed).
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.importing.importer import import_pages
from articles.importing.sources import PageSource
from articles.models import Article, ArticleStatus, AuditEntry
from tests.admin_forms import ADD_URL, change_url, essay_form, new_essay_form, split_datetime
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def snapshot(article):
    return Article.objects.filter(pk=article.pk).values().get()


# --- A writer's hand-made POSTs -----------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"_transition": "publish"},
        {"_transition": "publish", **split_datetime(timezone.now() + timedelta(days=2),
                                                    "published_at")},
        split_datetime(datetime(1999, 1, 1, tzinfo=UTC), "published_at"),
        {"_transition": "send_back", "transition_comment": "Self-review."},
        {"_transition": "unpublish"},
        {"_transition": "no-such-step"},
    ],
    ids=["publish", "schedule", "backdate", "send back", "unpublish", "unknown step"],
)  # fmt: skip
def test_a_writers_crafted_post_on_their_own_draft_is_refused_and_changes_nothing(
    writer_client, writer, overrides
):
    draft = ArticleFactory(draft=True, owner=writer)
    before = snapshot(draft)

    response = writer_client.post(
        change_url(draft), essay_form(draft, title="Changed on the way", **overrides)
    )

    assert response.status_code == 403
    assert snapshot(draft) == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "essay_kind", ["someone else's draft", "live essay", "own essay in review", "own unpublished"]
)
def test_a_writer_may_not_edit_what_is_not_their_draft(
    writer_client, writer, other_writer, essay_kind
):
    essay = {
        "someone else's draft": lambda: ArticleFactory(draft=True, owner=other_writer),
        "live essay": lambda: ArticleFactory(owner=writer),
        "own essay in review": lambda: ArticleFactory(
            status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer
        ),
        "own unpublished": lambda: ArticleFactory(status=ArticleStatus.UNPUBLISHED, owner=writer),
    }[essay_kind]()
    before = snapshot(essay)

    response = writer_client.post(
        change_url(essay), essay_form(essay, title="Overwritten", _transition="unpublish")
    )

    assert response.status_code == 403
    assert snapshot(essay) == before


def test_a_writer_cannot_see_another_writers_draft_anywhere_in_the_admin(
    writer_client, other_writer
):
    hidden = ArticleFactory(draft=True, owner=other_writer, title="Someone else's secret")
    ArticleFactory(title="A published essay")

    listing = writer_client.get(CHANGELIST).content.decode()

    assert "Someone else's secret" not in listing and "A published essay" in listing
    assert writer_client.get(change_url(hidden)).status_code == 403
    preview = reverse("articles:preview", kwargs={"slug": hidden.slug})
    assert writer_client.get(preview).status_code == 403


def test_a_writer_who_may_see_all_drafts_sees_them_but_still_may_not_edit_them(
    client, other_writer
):
    curious = UserFactory(username="curious", permissions=["view_article", "change_article",
                                                           "view_all_drafts"])  # fmt: skip
    client.force_login(curious)
    draft = ArticleFactory(draft=True, owner=other_writer, title="Open to the desk")

    assert "Open to the desk" in client.get(CHANGELIST).content.decode()
    assert client.post(change_url(draft), essay_form(draft, title="x")).status_code == 403


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "delete_selected"])
def test_a_writers_crafted_bulk_action_is_refused_and_changes_nothing(
    writer_client, other_writer, action
):
    essays = [ArticleFactory(draft=True, owner=other_writer), ArticleFactory()]
    before = [snapshot(essay) for essay in essays]

    response = writer_client.post(
        CHANGELIST, {"action": action, "_selected_action": [e.pk for e in essays], "post": "yes"}
    )

    assert response.status_code == 403
    assert [snapshot(essay) for essay in essays] == before


def test_a_writer_deleting_another_writers_draft_by_hand_is_refused(writer_client, other_writer):
    draft = ArticleFactory(draft=True, owner=other_writer)

    response = writer_client.post(
        reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()


def test_a_writer_may_delete_their_own_draft(writer_client, writer):
    draft = ArticleFactory(draft=True, owner=writer)

    writer_client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})

    assert not Article.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.get().action == "delete"


# --- What the interface offers -----------------------------------------------------------------


def test_a_writer_is_offered_submit_for_review_and_never_publish(writer_client, writer):
    draft = ArticleFactory(draft=True, owner=writer)

    html = writer_client.get(change_url(draft)).content.decode()
    add_html = writer_client.get(ADD_URL).content.decode()

    for page in (html, add_html):
        assert 'name="_transition" value="submit"' in page
        assert 'value="publish"' not in page and 'value="unpublish"' not in page
        assert 'name="status"' not in page
        assert 'name="suggested_published_at_0"' in page
        assert 'type="hidden" name="published_at_0"' in page
    actions = writer_client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in actions


def test_an_editor_is_offered_publish_and_send_back_on_an_essay_in_review(editor_client):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)

    html = editor_client.get(change_url(essay)).content.decode()

    assert 'value="publish"' in html and 'value="send_back"' in html
    assert 'value="submit"' not in html and 'value="unpublish"' not in html
    assert 'name="owner"' in html


def test_an_editor_sees_the_writers_suggested_date_to_confirm(editor_client, writer):
    suggested = timezone.now().replace(microsecond=0) + timedelta(days=5)
    essay = ArticleFactory(
        status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer,
        suggested_published_at=suggested,
    )  # fmt: skip

    html = editor_client.get(change_url(essay)).content.decode()

    assert "The writer suggests" in html
    assert f'value="{timezone.localtime(suggested):%Y-%m-%d}"' in html


# --- The workflow through the form -------------------------------------------------------------


def test_a_writer_writes_and_submits_a_new_essay_from_the_add_form(
    writer_client, writer, desk_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = writer_client.post(
            ADD_URL, new_essay_form(CategoryFactory(), _transition="submit")
        )

    assert response.status_code == 302
    essay = Article.objects.get()
    assert (essay.owner, essay.status, essay.published_at) == (writer, "review", None)
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "create", "submit",
    ]  # fmt: skip


def test_an_editor_sends_back_from_the_form_and_a_comment_is_required(
    editor_client, writer, django_capture_on_commit_callbacks
):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer)

    refused = editor_client.post(change_url(essay), essay_form(essay, _transition="send_back"))
    assert refused.status_code == 200
    assert "sending back needs a comment" in refused.content.decode()
    assert Article.objects.get(pk=essay.pk).status == ArticleStatus.IN_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            change_url(essay),
            essay_form(essay, _transition="send_back", transition_comment="Tighten the ending."),
        )
    assert Article.objects.get(pk=essay.pk).status == ArticleStatus.DRAFT
    assert AuditEntry.objects.get(action="send_back").comment == "Tighten the ending."


def test_an_editor_schedules_from_the_form_with_a_future_date(editor_client):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)
    at = (timezone.now() + timedelta(days=2)).replace(microsecond=0, second=0)

    editor_client.post(
        change_url(essay),
        essay_form(essay, _transition="publish", **split_datetime(at, "published_at")),
    )

    essay = Article.objects.get(pk=essay.pk)
    assert essay.is_scheduled and essay.published_at == at
    assert AuditEntry.objects.get(article=essay, action="schedule").published_at == at


def test_the_change_page_shows_the_essays_history(editor_client, writer):
    essay = ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None, owner=writer)
    AuditEntry.objects.create(
        article=essay, article_title=essay.title, actor=writer, at=timezone.now(),
        action="submit", from_status="draft", to_status="review", comment="Over to you.",
    )  # fmt: skip

    html = editor_client.get(change_url(essay)).content.decode()

    assert 'id="workflow-history"' in html
    assert "Submitted for review" in html and "Over to you." in html and "In review" in html


# --- Import by someone who may only add ---------------------------------------------------------


def page(slug, title, status=""):
    front = f"---\nslug: {slug}\ncategory: desk\n" + (f"status: {status}\n" if status else "")
    return (
        front + f"---\n{title}\nA standfirst for the page.\nJuly 23, 2025\nOne paragraph.\n"
    ).encode()


def test_an_add_only_user_cannot_overwrite_an_essay_by_importing_its_slug(client):
    CategoryFactory(name="Desk", slug="desk")
    live = ArticleFactory(slug="harbour-lights", title="Harbour lights")
    adder = UserFactory(username="adder", permissions=["add_article", "view_article"])

    report = import_pages(
        [PageSource("overwrite.txt", lambda: page("harbour-lights", "Rewritten"))], by=adder
    )

    [failure] = report.failures
    assert failure.filename == "overwrite.txt"
    assert "“Harbour lights” has this slug, and you may not change the essay" in failure.reason
    assert Article.objects.get(pk=live.pk).title == "Harbour lights"


def test_a_writer_may_import_over_their_own_draft_but_not_publish_it(writer):
    CategoryFactory(name="Desk", slug="desk")
    own = ArticleFactory(draft=True, owner=writer, slug="my-draft", title="Old")

    ok = import_pages([PageSource("a.txt", lambda: page("my-draft", "New title"))], by=writer)
    refused = import_pages(
        [PageSource("b.txt", lambda: page("my-draft", "Newer", "published"))], by=writer
    )

    assert ok.updated == 1 and Article.objects.get(pk=own.pk).title == "New title"
    assert "publishing an essay" in str(refused.failures[0])
    assert Article.objects.get(pk=own.pk).status == ArticleStatus.DRAFT
