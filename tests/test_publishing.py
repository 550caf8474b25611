"""What "published" means, and the editorial actions that change it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_returns_only_published_articles_whose_time_has_come():
    live = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    ArticleFactory(status=ArticleStatus.DRAFT, published_at=timezone.now() - timedelta(days=2))

    assert list(Article.objects.published()) == [live]


def test_scheduled_article_is_hidden_until_its_time(client, monkeypatch):
    going_live_at = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=going_live_at)
    url = article.get_absolute_url()

    assert client.get(url).status_code == 404
    assert article not in Article.objects.published()
    assert article in Article.objects.scheduled()

    later = going_live_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert article in Article.objects.published()
    assert client.get(url).status_code == 200


def test_scheduled_article_appears_on_cached_home_page_when_its_time_comes(client, monkeypatch):
    ArticleFactory(title="Already out")
    going_live_at = timezone.now() + timedelta(minutes=30)
    ArticleFactory(title="Coming at noon", published_at=going_live_at)

    first = client.get(reverse("articles:home")).content.decode()
    assert "Already out" in first and "Coming at noon" not in first

    monkeypatch.setattr(timezone, "now", lambda: going_live_at + timedelta(seconds=1))
    assert "Coming at noon" in client.get(reverse("articles:home")).content.decode()


def test_publishing_a_draft_sets_its_date_to_now(editor):
    article = ArticleFactory(draft=True)
    before = timezone.now().replace(microsecond=0)  # dates are kept to the second

    services.article_publish(article=article, by=editor)

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert before <= article.published_at <= timezone.now()
    assert article in Article.objects.published()


def test_publishing_with_a_future_time_schedules(editor):
    article = ArticleFactory(draft=True)
    at = timezone.now() + timedelta(days=1)

    services.article_publish(article=article, by=editor, at=at)

    assert Article.objects.get(pk=article.pk).publication_state == "Scheduled"
    assert article not in Article.objects.published()


def test_unpublishing_hides_the_essay_and_keeps_its_date_for_republishing(editor, client):
    article = ArticleFactory()
    original_date = article.published_at

    services.article_unpublish(article=article, by=editor)
    assert client.get(article.get_absolute_url()).status_code == 404

    services.article_publish(article=article, by=editor)
    article.refresh_from_db()
    assert article.published_at == original_date
    assert client.get(article.get_absolute_url()).status_code == 200


def test_writer_without_publish_permission_cannot_publish(writer):
    article = ArticleFactory(draft=True)

    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=writer)

    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_writer_may_save_their_draft_but_not_reschedule_a_published_essay(writer):
    draft = ArticleFactory(draft=True, owner=writer)
    draft.title = "A better title"
    services.article_save(article=draft, by=writer)
    assert Article.objects.get(pk=draft.pk).title == "A better title"

    live = ArticleFactory(owner=writer)
    original = live.published_at
    live.published_at = original + timedelta(days=10)
    with pytest.raises(PermissionDenied):
        services.article_save(article=live, by=writer)
    assert Article.objects.get(pk=live.pk).published_at == original


def test_slug_is_made_from_the_title_and_kept_unique():
    first = ArticleFactory(title="Light in the north", slug="")
    second = ArticleFactory(title="Light in the North", slug="")

    assert first.slug == "light-in-the-north"
    assert second.slug == "light-in-the-north-2"
