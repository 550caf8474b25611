"""
Precise invalidation: each change refreshes exactly the cached pages that show what it
changed, and every other page keeps being served from the cache. Run against a cache that
several processes can share: Redis (database 6) when it answers, else the cache on disk.
"""

import os
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import caching, purging, services
from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

# A Redis database of its own per test process: clearing the cache empties the database.
REDIS_URL = "redis://127.0.0.1:6379/{}".format(
    6 + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 10
)


def redis_answers():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.3).ping()
    except Exception:
        return False


@pytest.fixture(autouse=True)
def shared_cache(settings, tmp_path):
    # Keys of this test's own: another test run on the machine (CI while a developer runs
    # the suite) may use the same Redis database at the same time.
    prefix = f"filmculture-tests-{secrets.token_hex(6)}"
    if redis_answers():
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    else:
        backend = {
            "BACKEND": "filmculture.file_cache.SharedFileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": prefix}}
    yield
    if backend["BACKEND"].endswith("RedisCache"):
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)


@pytest.fixture
def site():
    """Two sections, three tags, two authors; three published essays and a draft; their
    pages and feeds."""
    film, television = CategoryFactory(name="Film"), CategoryFactory(name="Television")
    noir, western, musical = (TagFactory(name=n) for n in ("noir", "western", "musical"))
    vera, omar = AuthorFactory(name="Vera Lind"), AuthorFactory(name="Omar Said")
    essays = {
        "e1": ArticleFactory(title="Shadows", category=film, tags=[noir], authors=[vera],
                             published_at=datetime(2024, 3, 1, tzinfo=UTC)),
        "e2": ArticleFactory(title="Dust", category=film, tags=[western], authors=[omar],
                             published_at=datetime(2024, 5, 1, tzinfo=UTC)),
        "e3": ArticleFactory(title="Songs", category=television, tags=[musical],
                             authors=[omar], published_at=datetime(2023, 5, 1, tzinfo=UTC)),
        "draft": ArticleFactory(title="Night", category=film, tags=[noir], authors=[vera],
                                draft=True),
    }  # fmt: skip
    pages = {
        "home": reverse("articles:home"),
        **{name: essays[name].get_absolute_url() for name in ("e1", "e2", "e3")},
        "film": film.get_absolute_url(),
        "television": television.get_absolute_url(),
        "noir": noir.get_absolute_url(),
        "western": western.get_absolute_url(),
        "musical": musical.get_absolute_url(),
        "vera": vera.get_absolute_url(),
        "omar": omar.get_absolute_url(),
        "archive": reverse("articles:archive"),
        "2024": reverse("articles:archive_year", args=[2024]),
        "2023": reverse("articles:archive_year", args=[2023]),
        # Feeds: the site's, a section's, a tag's and an author's.
        "feed": reverse("feed_rss"),
        "film feed": reverse("feed_category", kwargs={"slug": film.slug}),
        "noir feed": reverse("feed_tag", kwargs={"slug": noir.slug}),
        "omar feed": reverse("feed_author_atom", kwargs={"slug": omar.slug}),
    }
    things = {"film": film, "television": television, "noir": noir, "western": western,
              "musical": musical, "vera": vera, "omar": omar}  # fmt: skip
    return essays, things, pages


def refreshed(client, pages):
    """The pages built afresh rather than served from the page cache (which runs no query)."""
    built = set()
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        if len(queries):
            built.add(name)
    return built


@pytest.fixture
def warm(client, site):
    """Every page cached; proof that, untouched, none is built again."""
    _, _, pages = site
    refreshed(client, pages)
    assert refreshed(client, pages) == set()
    return site


def test_editing_an_essay_refreshes_the_pages_showing_it_and_no_others(client, warm, editor):
    essays, _, pages = warm
    essays["e3"].title = "Songs, retitled"

    services.article_save(article=essays["e3"], by=editor)

    assert refreshed(client, pages) == {"home", "e3", "television", "musical", "omar", "2023",
                                        "feed", "omar feed"}  # fmt: skip
    assert "Songs, retitled" in client.get(pages["television"]).content.decode()
    assert "Songs, retitled" in client.get(pages["omar feed"]).content.decode()


def test_publishing_refreshes_the_lists_it_enters_and_related_lists_it_can_join(
    client, warm, editor
):
    essays, _, pages = warm

    services.article_publish(article=essays["draft"], by=editor)

    # Shadows shares the tag "noir": the new essay may join its related list.
    assert refreshed(client, pages) == {"home", "archive", "film", "noir", "vera", "e1",
                                        "feed", "film feed", "noir feed"}  # fmt: skip
    assert "Night" in client.get(pages["home"]).content.decode()
    assert "Night" in client.get(pages["noir feed"]).content.decode()


def test_unpublishing_refreshes_the_lists_it_leaves(client, warm, editor):
    essays, _, pages = warm

    services.article_unpublish(article=essays["e2"], by=editor)

    assert refreshed(client, pages) == {"home", "e2", "archive", "2024", "film", "western",
                                        "omar", "feed", "film feed", "omar feed"}  # fmt: skip
    assert "Dust" not in client.get(pages["home"]).content.decode()


def test_deleting_refreshes_the_lists_it_leaves(client, warm, editor):
    essays, _, pages = warm

    services.article_delete(article=essays["e2"], by=editor)

    assert refreshed(client, pages) == {"home", "e2", "archive", "2024", "film", "western",
                                        "omar", "feed", "film feed", "omar feed"}  # fmt: skip
    assert client.get(pages["e2"]).status_code == 404


def test_moving_an_essay_to_another_section_refreshes_both_sections(client, warm, editor):
    essays, things, pages = warm
    essays["e2"].category = things["television"]

    services.article_save(article=essays["e2"], by=editor)

    assert refreshed(client, pages) == {"home", "e2", "film", "television", "western",
                                        "omar", "2024", "feed", "film feed",
                                        "omar feed"}  # fmt: skip
    assert "Dust" in client.get(pages["television"]).content.decode()


def test_redating_an_essay_within_its_year_refreshes_the_month_it_moves_into(client, warm, editor):
    essays, _, _ = warm
    months = {month: reverse("articles:archive_month", args=[2024, number])
              for month, number in (("March", 3), ("May", 5))}  # fmt: skip
    refreshed(client, months)
    essays["e2"].published_at = datetime(2024, 3, 20, tzinfo=UTC)

    services.article_save(article=essays["e2"], by=editor)

    assert refreshed(client, months) == {"March", "May"}
    assert "Dust" in client.get(months["March"]).content.decode()


def test_redating_an_essay_into_another_year_refreshes_both_years(client, warm, editor):
    essays, _, pages = warm
    essays["e3"].published_at = datetime(2024, 1, 15, tzinfo=UTC)

    services.article_save(article=essays["e3"], by=editor)

    assert refreshed(client, pages) == {"home", "e3", "archive", "2023", "2024", "television",
                                        "musical", "omar", "feed", "omar feed"}  # fmt: skip
    assert "Songs" in client.get(pages["2024"]).content.decode()


def test_retagging_an_essay_refreshes_the_tags_it_leaves_and_enters(client, warm, editor):
    essays, things, pages = warm

    services.article_save(article=essays["e2"], tags=[things["musical"]], by=editor)

    # Songs, tagged "musical" too, may now list Dust among its related essays.
    assert refreshed(client, pages) == {"home", "e2", "film", "western", "musical", "omar",
                                        "2024", "e3", "feed", "film feed",
                                        "omar feed"}  # fmt: skip
    assert "Dust" in client.get(pages["musical"]).content.decode()


def test_changing_a_byline_refreshes_the_authors_it_leaves_and_enters(client, warm, editor):
    essays, things, pages = warm

    services.article_save(article=essays["e2"], authors=[things["vera"]], by=editor)

    assert refreshed(client, pages) == {"home", "e2", "film", "western", "omar", "vera", "2024",
                                        "feed", "film feed", "omar feed"}  # fmt: skip
    assert "Dust" in client.get(pages["vera"]).content.decode()


def test_essays_created_in_bulk_refresh_the_lists_they_enter(client, warm, editor):
    _, things, pages = warm
    article = Article(title="Reels", slug="reels", standfirst="A line.", category=things["film"],
                      status=ArticleStatus.PUBLISHED, published_at=timezone.now())  # fmt: skip
    essay = services.NewEssay(
        article=article,
        sections=[services.SectionData("", "Text.")],
        author_ids=[things["vera"].pk],
        tag_ids=[things["noir"].pk],
    )

    services.articles_create_bulk(essays=[essay], by=editor)

    assert refreshed(client, pages) == {"home", "archive", "film", "noir", "vera", "e1",
                                        "feed", "film feed", "noir feed"}  # fmt: skip
    assert "Reels" in client.get(pages["home"]).content.decode()


def test_renaming_a_tag_refreshes_the_pages_showing_it(client, warm, editor):
    _, things, pages = warm

    services.tag_rename(tag=things["noir"], name="film noir", by=editor)

    # Feeds name each essay's tags.
    assert refreshed(client, pages) == {"e1", "noir", "feed", "film feed", "noir feed"}
    assert "film noir" in client.get(pages["e1"]).content.decode()
    assert "film noir" in client.get(pages["feed"]).content.decode()


def test_merging_tags_refreshes_the_pages_of_both_tags(client, warm, editor):
    _, things, pages = warm

    services.tag_merge(tags=[things["western"]], into=things["noir"], by=editor)

    assert refreshed(client, pages) == {"e1", "e2", "noir", "western", "feed", "film feed",
                                        "noir feed", "omar feed"}  # fmt: skip
    assert "Dust" in client.get(pages["noir"]).content.decode()


def test_renaming_a_section_refreshes_every_page_with_the_header(client, warm, editor):
    _, things, pages = warm
    things["television"].name = "Series"

    services.category_save(category=things["television"], by=editor)

    # Feeds have no header: those whose essays are in the section name it.
    with_header = {name for name in pages if not name.endswith("feed")}
    assert refreshed(client, pages) == with_header | {"feed", "omar feed"}
    assert "Series" in client.get(pages["home"]).content.decode()
    assert "Series" in client.get(pages["omar feed"]).content.decode()


def test_describing_a_section_refreshes_only_the_pages_showing_its_essays(client, warm, editor):
    _, things, pages = warm
    things["television"].description = "Made for the small screen."

    services.category_save(category=things["television"], by=editor)

    assert refreshed(client, pages) == {"home", "e3", "television", "musical", "omar", "2023",
                                        "feed", "omar feed"}  # fmt: skip


def test_describing_a_section_with_no_essay_refreshes_its_feed(client, warm, editor):
    _, _, pages = warm
    empty = CategoryFactory(name="Documentary")
    feed = {"documentary feed": reverse("feed_category", kwargs={"slug": empty.slug})}
    refreshed(client, feed)
    empty.description = "Films of the world as it is."

    services.category_save(category=empty, by=editor)

    assert refreshed(client, feed) == {"documentary feed"}
    assert refreshed(client, pages) == set()
    assert "Films of the world as it is." in client.get(feed["documentary feed"]).content.decode()


def test_editing_an_author_refreshes_the_pages_with_their_byline(client, warm, editor):
    _, things, pages = warm
    things["vera"].name = "Vera Lind-Okafor"

    services.author_save(author=things["vera"], by=editor)

    assert refreshed(client, pages) == {"home", "e1", "film", "noir", "vera", "2024",
                                        "feed", "film feed", "noir feed"}  # fmt: skip
    assert "Vera Lind-Okafor" in client.get(pages["film"]).content.decode()
    assert "Vera Lind-Okafor" in client.get(pages["film feed"]).content.decode()


def test_pinning_refreshes_only_the_essay_whose_related_list_changed(client, warm, editor):
    essays, _, pages = warm

    services.related_pin(article=essays["e1"], target=essays["e3"], by=editor)

    assert refreshed(client, pages) == {"e1"}
    assert "Songs" in client.get(pages["e1"]).content.decode()


def test_publishing_a_pinned_draft_refreshes_the_pages_of_essays_pinning_it(client, warm, editor):
    essays, _, pages = warm
    services.related_pin(article=essays["e3"], target=essays["draft"], by=editor)
    refreshed(client, pages)
    assert "Night" not in client.get(pages["e3"]).content.decode()

    services.article_publish(article=essays["draft"], by=editor)

    # Songs shares no tag with it: its page is refreshed for its pin alone.
    assert refreshed(client, pages) == {"home", "archive", "film", "noir", "vera", "e1", "feed",
                                        "film feed", "noir feed", "e3"}  # fmt: skip
    assert "Night" in client.get(pages["e3"]).content.decode()


def test_refreshing_the_related_pools_refreshes_every_essay_page_and_nothing_else(
    client, warm, editor
):
    _, _, pages = warm

    services.related_pools_refresh(everything=True, by=editor)

    assert refreshed(client, pages) == {"e1", "e2", "e3"}


def test_an_essay_refreshes_the_archive_year_it_is_in_in_the_site_s_time_zone(
    client, settings, editor
):
    settings.TIME_ZONE = "Asia/Tokyo"
    # 1 January 2024 in Tokyo, still 2023 in UTC.
    first_light = ArticleFactory(title="First light", published_at=datetime(2023, 12, 31, 20,
                                 tzinfo=UTC))  # fmt: skip
    ArticleFactory(title="Midsummer", published_at=datetime(2023, 6, 21, tzinfo=UTC))
    years = {year: reverse("articles:archive_year", args=[int(year)]) for year in ("2023", "2024")}
    assert "First light" in client.get(years["2024"]).content.decode()
    refreshed(client, years)
    assert refreshed(client, years) == set()

    services.article_unpublish(article=first_light, by=editor)

    assert refreshed(client, years) == {"2024"}
    assert "First light" not in client.get(years["2024"]).content.decode()


def test_a_scheduled_essay_going_live_refreshes_its_lists_without_any_write(
    client, site, monkeypatch
):
    _, things, pages = site
    going_live_at = timezone.now() + timedelta(minutes=30)
    ArticleFactory(title="Premiere", category=things["television"], tags=[things["musical"]],
                   authors=[things["vera"]], published_at=going_live_at)  # fmt: skip
    refreshed(client, pages)

    monkeypatch.setattr(timezone, "now", lambda: going_live_at + timedelta(seconds=1))

    assert refreshed(client, pages) == {"home", "archive", "television", "musical", "vera", "e3",
                                        "feed"}  # fmt: skip
    assert "Premiere" in client.get(pages["home"]).content.decode()
    assert "Premiere" in client.get(pages["feed"]).content.decode()


def test_a_batch_refreshes_the_union_of_its_changes_once_it_ends(client, warm, editor):
    essays, _, pages = warm

    with services.many_changes():
        essays["e1"].title = "Shadows, retitled"
        services.article_save(article=essays["e1"], by=editor)
        services.related_pin(article=essays["e3"], target=essays["e2"], by=editor)
        assert refreshed(client, pages) == set()

    assert refreshed(client, pages) == {"home", "e1", "film", "noir", "vera", "2024", "e3",
                                        "feed", "film feed", "noir feed"}  # fmt: skip


def test_a_batch_refreshes_the_lists_its_essays_entered_and_left_when_it_ends(client, warm, editor):
    essays, _, pages = warm

    with services.many_changes():
        services.article_publish(article=essays["draft"], by=editor)
        services.article_unpublish(article=essays["e3"], by=editor)
        assert refreshed(client, pages) == set()

    entered = {"home", "archive", "film", "noir", "vera", "e1", "feed", "film feed", "noir feed"}
    left = {"home", "archive", "e3", "2023", "television", "musical", "omar", "feed", "omar feed"}
    assert refreshed(client, pages) == entered | left
    assert "Night" in client.get(pages["noir"]).content.decode()


# --- Sitemaps and the feed index ------------------------------------------------------------


@pytest.fixture
def sitemaps_warm(client, site):
    """The sitemaps (the essays' a page per month: 2023-05, 2024-03, 2024-05) and the feed
    index, cached."""
    essays, things, _ = site
    essays_sitemap = reverse("django.contrib.sitemaps.views.sitemap", args=["essays"])
    pages = {
        "index": reverse("sitemap_index"),
        "essays 2023-05": f"{essays_sitemap}?p=1",
        "essays 2024-03": f"{essays_sitemap}?p=2",
        "essays 2024-05": f"{essays_sitemap}?p=3",
        **{
            f"{name} sitemap": reverse("django.contrib.sitemaps.views.sitemap", args=[name])
            for name in ("sections", "authors", "tags", "archive", "home")
        },
        "news": reverse("news_sitemap"),
        "feed index": reverse("feeds"),
    }
    assert "Shadows" not in client.get(pages["essays 2023-05"]).content.decode()
    refreshed(client, pages)
    assert refreshed(client, pages) == set()
    return essays, things, pages


def test_editing_an_essay_refreshes_its_month_of_the_essays_sitemap_only(
    client, sitemaps_warm, editor
):
    essays, _, pages = sitemaps_warm
    essays["e1"].slug = "shadows-at-noon"

    services.article_save(article=essays["e1"], by=editor)

    # The index gives the essays' sitemap the date of the latest edit: any edit moves it.
    assert refreshed(client, pages) == {"index", "essays 2024-03"}
    assert "shadows-at-noon" in client.get(pages["essays 2024-03"]).content.decode()


def test_editing_an_unpublished_essay_refreshes_no_sitemap_page(client, sitemaps_warm, editor):
    _, _, pages = sitemaps_warm
    # Taken off the site, from a month the essays' sitemap still has (e2's).
    withdrawn = ArticleFactory(title="Heat", status=ArticleStatus.UNPUBLISHED,
                               published_at=datetime(2024, 5, 9, tzinfo=UTC))  # fmt: skip
    withdrawn.title = "Heat, withdrawn"

    services.article_save(article=withdrawn, by=editor)

    assert refreshed(client, pages) == {"index"}


def test_publishing_refreshes_every_sitemap_listing_essays(client, sitemaps_warm, editor):
    essays, _, pages = sitemaps_warm

    services.article_publish(article=essays["draft"], by=editor)

    # A new month may renumber the essays' pages after it; sections, authors and tags
    # gain an essay; the news sitemap and the feed index list it or its tags.
    assert refreshed(client, pages) == set(pages) - {"home sitemap"}


def test_renaming_a_tag_refreshes_the_tags_sitemap_and_the_feed_index(
    client, sitemaps_warm, editor
):
    _, things, pages = sitemaps_warm

    services.tag_rename(tag=things["noir"], name="film noir", by=editor)

    assert refreshed(client, pages) == {"index", "tags sitemap", "feed index"}
    assert "film-noir" in client.get(pages["tags sitemap"]).content.decode()


def test_renaming_an_author_refreshes_the_authors_sitemap_and_the_feed_index(
    client, sitemaps_warm, editor
):
    _, things, pages = sitemaps_warm
    ArticleFactory(status=ArticleStatus.UNPUBLISHED, published_at=datetime(2024, 3, 9, tzinfo=UTC),
                   authors=[things["omar"]])  # fmt: skip
    things["omar"].name, things["omar"].slug = "Omar Saeed", "omar-saeed"

    services.author_save(author=things["omar"], by=editor)

    # Their bylines are stored with their essays: those readers see (2023-05, 2024-05) are
    # edited; the one taken off the site (2024-03) is in no sitemap.
    assert refreshed(client, pages) == {
        "index", "authors sitemap", "feed index", "essays 2023-05", "essays 2024-05"}  # fmt: skip
    assert "omar-saeed" in client.get(pages["authors sitemap"]).content.decode()


def test_renaming_a_section_refreshes_the_sections_sitemap_and_the_feed_index(
    client, sitemaps_warm, editor
):
    _, things, pages = sitemaps_warm
    things["television"].name, things["television"].slug = "Broadcast", "broadcast"

    services.category_save(category=things["television"], by=editor)

    assert refreshed(client, pages) == {"index", "sections sitemap", "feed index"}
    assert "/sections/broadcast/" in client.get(pages["sections sitemap"]).content.decode()


def test_editing_a_recent_essay_refreshes_the_news_sitemap(client, site, editor):
    recent = ArticleFactory(title="This week", published_at=timezone.now() - timedelta(hours=5))
    pages = {"news": reverse("news_sitemap")}
    refreshed(client, pages)
    recent.title = "This week, revised"

    services.article_save(article=recent, by=editor)

    assert refreshed(client, pages) == {"news"}
    assert "This week, revised" in client.get(pages["news"]).content.decode()


def test_a_page_rendered_while_a_change_lands_is_not_kept(client, site, editor, monkeypatch):
    essays, _, pages = site
    render = caching._store

    def change_during_render(*args, **kwargs):
        caching.content_changed(essays=[essays["e2"].pk])
        return render(*args, **kwargs)

    monkeypatch.setattr(caching, "_store", change_during_render)
    client.get(pages["home"])
    monkeypatch.setattr(caching, "_store", render)

    assert refreshed(client, {"home": pages["home"]}) == {"home"}


def test_a_change_purges_its_keys_from_http_caches_after_commit(
    warm, editor, monkeypatch, django_capture_on_commit_callbacks
):
    essays, _, _ = warm
    purged = []
    monkeypatch.setattr(purging, "purge", purged.extend)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.related_pin(article=essays["e1"], target=essays["e3"], by=editor)
    assert purged == []
    for callback in callbacks:
        callback()

    assert set(purged) == {f"related:{essays['e1'].pk}", "all"}
