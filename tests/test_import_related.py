"""
An import leaves Related Articles current: the pools of the essays it wrote are computed
when the run ends, so readers' pages read a stored pool at once (no `refresh_related`), and
the report says so.
"""

import pytest

from articles import related
from articles.models import Article, RelatedCandidate
from tests.factories import ArticleFactory, CategoryFactory
from tests.test_import import import_texts, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def harbour_essays():
    desk = CategoryFactory(name="Festivals", slug="festivals")
    essays = [
        ArticleFactory(title=f"Harbour essay {n}", category=desk, tags=["harbours", f"own {n}"])
        for n in range(3)
    ]
    related.refresh_pools(everything=True)
    return essays


def test_an_imported_essays_related_list_is_stored_and_current_when_the_import_ends(
    harbour_essays,
):
    front = {"category": "festivals", "tags": "harbours, docks", "status": "published"}
    report = import_texts(page_text("Harbour lights", front=front))

    imported = Article.objects.get(title="Harbour lights")
    assert imported.related_state.computed_at is not None
    assert set(
        RelatedCandidate.objects.filter(article=imported).values_list("candidate", flat=True)
    ) == {essay.pk for essay in harbour_essays}
    assert [e.title for e in related.related_articles(imported)] == [
        e.title for e in sorted(harbour_essays, key=lambda e: e.published_at, reverse=True)
    ]
    # Everyone else's list already ranks the new essay among theirs.
    assert imported in related.related_articles(harbour_essays[0])
    assert report.related_refreshed == 1
    assert "related lists brought up to date (1 computed" in report.summary()


def test_a_dry_run_computes_nothing(harbour_essays):
    front = {"category": "festivals", "tags": "harbours", "status": "published"}
    report = import_texts(page_text("Harbour lights", front=front), dry_run=True)
    assert report.related_refreshed == 0
    assert "related lists" not in report.summary()


def test_the_import_page_reports_the_related_lists_brought_up_to_date(
    editor_client, harbour_essays
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    front = {"category": "festivals", "tags": "harbours", "status": "published"}
    upload = SimpleUploadedFile("harbour.txt", page_text("Harbour lights", front=front).encode())
    response = editor_client.post(reverse("admin:articles_article_import"), {"files": upload})
    assert "Related lists brought up to date" in response.content.decode()
    assert "1 computed in" in response.content.decode()
