"""Pages fetch what they render up front: the query count does not grow with the data."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import caching, related, services
from articles.models import ArticleRendering
from tests.factories import ArticleFactory, AuthorFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db

# Each public page's queries, pinned. The essay: itself with its section, related state
# and stored rendering; its tags, live pins and computed related list; the header's
# sections. A list: its owner, one page of essays with their sections and stored cards
# (read one past its end: no count; an empty first page of a tag or author is their 404),
# the header's sections; archives add the next and previous month or year.
QUERIES = {
    "article": 5,
    "home": 2,
    "category": 3,
    "tag": 3,
    "author": 3,
    "archive year": 5,
    "archive month": 5,
}
ESSAY_QUERIES = QUERIES["article"]
JULY_2025 = datetime(2025, 7, 10, 9, 0, tzinfo=UTC)


def build_site(n, *, stored=True):
    """
    One essay with n sections, tags and authors, and 1 or 10 pinned essays; n more essays in its
    section, month, tag and author's lists, each with up to n tags and two authors. With
    `stored`, related pools and page renderings are up to date, as the services and the
    periodic refresh keep them.
    """
    critic = AuthorFactory(name="Ines Varga", slug="ines-varga")
    tags = ["shared"] + [f"tag {i}" for i in range(1, n)]
    article = ArticleFactory(
        paragraphs__skip=True,
        tags=tags,
        authors=[critic, *AuthorFactory.create_batch(n - 1)],
        published_at=JULY_2025,
    )
    for position in range(1, n + 1):
        SectionFactory(article=article, position=position, paragraphs=3)
    for i in range(n):
        ArticleFactory(
            tags=tags[: i + 1],
            authors=[critic, AuthorFactory()],
            category=article.category,
            published_at=JULY_2025 + timedelta(hours=i + 1),
        )
    for _ in range(pins_for(n)):
        target = ArticleFactory(tags=["pinned only"], published_at=JULY_2025 - timedelta(days=400))
        RelatedLinkFactory(article=article, target=target)
    if stored:
        related.refresh_pools(everything=True)
        services.renderings_refresh(by=None)
    return article


def pins_for(n):
    """Pinned essays: few enough to leave room in a list of 20 for computed ones."""
    return 1 if n == 1 else 10


def urls_of(article):
    return {
        "article": article.get_absolute_url(),
        "home": reverse("articles:home"),
        "category": article.category.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "shared"}),
        "author": reverse("articles:author", kwargs={"slug": "ines-varga"}),
        "archive year": reverse("articles:archive_year", args=[2025]),
        "archive month": reverse("articles:archive_month", args=[2025, 7]),
    }


def queries_for(client, url):
    caching.content_version()  # the shared version lookup is cached across requests
    # The header's sections as a process sees them first, or after a section changed: read
    # (later pages of the same process reuse them, see below).
    caching.content_changed(sections=True)
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


@pytest.mark.parametrize("page", list(QUERIES))
@pytest.mark.usefixtures("twenty_related_uncached")
def test_each_public_page_runs_the_same_queries_with_1_and_30_of_everything(client, page):
    counts = {}
    for n in (1, 30):
        with transaction.atomic():
            article = build_site(n)
            counts[n], response = queries_for(client, urls_of(article)[page])
            transaction.set_rollback(True)
        html = response.content.decode()
        if page == "article":
            assert html.count('class="related__item"') == min(20, pins_for(n) + n)
            assert html.count('class="article-section"') == n
            assert html.count('rel="tag"') == n
        else:
            # The pinned essays are in the same section, dated otherwise and untagged.
            listed = n + 1 + pins_for(n) if page in ("home", "category") else n + 1
            assert html.count('class="card"') == min(12, listed), page

    assert counts[1] == counts[30] == QUERIES[page], counts


@pytest.mark.usefixtures("twenty_related_uncached")
def test_article_page_computing_its_list_live_keeps_the_same_count(client):
    """Before the first related refresh and page rendering (a factory-made site)."""
    counts = {}
    for n in (1, 30):
        with transaction.atomic():
            article = build_site(n, stored=False)
            counts[n], response = queries_for(client, article.get_absolute_url())
            transaction.set_rollback(True)
        expected = min(20, pins_for(n) + n)
        assert response.content.decode().count('class="related__item"') == expected

    assert counts[1] == counts[30], counts


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

    assert counts[1] == counts[8], counts


def test_cached_page_is_served_without_touching_the_database(client):
    article = build_site(3)
    client.get(article.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())

    assert len(queries) == 0


@pytest.mark.usefixtures("twenty_related_uncached")
@pytest.mark.parametrize("page", ["home", "category", "tag", "author"])
def test_lists_whose_bylines_are_not_stored_fetch_their_authors_once(client, page):
    """Stored bylines outdated (say, right after the ad settings changed): each card still
    names its authors, from one more query for the whole page."""
    counts = {}
    for n in (1, 30):
        with transaction.atomic():
            article = build_site(n)
            ArticleRendering.objects.update(layout="outdated")
            counts[n], response = queries_for(client, urls_of(article)[page])
            transaction.set_rollback(True)
        assert 'href="/authors/ines-varga/">Ines Varga</a>' in response.content.decode()

    assert counts[1] == counts[30] == QUERIES[page] + 1, counts


@pytest.mark.usefixtures("twenty_related_uncached")
def test_the_headers_sections_are_read_once_until_a_section_changes(client, editor):
    article = build_site(1)
    url = article.get_absolute_url()
    first, _ = queries_for(client, url)
    with CaptureQueriesContext(connection) as later:
        client.get(url)

    category = article.category
    category.name = "Dispatches"
    services.category_save(category=category, by=editor)
    with CaptureQueriesContext(connection) as after_change:
        response = client.get(url)

    assert len(later) == first - 1
    assert len(after_change) == first
    assert '<li><a href="/sections/' in response.content.decode()
    assert ">Dispatches</a></li>" in response.content.decode()
