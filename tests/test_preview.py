"""
Previews: the live preview of the unsaved form with the reader template, and preview links
that let someone without an account read a draft until the link expires or is revoked.
"""

from datetime import datetime, timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PreviewLink, Revision, Section
from articles.services import previews
from tests.admin_forms import change_url, essay_form, new_essay_form
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
NOINDEX_META = '<meta name="robots" content="noindex">'


def live_preview_url(article=None):
    if article is None:
        return reverse("admin:articles_article_live_preview_new")
    return reverse("admin:articles_article_live_preview", args=[article.pk])


def writes_in(captured):
    return [
        q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def assert_never_cached_nor_indexed(response):
    assert "no-store" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert NOINDEX_META in response.content.decode()


@pytest.fixture
def draft(writer):
    return ArticleFactory(draft=True, owner=writer, title="A draft on night trains")


def link_for(article, by):
    return previews.preview_link_create(article=article, by=by)


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


# --- Live preview ---------------------------------------------------------------------------


def test_live_preview_shows_the_typed_title_and_section_text_and_saves_nothing(
    editor_client, draft
):
    body_before = draft.sections.get().body
    data = essay_form(
        draft,
        title="Sleeper carriages, unsaved",
        **{"sections-0-body": "A sentence typed but never saved.\n\nAnd a second paragraph."},
    )

    with CaptureQueriesContext(connection) as captured:
        response = editor_client.post(live_preview_url(draft), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert '<h1 class="essay__title">Sleeper carriages, unsaved</h1>' in html
    assert "<p>A sentence typed but never saved.</p>" in html
    assert "Preview — not saved" in html
    assert writes_in(captured) == []
    assert not Revision.objects.filter(article=draft).exists()
    assert reload(draft).title == "A draft on night trains"
    assert [s.body for s in Section.objects.filter(article=draft)] == [body_before]


def test_live_preview_of_a_new_essay_needs_no_section_standfirst_or_slug(editor_client):
    data = new_essay_form(
        CategoryFactory(),
        title="Half an idea",
        slug="",
        standfirst="",
        tags="brand new tag, silent era",
        sections=[(1, "A heading", "Only this so far.")],
    )
    data["category"] = ""

    response = editor_client.post(live_preview_url(), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Half an idea" in html and "<h2>A heading</h2>" in html
    assert "Only this so far." in html and "brand new tag" in html
    assert not Article.objects.exists()


def test_live_preview_shows_what_it_can_of_a_form_full_of_mistakes(editor_client, draft):
    data = essay_form(
        draft,
        title="x" * 400,
        slug="not a slug!",
        category="999999",
        published_at_0="not a date",
        tags="!!!, fine tag",
        **{"sections-0-body": "", "sections-TOTAL_FORMS": "nonsense"},
    )

    response = editor_client.post(live_preview_url(draft), data)

    assert response.status_code == 200
    assert "x" * 400 in response.content.decode()


def test_live_preview_lists_pinned_essays_as_typed(editor_client, draft):
    companion = ArticleFactory(title="The companion essay")
    data = essay_form(
        draft,
        **{
            "pinned_links-TOTAL_FORMS": "1",
            "pinned_links-0-position": "1",
            "pinned_links-0-target": str(companion.pk),
        },
    )

    response = editor_client.post(live_preview_url(draft), data)

    assert ">The companion essay</a>" in response.content.decode()
    assert not draft.pinned_links.exists()


def test_live_preview_is_never_cached_nor_indexed(editor_client, draft):
    response = editor_client.post(live_preview_url(draft), essay_form(draft))
    assert_never_cached_nor_indexed(response)


def test_a_writer_may_preview_their_own_draft_but_not_someone_elses(
    writer_client, draft, other_writer
):
    theirs = ArticleFactory(draft=True, owner=other_writer)

    assert writer_client.post(live_preview_url(draft), essay_form(draft)).status_code == 200
    assert writer_client.post(live_preview_url(theirs), essay_form(theirs)).status_code == 403


def test_live_preview_answers_only_posts(editor_client, draft):
    assert editor_client.get(live_preview_url(draft)).status_code == 405


def test_the_change_form_offers_the_preview_panel_and_a_new_tab(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()

    assert 'class="live-preview__toggle"' in html
    assert f'formaction="{live_preview_url(draft)}"' in html
    assert 'formtarget="_blank"' in html and 'sandbox="allow-same-origin"' in html


def test_the_add_form_previews_through_the_new_essay_endpoint(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'data-url="{live_preview_url()}"' in html


def test_no_preview_panel_for_an_essay_the_user_may_only_read(writer_client):
    published = ArticleFactory()
    html = writer_client.get(change_url(published)).content.decode()
    assert "live-preview__toggle" not in html and "preview-links" not in html


def test_view_on_site_opens_a_new_tab_so_typed_text_is_kept(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()
    assert 'class="viewsitelink" target="_blank" rel="noopener"' in html


# --- Preview links ----------------------------------------------------------------------------


def test_a_valid_link_shows_the_saved_draft_to_an_anonymous_reader(client, draft, writer):
    link = link_for(draft, writer)

    response = client.get(previews.preview_link_url(link))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="essay__title">A draft on night trains</h1>' in html
    assert "Shared preview: not yet published" in html
    assert_never_cached_nor_indexed(response)


def test_a_link_works_for_seven_days_unless_configured_otherwise(draft, writer, settings):
    link = link_for(draft, writer)
    assert link.expires_at - link.created_at == timedelta(days=7)

    settings.FILMCULTURE = {**settings.FILMCULTURE, "PREVIEW_LINK_DAYS": 2}
    assert link_for(draft, writer).expires_at - link.created_at < timedelta(days=2, seconds=5)


def test_an_expired_link_is_refused_with_its_expiry_date(client, draft, writer):
    link = link_for(draft, writer)
    expired = timezone.make_aware(datetime(2025, 3, 3, 12, 0))
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=expired)

    response = client.get(previews.preview_link_url(link))

    html = response.content.decode()
    assert response.status_code == 410
    assert "This preview link has expired" in html and "March 3, 2025" in html
    assert "A draft on night trains" not in html
    assert_never_cached_nor_indexed(response)


def test_a_revoked_link_is_refused(client, draft, editor):
    link = link_for(draft, editor)
    url = previews.preview_link_url(link)
    previews.preview_link_revoke(link=link, by=editor)

    response = client.get(url)

    assert response.status_code == 410
    assert "revoked" in response.content.decode()
    assert_never_cached_nor_indexed(response)


@pytest.mark.parametrize("tamper", ["flip", "garbage", "unknown"])
def test_a_tampered_or_unknown_link_is_not_found(client, draft, writer, tamper):
    link = link_for(draft, writer)
    token = previews.preview_link_token(link)
    token = {
        "flip": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "garbage": "not-a-token",
        "unknown": signing.Signer(salt=previews.SALT).sign_object(link.pk + 1000),
    }[tamper]

    response = client.get(reverse("articles:shared_preview", kwargs={"token": token}))

    assert response.status_code == 404
    assert "This preview link does not work" in response.content.decode()
    assert_never_cached_nor_indexed(response)


def test_a_shared_preview_is_not_kept_in_the_public_page_cache(client, draft, writer):
    url = previews.preview_link_url(link_for(draft, writer))
    client.get(url)
    # Behind the services' back, so that nothing invalidates cached pages.
    Article.objects.filter(pk=draft.pk).update(title="Retitled since")

    assert "Retitled since" in client.get(url).content.decode()


def test_a_writer_cannot_share_someone_elses_draft(client, draft, other_writer):
    client.force_login(other_writer)
    url = reverse("admin:articles_article_preview_link_create", args=[draft.pk])

    assert client.post(url).status_code == 403
    with pytest.raises(PermissionDenied):
        link_for(draft, other_writer)
    assert not PreviewLink.objects.exists()


def test_an_editor_creates_a_link_and_finds_it_on_the_change_page(editor_client, draft):
    response = editor_client.post(
        reverse("admin:articles_article_preview_link_create", args=[draft.pk]), follow=True
    )

    link = PreviewLink.objects.get(article=draft)
    full_url = "http://testserver" + previews.preview_link_url(link)
    assert response.redirect_chain[-1][0] == change_url(draft) + "#preview-links"
    html = response.content.decode()
    assert "Preview link created. Anyone who has it can read" in html
    assert f'value="{full_url}"' in html
    assert reverse("admin:articles_article_preview_link_revoke", args=[draft.pk, link.pk]) in html


def test_a_writer_cannot_revoke_an_editors_link(writer_client, writer, draft, desk_editor):
    link = link_for(draft, desk_editor)
    revoke = reverse("admin:articles_article_preview_link_revoke", args=[draft.pk, link.pk])

    page = writer_client.get(change_url(draft)).content.decode()
    assert writer_client.post(revoke).status_code == 403
    with pytest.raises(PermissionDenied):
        previews.preview_link_revoke(link=link, by=writer)
    assert revoke not in page
    assert reload(link).revoked_at is None


@pytest.mark.parametrize("revoker", ["writer", "desk_editor"])
def test_the_links_creator_or_an_editor_may_revoke_it(client, request, writer, draft, revoker):
    link = link_for(draft, writer)
    by = request.getfixturevalue(revoker)
    client.force_login(by)

    response = client.post(
        reverse("admin:articles_article_preview_link_revoke", args=[draft.pk, link.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == change_url(draft) + "#preview-links"
    link = reload(link)
    assert link.revoked_at is not None and link.revoked_by == by
    assert client.get(previews.preview_link_url(link)).status_code == 410


def test_revoked_and_expired_links_leave_the_change_page(editor_client, draft, editor):
    kept, revoked, expired = (link_for(draft, editor) for _ in range(3))
    previews.preview_link_revoke(link=revoked, by=editor)
    PreviewLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())

    html = editor_client.get(change_url(draft)).content.decode()

    assert previews.preview_link_url(kept) in html
    assert previews.preview_link_url(revoked) not in html
    assert previews.preview_link_url(expired) not in html
