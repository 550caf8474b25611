"""
HTTP caching: anonymous pages tell browsers and shared caches how long to keep them and
what they show, answer revalidations with 304, and editors, previews and the admin are
never cached anywhere.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import caching, services
from articles.models import Article
from articles.services import previews
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay():
    return ArticleFactory(title="Night screenings", tags=[TagFactory(name="harbours")])


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def built_afresh(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries) > 0


def test_anonymous_pages_are_kept_briefly_by_browsers_and_longer_by_shared_caches(client, essay):
    response = client.get(essay.get_absolute_url())

    assert cache_control(response) == {
        "public", "max-age=60", "s-maxage=300", "stale-while-revalidate=30",
        "stale-if-error=86400",
    }  # fmt: skip
    assert "Cookie" in response["Vary"]


def test_cache_lifetimes_come_from_the_settings(client, essay, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 3600,
                            "BROWSER_CACHE_SECONDS": 30, "STALE_WHILE_REVALIDATE_SECONDS": 120,
                            "STALE_IF_ERROR_SECONDS": 600}  # fmt: skip

    response = client.get(essay.get_absolute_url())

    assert {"max-age=30", "s-maxage=3600", "stale-while-revalidate=120",
            "stale-if-error=600"} <= cache_control(response)  # fmt: skip


def test_shared_caches_keep_no_page_past_the_next_scheduled_essay(client, essay):
    ArticleFactory(title="Premiere", published_at=timezone.now() + timedelta(seconds=90))

    response = client.get(reverse("articles:home"))

    shared = next(p for p in cache_control(response) if p.startswith("s-maxage="))
    assert 85 <= int(shared.removeprefix("s-maxage=")) <= 90
    assert "max-age=60" in cache_control(response)


def test_browsers_keep_no_page_past_the_next_scheduled_essay_either(client, essay):
    ArticleFactory(title="Premiere", published_at=timezone.now() + timedelta(seconds=20))

    response = client.get(reverse("articles:home"))

    browser = next(p for p in cache_control(response) if p.startswith("max-age="))
    assert 15 <= int(browser.removeprefix("max-age=")) <= 20


def test_after_the_cache_loses_its_state_no_page_cached_before_is_served(client, essay):
    url = essay.get_absolute_url()
    client.get(url)
    # A change the cache never heard of (written around the services, as a restore would).
    Article.objects.filter(pk=essay.pk).update(title="Night screenings, restored")

    cache.delete(caching.STATE_KEY)  # evicted, or the cache server restarted half-empty

    assert "Night screenings, restored" in client.get(url).content.decode()


def test_each_address_the_site_answers_to_has_pages_of_its_own(client, essay, settings):
    settings.ALLOWED_HOSTS = ["films.example", "www.films.example"]
    url = essay.get_absolute_url()
    client.get(url, headers={"host": "films.example"})

    page = client.get(url, headers={"host": "www.films.example"}).content.decode()

    assert f'<link rel="canonical" href="http://www.films.example{url}">' in page


def test_pages_name_what_they_show_for_a_cdn(client, essay):
    tag = essay.tags.get()

    response = client.get(essay.get_absolute_url())

    keys = response["Surrogate-Key"].split(" ")
    assert {f"essay:{essay.pk}", f"tag:{tag.pk}", f"category:{essay.category_id}",
            "sections"} <= set(keys)  # fmt: skip
    assert response["Cache-Tag"].split(",") == keys
    home_keys = client.get(reverse("articles:home"))["Surrogate-Key"].split(" ")
    assert {"list:home", f"essay:{essay.pk}"} <= set(home_keys)


def test_a_browser_revalidating_with_the_etag_gets_304_until_the_page_changes(
    client, editor, essay
):
    etag = client.get(essay.get_absolute_url())["ETag"]

    again = client.get(essay.get_absolute_url(), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag and "s-maxage=300" in again["Cache-Control"]

    essay.title = "Harbour screenings"
    services.article_save(article=essay, by=editor)
    changed = client.get(essay.get_absolute_url(), headers={"If-None-Match": etag})

    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_browser_revalidating_with_the_date_gets_304(client, essay):
    first = client.get(essay.get_absolute_url())

    again = client.get(
        essay.get_absolute_url(), headers={"If-Modified-Since": first["Last-Modified"]}
    )

    assert again.status_code == 304


def test_editors_get_private_pages_and_never_read_the_shared_cache(client, editor, essay):
    assert "Night screenings" in client.get(essay.get_absolute_url()).content.decode()
    Article.objects.filter(pk=essay.pk).update(title="Changed behind the cache")
    editor_client = Client()
    editor_client.force_login(editor)

    response = editor_client.get(essay.get_absolute_url())

    assert "Changed behind the cache" in response.content.decode()
    assert cache_control(response) >= {"private", "no-store"}
    assert "public" not in cache_control(response)
    assert not response.has_header("Surrogate-Key") and not response.has_header("ETag")


def test_editors_never_create_a_shared_cache_entry(client, editor, essay):
    editor_client = Client()
    editor_client.force_login(editor)
    editor_client.get(essay.get_absolute_url())

    assert built_afresh(client, essay.get_absolute_url())
    assert not built_afresh(client, essay.get_absolute_url())


def test_previews_are_never_cached(client, editor, essay):
    draft = ArticleFactory(draft=True, title="Unreleased")
    client.force_login(editor)
    preview = client.get(reverse("articles:preview", kwargs={"slug": draft.slug}))
    client.logout()
    shared = client.get(
        previews.preview_link_url(previews.preview_link_create(article=draft, by=editor))
    )

    for response in (preview, shared):
        assert response.status_code == 200
        assert {"no-store", "private"} & cache_control(response)
        assert "public" not in cache_control(response)
        assert not response.has_header("Surrogate-Key")


def test_the_admin_is_never_cached(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))

    assert "no-store" in cache_control(response) and "private" in cache_control(response)


def test_pages_that_are_not_found_are_not_kept(client, essay):
    missing = reverse("articles:detail", kwargs={"slug": "not-yet"})
    assert client.get(missing).status_code == 404
    ArticleFactory(slug="not-yet", title="Here now")

    assert client.get(missing).status_code == 200


# Headers that differ between two responses by design: when and how long.
PER_RESPONSE = {"Date", "Cache-Control"}


def test_a_page_from_the_cache_carries_every_header_the_built_page_did(client, essay):
    built = client.get(essay.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        served = client.get(essay.get_absolute_url())

    assert len(queries) == 0
    assert served.content == built.content
    kept = {name: value for name, value in built.items() if name not in PER_RESPONSE}
    assert {name: served[name] for name in kept} == kept
    assert served["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in served


def test_a_page_from_the_cache_says_its_length_so_servers_need_not_send_it_in_chunks(client, essay):
    client.get(essay.get_absolute_url())
    served = client.get(essay.get_absolute_url())

    assert served["Content-Length"] == str(len(served.content))
    assert client.head(essay.get_absolute_url())["Content-Length"] == served["Content-Length"]


def test_feeds_from_the_cache_keep_their_content_type(client, essay):
    built = client.get(reverse("feed_rss"))
    served = client.get(reverse("feed_rss"))

    assert served["Content-Type"] == built["Content-Type"]
    assert served["Content-Type"].startswith("application/rss+xml")


def test_a_reader_with_a_session_cookie_still_gets_cached_pages(client, essay):
    client.get(essay.get_absolute_url())
    client.cookies["sessionid"] = "no-such-session"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(essay.get_absolute_url())

    assert response.status_code == 200
    # The session is looked up; the page itself comes from the cache.
    assert [q["sql"] for q in queries if "articles_" in q["sql"]] == []


def test_a_page_that_sets_a_cookie_is_never_kept(client, essay, monkeypatch):
    from articles import views

    detail = views.ArticleDetailView.get

    def setting_a_cookie(self, request, *args, **kwargs):
        response = detail(self, request, *args, **kwargs)
        response.set_cookie("tracking", "reader-42")
        return response

    monkeypatch.setattr(views.ArticleDetailView, "get", setting_a_cookie)
    first = client.get(essay.get_absolute_url())
    assert first.cookies["tracking"].value == "reader-42"
    monkeypatch.setattr(views.ArticleDetailView, "get", detail)
    client.cookies.clear()

    assert built_afresh(client, essay.get_absolute_url())
