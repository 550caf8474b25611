"""Feeds and the sitemap carry published essays only, so readers' apps and search engines
never learn of a draft or a scheduled essay early."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def essays():
    desk = CategoryFactory(name="Craft")
    critic = AuthorFactory(name="Lena Okafor", slug="lena-okafor")
    live = ArticleFactory(
        title="Cutting sound & picture", category=desk, authors=[critic], tags=["editing"]
    )
    ArticleFactory(title="Draft about editing", category=desk, tags=["editing"], draft=True)
    ArticleFactory(title="Scheduled about editing", category=desk, tags=["secret"], scheduled=True)
    return live


def feed_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [e.text for e in root.iter() if e.tag.endswith("title")]
    return titles[1:]  # the first title is the feed's own


@pytest.mark.parametrize(
    "url",
    [
        reverse("feed_rss"),
        reverse("feed_atom"),
        reverse("feed_category", kwargs={"slug": "craft"}),
        reverse("feed_tag", kwargs={"slug": "editing"}),
    ],
)
def test_feeds_list_published_essays_only(client, essays, url):
    titles = feed_titles(client, url)
    assert "Cutting sound & picture" in titles
    assert not any("Draft" in t or "Scheduled" in t for t in titles)


def test_feed_items_carry_link_date_and_author(client, essays):
    xml = client.get(reverse("feed_rss")).content.decode()
    assert "http://testserver/essays/" + essays.slug + "/" in xml
    assert "<pubDate>" in xml and "Lena Okafor" in xml


def test_unknown_section_feed_is_404(client, essays):
    assert client.get(reverse("feed_category", kwargs={"slug": "nope"})).status_code == 404


def test_sitemap_lists_published_essays_and_pages_that_list_them(client, essays):
    response = client.get(reverse("django.contrib.sitemaps.views.sitemap"))
    assert response.status_code == 200
    urls = {e.text for e in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)}

    assert {url for url in urls if "/essays/" in url} == {
        "http://testserver" + essays.get_absolute_url()
    }
    assert "http://testserver/sections/craft/" in urls
    assert "http://testserver/authors/lena-okafor/" in urls
    assert "http://testserver/tags/editing/" in urls
    assert "http://testserver/tags/secret/" not in urls  # used only by a scheduled essay


def test_robots_txt_points_to_the_sitemap_and_keeps_previews_out(client):
    text = client.get(reverse("robots")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "preview" in text


def test_pages_announce_the_feed(client, essays):
    assert reverse("feed_rss") in client.get(reverse("articles:home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["feed_rss", "feed_atom"])
def test_feeds_carry_a_standfirst_as_text_never_as_live_markup(client, url_name):
    ArticleFactory(standfirst="<img src=x onerror=alert(1)> and *quietly* <script>x</script>")

    xml = client.get(reverse(url_name)).content.decode()

    # What a feed reader gets once it has read the XML: HTML with the text escaped.
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(xml)
    texts = [
        el.text or "" for el in root.iter() if el.tag.split("}")[-1] in ("description", "summary")
    ]
    carried = next(text for text in texts if "onerror" in text)
    assert "<img" not in carried and "<script" not in carried
    assert "&lt;img src=x onerror=alert(1)&gt;" in carried
    assert "<em>quietly</em>" in carried


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page_name", "feed_name", "slug"),
    [("articles:category", "feed_category", "festivals"), ("articles:tag", "feed_tag", "noir")],
)
def test_section_and_tag_pages_announce_and_link_their_feed(client, page_name, feed_name, slug):
    ArticleFactory(category=CategoryFactory(name="Festivals"), tags=["noir"])

    html = client.get(reverse(page_name, args=[slug])).content.decode()

    feed = reverse(feed_name, kwargs={"slug": slug})
    assert '<link rel="alternate" type="application/rss+xml"' in html and feed in html
    assert f'<a href="{feed}">Follow' in html
    assert client.get(feed).status_code == 200


@pytest.mark.django_db
def test_the_favicon_is_found_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("icons/favicon.svg")
    assert 'rel="icon"' in client.get(reverse("articles:home")).content.decode()
