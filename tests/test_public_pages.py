"""Every reader-facing page answers, lists only what readers may see, and hides the rest."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import caching
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return CategoryFactory(name="Festivals", description="Dispatches from the festival circuit.")


@pytest.fixture
def critic():
    return AuthorFactory(name="Ines Varga", slug="ines-varga", bio="Writes on festivals.")


@pytest.fixture
def published(desk, critic):
    return ArticleFactory(
        title="Night screenings at the harbour",
        category=desk,
        authors=[critic],
        tags=["open-air cinema", "festivals"],
        published_at=datetime(2025, 7, 23, 9, 30, tzinfo=UTC),
    )


@pytest.fixture
def hidden(desk, critic):
    draft = ArticleFactory(
        title="Unfinished notes on a retrospective",
        category=desk,
        authors=[critic],
        tags=["festivals"],
        draft=True,
    )
    scheduled = ArticleFactory(
        title="A retrospective still to come",
        category=desk,
        authors=[critic],
        tags=["festivals"],
        scheduled=True,
    )
    return [draft, scheduled]


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:home"),
        reverse("articles:category", kwargs={"slug": "festivals"}),
        reverse("articles:tag", kwargs={"slug": "festivals"}),
        reverse("articles:author", kwargs={"slug": "ines-varga"}),
        reverse("articles:archive"),
        reverse("articles:archive_year", kwargs={"year": 2025}),
        reverse("articles:archive_month", kwargs={"year": 2025, "month": 7}),
    ],
)
def test_listing_pages_show_published_essays_only(client, url, published, hidden):
    html = page_text(client, url)

    if url == reverse("articles:archive"):
        assert "July" in html and "(1 essay)" in html
    else:
        assert "Night screenings at the harbour" in html
    for article in hidden:
        assert article.title not in html


def test_article_page_shows_the_essay(client, published):
    html = page_text(client, published.get_absolute_url())

    assert '<h1 class="essay__title">Night screenings at the harbour</h1>' in html
    assert published.standfirst in html
    assert "Ines Varga" in html
    assert 'href="/tags/open-air-cinema/"' in html


def test_drafts_and_scheduled_essays_are_404_for_readers(client, hidden):
    for article in hidden:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_unknown_pages_are_404(client, published):
    for url in [
        reverse("articles:detail", kwargs={"slug": "no-such-essay"}),
        reverse("articles:category", kwargs={"slug": "no-such-desk"}),
        reverse("articles:tag", kwargs={"slug": "no-such-tag"}),
        reverse("articles:author", kwargs={"slug": "nobody"}),
        reverse("articles:archive_year", kwargs={"year": 1999}),
        reverse("articles:archive_month", kwargs={"year": 2025, "month": 13}),
    ]:
        assert client.get(url).status_code == 404, url


def test_section_tag_and_author_pages_describe_what_they_list(client, published):
    assert "Dispatches from the festival circuit." in page_text(
        client, reverse("articles:category", kwargs={"slug": "festivals"})
    )
    assert "Writes on festivals." in page_text(
        client, reverse("articles:author", kwargs={"slug": "ines-varga"})
    )


def test_home_page_is_paginated_newest_first(client):
    titles = [ArticleFactory(title=f"Essay {n:02d} of the season").title for n in range(15)]

    first_page = page_text(client, reverse("articles:home"))
    second_page = page_text(client, reverse("articles:home") + "?page=2")

    assert first_page.index("Essay 14 of") < first_page.index("Essay 13 of")
    assert "Essay 02 of" not in first_page and "Essay 02 of" in second_page
    assert 'rel="next"' in first_page
    assert client.get(reverse("articles:home") + "?page=9").status_code == 404
    # However far past the end, and whatever the database's largest integer.
    assert client.get(reverse("articles:home") + "?page=768614336404564652").status_code == 404
    # Every essay is listed exactly once over the two pages, twelve of them on the first.
    shown = {
        title: (first_page.count(f">{title}<"), second_page.count(f">{title}<")) for title in titles
    }
    assert sorted(shown.values()) == sorted([(1, 0)] * 12 + [(0, 1)] * 3)


def test_header_lists_the_sections(client, published):
    CategoryFactory(name="Craft")
    html = page_text(client, reverse("articles:home"))
    assert 'href="/sections/craft/"' in html and 'href="/sections/festivals/"' in html


def test_staff_preview_shows_a_draft_with_a_banner_and_no_cache(editor_client, hidden):
    draft = hidden[0]
    response = editor_client.get(reverse("articles:preview", kwargs={"slug": draft.slug}))

    assert response.status_code == 200
    assert "Preview · Draft" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_preview_is_not_for_readers(client, hidden):
    response = client.get(reverse("articles:preview", kwargs={"slug": hidden[0].slug}))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_public_pages_are_cacheable_for_anonymous_readers_only(client, editor, published):
    anonymous = client.get(published.get_absolute_url())
    assert "public" in anonymous["Cache-Control"] and "s-maxage=300" in anonymous["Cache-Control"]

    client.force_login(editor)
    signed_in = client.get(published.get_absolute_url())
    assert "private" in signed_in["Cache-Control"]


def retitle(essay, title, *, by):
    """An editor changes an essay's title in the admin."""
    from articles import services

    essay.title = title
    services.article_save(article=essay, by=by)


def test_editing_an_essay_shows_at_once_on_cached_pages(client, editor, published):
    assert "Night screenings" in page_text(client, reverse("articles:home"))
    retitle(published, "Harbour screenings after dark", by=editor)
    html = page_text(client, reverse("articles:home"))
    assert "Harbour screenings after dark" in html and "Night screenings" not in html


def test_changes_made_in_a_batch_show_on_cached_pages_when_it_ends_even_if_it_fails(
    client, editor, published
):
    from articles import caching

    assert "Night screenings" in page_text(client, reverse("articles:home"))
    with pytest.raises(RuntimeError), caching.changes_batched():
        retitle(published, "Harbour screenings after dark", by=editor)
        raise RuntimeError("the import stopped halfway")

    assert "Harbour screenings after dark" in page_text(client, reverse("articles:home"))


def test_a_tag_or_author_known_only_from_drafts_stays_hidden_from_readers(client):
    secret = AuthorFactory(name="Unannounced Critic", slug="unannounced", bio="Joins in May.")
    ArticleFactory(draft=True, tags=["embargoed-festival"], authors=[secret])

    for url in (
        reverse("articles:tag", args=["embargoed-festival"]),
        reverse("feed_tag", kwargs={"slug": "embargoed-festival"}),
        reverse("articles:author", args=["unannounced"]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Joins in May" not in response.content.decode()

    ArticleFactory(tags=["embargoed-festival"], authors=[secret])
    assert client.get(reverse("articles:tag", args=["embargoed-festival"])).status_code == 200
    assert client.get(reverse("articles:author", args=["unannounced"])).status_code == 200


def test_made_up_query_strings_share_the_plain_pages_cache_entry(client):
    from django.core.cache import cache

    ArticleFactory(title="The one essay")
    for n in range(50):
        assert (
            client.get(reverse("articles:home") + f"?utm_source=x{n}&junk={n}").status_code == 200
        )
    assert client.get(reverse("articles:home") + "?page=1").status_code == 200

    pages = [key for key in cache._cache if caching.ENTRY_PREFIX in key]
    assert len(pages) == 2  # the plain page, and page=1


def test_a_months_page_links_the_nearest_months_with_essays_readers_can_see(client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}
    for month in (1, 4, 7):
        ArticleFactory(
            title=f"Essay of month {month}", published_at=datetime(2024, month, 9, tzinfo=UTC)
        )
    ArticleFactory(title="Not yet", published_at=timezone.now() + timedelta(days=400))
    ArticleFactory(title="Taken down", published_at=datetime(2024, 10, 2, tzinfo=UTC),
                   status="unpublished")  # fmt: skip

    april = client.get(reverse("articles:archive_month", args=[2024, 4])).content.decode()
    july = client.get(reverse("articles:archive_month", args=[2024, 7])).content.decode()

    assert "Essay of month 4" in april and "Essay of month 1" not in april
    assert 'href="/archive/2024/1/"' in april and 'href="/archive/2024/7/"' in april
    assert 'href="/archive/2024/4/"' in july and "→" not in july
    assert client.get(reverse("articles:archive_month", args=[2024, 10])).status_code == 404
    assert client.get(reverse("articles:archive_year", args=[2023])).status_code == 404
    year = client.get(reverse("articles:archive_year", args=[2024])).content.decode()
    assert year.index("Essay of month 7") < year.index("Essay of month 4")
