"""Editors see, on an essay's admin page, the related list readers get, and steer it there."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import RelatedLink
from tests.factories import ArticleFactory, RelatedLinkFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def action_url(article, name):
    return reverse(f"admin:articles_article_related_{name}", args=[article.pk])


def panel_rows(client, article):
    """The panel's rows as (title, why, shared tags, score)."""
    html = client.get(change_url(article)).content.decode()
    panel = html[html.index('id="related-panel"') :]
    return [
        (title, why, tags, score)
        for title, why, tags, score in re.findall(
            r'<td><a href="[^"]+">([^<]+)</a></td>\s*<td>(Pinned|Computed)</td>\s*'
            r'<td class="related-panel__tags">([^<]*)</td>\s*'
            r'<td class="related-panel__score">([^<]*)</td>',
            panel,
        )
    ]


@pytest.fixture
def essay_with_related():
    """An essay with one pinned essay and two computed ones, the rarer shared tag first."""
    now = timezone.now()
    essay = ArticleFactory(title="Harbour lights", tags=["basque cinema", "festivals"])
    pinned = ArticleFactory(title="Pinned essay", tags=["opera"])
    rare = ArticleFactory(
        title="Shares the rare tag", tags=["basque cinema"], published_at=now - timedelta(days=9)
    )
    common = ArticleFactory(
        title="Shares the common tag", tags=["festivals"], published_at=now - timedelta(days=1)
    )
    ArticleFactory.create_batch(3, tags=["festivals"], published_at=now - timedelta(days=30))
    RelatedLinkFactory(article=essay, target=pinned, position=1)
    return SimpleNamespace(essay=essay, pinned=pinned, rare=rare, common=common)


def test_panel_lists_what_readers_get_with_shared_tags_and_scores(
    editor_client, essay_with_related
):
    rows = panel_rows(editor_client, essay_with_related.essay)

    # 7 published essays: "basque cinema" on 2 weighs ln(1 + 7/2), "festivals" on 5 ln(1 + 7/5).
    assert rows[:3] == [
        ("Pinned essay", "Pinned", "none", "0.00"),
        ("Shares the rare tag", "Computed", "basque cinema", "1.50"),
        ("Shares the common tag", "Computed", "festivals", "0.88"),
    ]
    assert len(rows) == 6


def test_pinning_a_computed_essay_puts_it_after_the_pinned_ones(editor_client, essay_with_related):
    essay, common = essay_with_related.essay, essay_with_related.common

    response = editor_client.post(action_url(essay, "pin"), {"target": common.pk}, follow=True)

    assert response.redirect_chain == [(change_url(essay) + "#related-panel", 302)]
    assert "Pinned “Shares the common tag”" in response.content.decode()
    assert [row[:2] for row in panel_rows(editor_client, essay)[:3]] == [
        ("Pinned essay", "Pinned"),
        ("Shares the common tag", "Pinned"),
        ("Shares the rare tag", "Computed"),
    ]


def test_unpinning_returns_an_essay_to_the_computed_list_or_out_of_it(
    editor_client, essay_with_related
):
    essay, pinned = essay_with_related.essay, essay_with_related.pinned

    editor_client.post(action_url(essay, "unpin"), {"target": pinned.pk})

    assert not RelatedLink.objects.filter(article=essay).exists()
    assert "Pinned essay" not in [row[0] for row in panel_rows(editor_client, essay)]


def test_moving_pinned_essays_up_and_down_changes_readers_order(editor_client):
    essay = ArticleFactory()
    first, second, third = (ArticleFactory(title=t) for t in ("First", "Second", "Third"))
    for position, target in enumerate([first, second, third], start=1):
        RelatedLinkFactory(article=essay, target=target, position=position)

    editor_client.post(action_url(essay, "move"), {"target": third.pk, "direction": "up"})
    editor_client.post(action_url(essay, "move"), {"target": first.pk, "direction": "down"})

    assert [row[0] for row in panel_rows(editor_client, essay)] == ["Third", "First", "Second"]
    html = editor_client.get(essay.get_absolute_url()).content.decode()
    assert re.findall(r'class="related__title"><a href="[^"]+">([^<]+)</a>', html) == [
        "Third",
        "First",
        "Second",
    ]


def test_the_first_pinned_essay_cannot_move_up(editor_client):
    essay = ArticleFactory()
    only = ArticleFactory(title="Only one")
    RelatedLinkFactory(article=essay, target=only)

    response = editor_client.post(
        action_url(essay, "move"), {"target": only.pk, "direction": "up"}, follow=True
    )

    assert "“Only one” cannot move further up." in response.content.decode()


def test_pinning_the_essay_itself_or_an_unknown_one_is_refused_with_a_message(editor_client):
    essay = ArticleFactory()

    itself = editor_client.post(action_url(essay, "pin"), {"target": essay.pk}, follow=True)
    unknown = editor_client.post(action_url(essay, "pin"), {"target": 999999}, follow=True)

    assert "An essay cannot be related to itself." in itself.content.decode()
    assert "That essay no longer exists." in unknown.content.decode()
    assert not RelatedLink.objects.exists()


def test_the_buttons_only_answer_posts(editor_client):
    essay = ArticleFactory()

    assert editor_client.get(action_url(essay, "pin")).status_code == 405


def test_staff_who_may_not_change_essays_are_refused(client):
    essay = ArticleFactory()
    target = ArticleFactory()
    client.force_login(UserFactory(permissions=["view_article"]))

    response = client.post(action_url(essay, "pin"), {"target": target.pk})

    assert response.status_code == 403
    assert not RelatedLink.objects.exists()


def test_a_writer_may_pin_on_their_own_draft(writer_client, writer):
    essay, target = ArticleFactory(draft=True, owner=writer), ArticleFactory()

    writer_client.post(action_url(essay, "pin"), {"target": target.pk})

    assert RelatedLink.objects.get().target == target


@pytest.mark.parametrize("name", ["pin", "unpin", "move"])
def test_a_writer_may_not_change_the_related_reading_of_a_live_or_someone_elses_essay(
    writer_client, other_writer, name
):
    live = ArticleFactory()
    others_draft = ArticleFactory(draft=True, owner=other_writer)
    target = ArticleFactory(title="Pinned already")
    for essay in (live, others_draft):
        RelatedLinkFactory(article=essay, target=target, position=1)
        RelatedLinkFactory(article=essay, target=ArticleFactory(), position=2)
    before = list(RelatedLink.objects.order_by("pk").values_list("article", "target", "position"))

    for essay in (live, others_draft):
        response = writer_client.post(
            action_url(essay, name), {"target": target.pk, "direction": "down"}
        )
        assert response.status_code == 403

    after = list(RelatedLink.objects.order_by("pk").values_list("article", "target", "position"))
    assert after == before


def test_the_buttons_need_the_csrf_token(editor):
    essay, target = ArticleFactory(), ArticleFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(action_url(essay, "pin"), {"target": target.pk}).status_code == 403


def test_pinned_links_stay_editable_in_the_inline(editor_client):
    essay = ArticleFactory()
    RelatedLinkFactory(article=essay, target=ArticleFactory(title="Inline pin"))

    html = editor_client.get(change_url(essay)).content.decode()

    assert "Pinned related essays (shown first, in this order)" in html
    assert 'name="pinned_links-0-target"' in html


def test_a_new_essay_has_no_panel_until_it_is_saved(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()

    assert "Related Articles readers see" not in html
