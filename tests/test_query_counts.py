"""Pages fetch what they render up front: the query count does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import caching, related
from tests.factories import ArticleFactory, AuthorFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def build_site(n):
    """One essay with n sections, tags and authors, n essays sharing tags, and one pinned."""
    tags = [f"tag {i}" for i in range(n)]
    article = ArticleFactory(
        paragraphs__skip=True, tags=tags, authors=AuthorFactory.create_batch(n)
    )
    for position in range(1, n + 1):
        SectionFactory(article=article, position=position, paragraphs=3)
    for i in range(n):
        ArticleFactory(tags=tags[: i + 1], authors=[AuthorFactory()])
    RelatedLinkFactory(article=article, target=ArticleFactory(tags=[tags[0]]))
    return article


def queries_for(client, url):
    caching.content_version()  # the shared version lookup is cached across requests
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def twenty_related_uncached(settings):
    """The most related essays a page may show, and every page built afresh."""
    settings.FILMCULTURE = {
        **settings.FILMCULTURE,
        "RELATED_ARTICLES_COUNT": 20,
        "PUBLIC_CACHE_SECONDS": 0,
    }


@pytest.mark.parametrize("page", ["article", "home"])
@pytest.mark.usefixtures("twenty_related_uncached")
def test_query_count_is_the_same_with_1_and_30_of_everything(client, page):
    counts = {}
    for n in (1, 30):
        article = build_site(n)
        url = article.get_absolute_url() if page == "article" else reverse("articles:home")
        counts[n], response = queries_for(client, url)
        if page == "article":
            assert response.content.decode().count('class="related__item"') == min(20, n + 1)
            assert response.content.decode().count('class="article-section"') == n

    assert counts[1] == counts[30] <= MAX_QUERIES, counts


@pytest.mark.usefixtures("twenty_related_uncached")
def test_article_page_reading_stored_related_pools_keeps_the_same_count(client):
    counts = {}
    for n in (1, 30):
        article = build_site(n)
        related.refresh_pools(everything=True)
        counts[n], response = queries_for(client, article.get_absolute_url())
        assert response.content.decode().count('class="related__item"') == min(20, n + 1)

    assert counts[1] == counts[30] <= MAX_QUERIES, counts


def essay_with_pins(published, *, draft=False, unresolved=False):
    """An essay whose related list is only its pinned links: `published` essays, and if
    asked a draft and an unresolved reference among them."""
    article = ArticleFactory()
    targets = ArticleFactory.create_batch(published)
    if draft:
        targets.insert(1, ArticleFactory(title="A pinned draft", draft=True))
    if unresolved:
        targets.insert(3, None)
    for target in targets:
        RelatedLinkFactory(
            article=article, target=target, reference_summary="" if target else "To come."
        )
    return article


@pytest.mark.usefixtures("twenty_related_uncached")
def test_article_page_query_count_does_not_grow_with_its_pinned_links(client):
    counts = {}
    for pinned, published in ((1, 1), (8, 6)):
        article = essay_with_pins(published, draft=pinned > 1, unresolved=pinned > 1)
        assert article.pinned_links.count() == pinned
        counts[pinned], response = queries_for(client, article.get_absolute_url())
        html = response.content.decode()
        assert html.count('class="related__item"') == published
        assert "A pinned draft" not in html

    assert counts[1] == counts[8] <= MAX_QUERIES, counts


def test_cached_page_is_served_without_touching_the_database(client):
    article = build_site(3)
    client.get(article.get_absolute_url())

    count, _ = queries_for(client, article.get_absolute_url())

    assert count == 0
