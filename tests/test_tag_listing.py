"""
A tag's page lists its essays from the dates kept on their taggings: every change the
services make (publishing, scheduling, unpublishing, a new date, new tags, a merge) shows
there, and a scheduled essay appears at its time with no write at all.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, Tag
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}


def draft(editor, title, tags):
    return services.article_save(
        article=Article(title=title, standfirst="One line.", category=CategoryFactory()),
        by=editor,
        sections=[services.SectionData("", "A paragraph.")],
        tags=tags,
    )


def tag_page(client, slug="silent-film"):
    response = client.get(f"/tags/{slug}/")
    return response.content.decode() if response.status_code == 200 else ""


def test_publishing_and_unpublishing_show_on_the_tag_page(client, editor):
    essay = draft(editor, "Intertitles as poetry", ["silent film"])
    assert "Intertitles as poetry" not in tag_page(client)

    services.article_publish(article=essay, by=editor)
    assert "Intertitles as poetry" in tag_page(client)

    services.article_unpublish(article=essay, by=editor)
    assert "Intertitles as poetry" not in tag_page(client)


def test_a_scheduled_essay_appears_at_its_time_without_any_write(client, editor, monkeypatch):
    services.article_publish(
        article=draft(editor, "Early colour", ["silent film"]), by=editor
    )  # the tag page exists
    at = timezone.now() + timedelta(hours=2)
    services.article_schedule(article=draft(editor, "Tinted prints", ["silent film"]),
                              by=editor, at=at)  # fmt: skip
    assert "Tinted prints" not in tag_page(client)

    later = at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Tinted prints" in tag_page(client)


def test_the_newest_date_comes_first_after_a_date_change(client, editor):
    now = timezone.now()
    older = services.article_publish(
        article=draft(editor, "Older", ["silent film"]), by=editor, at=now - timedelta(days=2)
    )
    services.article_publish(
        article=draft(editor, "Newer", ["silent film"]), by=editor, at=now - timedelta(days=1)
    )
    html = tag_page(client)
    assert html.index("Newer") < html.index("Older")

    older = Article.objects.get(pk=older.pk)
    older.published_at = now - timedelta(hours=1)
    services.article_save(article=older, by=editor)
    html = tag_page(client)
    assert html.index("Older") < html.index("Newer")


def test_tags_added_to_a_published_essay_and_merged_tags_list_it(client, editor):
    essay = services.article_publish(article=draft(editor, "Nitrate", ["archives"]), by=editor)
    services.article_save(article=Article.objects.get(pk=essay.pk), by=editor,
                          tags=["archives", "film stock"])  # fmt: skip
    assert "Nitrate" in tag_page(client, "film-stock")

    services.tag_merge(
        tags=[Tag.objects.get(slug="film-stock")], into=Tag.objects.get(slug="archives"), by=editor
    )
    assert "Nitrate" in tag_page(client, "archives")
