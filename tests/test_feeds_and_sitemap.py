"""Feeds and the sitemap carry published essays only, so readers' apps and search engines
never learn of a draft or a scheduled essay early."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, SectionFactory
from tests.page_head import head_of

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


def sitemap_urls(client):
    """Every address in every sitemap the index at /sitemap.xml lists."""
    index = client.get(reverse("sitemap_index"))
    assert index.status_code == 200
    urls = set()
    for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", SITEMAP_NS):
        page = client.get(loc.text.removeprefix("http://testserver"))
        assert page.status_code == 200, loc.text
        urls |= {e.text for e in ET.fromstring(page.content).findall("s:url/s:loc", SITEMAP_NS)}
    return urls


def test_sitemap_lists_published_essays_and_pages_that_list_them(client, essays):
    urls = sitemap_urls(client)

    assert {url for url in urls if "/essays/" in url} == {
        "http://testserver" + essays.get_absolute_url()
    }
    assert "http://testserver/sections/craft/" in urls
    assert "http://testserver/authors/lena-okafor/" in urls
    assert "http://testserver/tags/editing/" in urls
    assert "http://testserver/tags/secret/" not in urls  # used only by a scheduled essay
    when = essays.published_at
    assert f"http://testserver/archive/{when.year}/" in urls
    assert f"http://testserver/archive/{when.year}/{when.month}/" in urls
    assert "http://testserver/feeds/" in urls


def test_authors_are_in_the_sitemap_and_feed_index_from_their_first_published_essay(client):
    """Dated by their newest published essay; one with only a scheduled essay waits for it."""
    vera, omar = AuthorFactory(slug="vera-lind"), AuthorFactory(slug="omar-haddad")
    newest = ArticleFactory(authors=[vera], published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(authors=[vera], published_at=timezone.now() - timedelta(days=9))
    ArticleFactory(authors=[vera, omar], scheduled=True)
    ArticleFactory(authors=[omar], draft=True)

    sitemap = ET.fromstring(client.get("/sitemap-authors.xml").content)
    lastmods = {
        url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS).text
        for url in sitemap.findall("s:url", SITEMAP_NS)
    }
    assert lastmods == {"http://testserver/authors/vera-lind/": newest.published_at.isoformat()}
    feeds = client.get(reverse("feeds")).content.decode()
    assert reverse("feed_author", kwargs={"slug": "vera-lind"}) in feeds
    assert reverse("feed_author", kwargs={"slug": "omar-haddad"}) not in feeds


def test_robots_txt_points_to_the_sitemap_and_keeps_previews_out(client):
    text = client.get(reverse("robots")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
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


# --- Full-text feeds for the site, sections, tags and authors, read by a real feed parser ---

FEEDS = [
    ("feed_rss", {}),
    ("feed_atom", {}),
    ("feed_category", {"slug": "craft"}),
    ("feed_category_atom", {"slug": "craft"}),
    ("feed_tag", {"slug": "editing"}),
    ("feed_tag_atom", {"slug": "editing"}),
    ("feed_author", {"slug": "lena-okafor"}),
    ("feed_author_atom", {"slug": "lena-okafor"}),
]


def parsed_feed(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def elements(html, tag):
    """Elements of a kind in an HTML fragment, as a browser would build them."""
    found = []

    class Finder(HTMLParser):
        def handle_starttag(self, name, attrs):
            if name == tag:
                found.append(dict(attrs))

    Finder().feed(html)
    return found


@pytest.fixture
def full_essay(essays):
    section = essays.sections.get()
    section.body = (
        "The *first* cut.\n\nSecond: see [the archive](/archive/).\n\nThird.\n\n"
        "Fourth, after an advertisement on the page."
    )
    section.save()
    return essays


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_every_feed_is_valid_and_carries_the_whole_essay_without_ads(
    client, full_essay, name, kwargs
):
    feed = parsed_feed(client, name, **kwargs)

    assert feed.version in ("rss20", "atom10")
    [entry] = feed.entries
    assert entry.title == "Cutting sound & picture"
    assert entry.link == "http://testserver" + full_essay.get_absolute_url()
    assert entry.author == "Lena Okafor"
    assert {tag.term for tag in entry.tags} == {"Craft", "editing"}
    body = entry.content[0].value
    assert "<em>first</em>" in body and "Fourth, after an advertisement" in body
    assert "ad-slot" not in body and "Advertisement</p>" not in body
    # Links inside the body lead to the site, not to the feed reader's own host.
    assert {a["href"] for a in elements(body, "a")} == {"http://testserver/archive/"}


def test_feeds_say_who_they_belong_to(client, essays):
    assert parsed_feed(client, "feed_author", slug="lena-okafor").feed.title == (
        "Lena Okafor · Filmculture"
    )
    section_feed = parsed_feed(client, "feed_category_atom", slug="craft").feed
    assert "Essays from one desk" in section_feed.subtitle


def test_an_essay_without_a_byline_is_credited_to_the_publication_in_atom(client):
    ArticleFactory(title="Unsigned notes")

    feed = parsed_feed(client, "feed_atom")

    assert "author" not in feed.entries[0] and feed.feed.author == "Filmculture"


def test_an_author_known_only_from_drafts_has_no_feed(client):
    hidden = AuthorFactory(slug="hidden")
    ArticleFactory(authors=[hidden], draft=True)

    assert client.get(reverse("feed_author", kwargs={"slug": "hidden"})).status_code == 404
    assert client.get(reverse("feed_author_atom", kwargs={"slug": "hidden"})).status_code == 404


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_hostile_editor_text_never_becomes_markup_in_a_feed_reader(client, name):
    hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script> ]]> &amp;"
    essay = ArticleFactory(title=hostile, standfirst=hostile, paragraphs__skip=True)
    SectionFactory(article=essay, position=1, heading=hostile, body=f"{hostile}\n\nSafe *text*.")

    [entry] = parsed_feed(client, name).entries

    assert entry.title == hostile  # shown as typed
    for html in (entry.summary, entry.content[0].value):
        assert elements(html, "img") == [] and elements(html, "script") == []
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>text</em>" in entry.content[0].value


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_a_lead_image_travels_as_an_enclosure_with_its_size_and_type(
    client, essays, lead_image, name
):
    lead_image(essays)

    [entry] = parsed_feed(client, name).entries

    [enclosure] = entry.enclosures
    assert enclosure.href == "http://testserver" + essays.lead_image.url
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == essays.lead_image.size > 0


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom", "feed_author"])
def test_a_feed_reader_polling_an_unchanged_feed_gets_304(client, essays, name):
    url = reverse(name, kwargs={"slug": "lena-okafor"} if name == "feed_author" else {})
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    from_cache = client.get(url)

    assert by_etag.status_code == by_date.status_code == 304 and by_etag.content == b""
    # A page served from the page cache carries the same validators.
    assert (from_cache["ETag"], from_cache["Last-Modified"]) == (
        first["ETag"],
        first["Last-Modified"],
    )


def test_a_changed_feed_is_sent_again(client, essays, editor):
    url = reverse("feed_rss")
    first = client.get(url)

    services.article_publish(article=ArticleFactory(title="A newer essay", draft=True), by=editor)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200 and b"A newer essay" in again.content


@pytest.mark.parametrize(
    ("page", "rss", "atom"),
    [
        ("/sections/craft/", "feed_category", "feed_category_atom"),
        ("/tags/editing/", "feed_tag", "feed_tag_atom"),
        ("/authors/lena-okafor/", "feed_author", "feed_author_atom"),
    ],
)
def test_list_pages_announce_their_rss_and_atom_feeds(client, essays, page, rss, atom):
    slug = page.rstrip("/").rsplit("/", 1)[-1]

    head = head_of(client, page)

    [rss_link] = head.link("alternate", type="application/rss+xml", href=reverse(rss, args=[slug]))
    assert head.link("alternate", type="application/atom+xml", href=reverse(atom, args=[slug]))
    assert "Lena Okafor" in rss_link["title"] or slug in rss_link["title"].lower()


def test_the_feed_index_lists_every_feed_and_the_footer_links_to_it(client, essays):
    home = client.get(reverse("articles:home")).content.decode()
    assert f'href="{reverse("feeds")}"' in home

    html = client.get(reverse("feeds")).content.decode()
    hrefs = {a.get("href") for a in elements(html, "a")}

    for name, kwargs in FEEDS:
        assert reverse(name, kwargs=kwargs) in hrefs, name
    assert reverse("feed_tag", kwargs={"slug": "secret"}) not in hrefs  # scheduled essays only


# --- The sitemap index, its pages, images, and the news sitemap ---


def test_a_sitemap_longer_than_a_page_is_split_and_listed_by_the_index(client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "SITEMAP_PAGE_SIZE": 2}
    essays = ArticleFactory.create_batch(5)
    ArticleFactory(scheduled=True)  # makes no page: the sixth address is not listed yet

    index = ET.fromstring(client.get(reverse("sitemap_index")).content)
    locs = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    essay_pages = [loc for loc in locs if "sitemap-essays.xml" in loc]

    assert len(essay_pages) == 3  # 5 essays, 2 per page
    listed = []
    for loc in essay_pages:
        page = ET.fromstring(client.get(loc.removeprefix("http://testserver")).content)
        urls = page.findall("s:url/s:loc", SITEMAP_NS)
        assert len(urls) <= 2
        listed += [url.text for url in urls]
    assert sorted(listed) == sorted("http://testserver" + e.get_absolute_url() for e in essays)


def essay_pages(client):
    """The addresses on each page of the essays' sitemap, pages in the index's order."""
    index = ET.fromstring(client.get(reverse("sitemap_index")).content)
    pages = []
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        if "/sitemap-essays.xml" in loc.text:
            page = client.get(loc.text.removeprefix("http://testserver"))
            assert page.status_code == 200, loc.text
            urls = ET.fromstring(page.content).findall("s:url/s:loc", SITEMAP_NS)
            pages.append([url.text.removeprefix("http://testserver") for url in urls])
    return pages


def dated(year, month, day):
    return ArticleFactory(published_at=datetime(year, month, day, 12, tzinfo=UTC))


def test_the_essays_sitemap_has_a_page_per_month_oldest_first(client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "SITEMAP_PAGE_SIZE": 2}
    march = [dated(2024, 3, day) for day in (14, 12, 13)]
    january = dated(2024, 1, 10)
    may = [dated(2025, 5, day) for day in (10, 11)]
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)

    pages = essay_pages(client)

    # March's three essays, in date order, do not fit on one page of two; May's two do.
    march_in_order = [march[1], march[2], march[0]]
    assert pages == [
        [january.get_absolute_url()],
        [essay.get_absolute_url() for essay in march_in_order[:2]],
        [march_in_order[2].get_absolute_url()],
        [essay.get_absolute_url() for essay in may],
    ]


def test_an_essay_scheduled_this_month_is_not_in_the_essays_sitemap_before_its_time(client):
    published = ArticleFactory(published_at=timezone.now() - timedelta(minutes=5))
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))

    addresses = [address for page in essay_pages(client) for address in page]

    assert published.get_absolute_url() in addresses
    assert scheduled.get_absolute_url() not in addresses


def test_a_site_with_no_essay_yet_has_an_empty_essays_sitemap(client):
    ArticleFactory(draft=True)

    assert essay_pages(client) == [[]]


def test_publishing_an_essay_leaves_the_earlier_pages_of_the_essays_sitemap_as_they_were(
    client, editor
):
    for month in (1, 2, 3):
        dated(2024, month, 10)
    before = essay_pages(client)
    new = ArticleFactory(draft=True)

    services.article_publish(article=new, by=editor)

    after = essay_pages(client)
    assert after[: len(before)] == before
    assert after[len(before) :] == [[new.get_absolute_url()]]


def test_the_index_dates_each_sitemap_by_its_latest_change_readers_can_see(client, essays):
    edited = ArticleFactory(title="Edited last")
    Article.objects.update(updated_at=timezone.now() - timedelta(days=2))
    Article.objects.filter(pk=edited.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    # Later edits of a draft and of a scheduled essay, which readers do not see yet.
    later = timezone.now() - timedelta(minutes=5)
    Article.objects.exclude(pk__in=Article.objects.published()).update(updated_at=later)
    newest = Article.objects.published().latest("published_at")

    index = ET.fromstring(client.get(reverse("sitemap_index")).content)
    dates = {
        entry.find("s:loc", SITEMAP_NS).text.removeprefix("http://testserver"): entry.find(
            "s:lastmod", SITEMAP_NS
        ).text
        for entry in index.findall("s:sitemap", SITEMAP_NS)
        if entry.find("s:lastmod", SITEMAP_NS) is not None
    }

    assert dates["/sitemap-essays.xml"] == Article.objects.get(pk=edited.pk).updated_at.isoformat()
    assert dates["/sitemap-sections.xml"] == newest.published_at.isoformat()


def test_essays_in_the_sitemap_carry_lastmod_and_their_lead_image(client, essays, lead_image):
    lead_image(essays)

    page = ET.fromstring(client.get("/sitemap-essays.xml").content)
    [entry] = page.findall("s:url", SITEMAP_NS)

    lastmod = datetime.fromisoformat(entry.find("s:lastmod", SITEMAP_NS).text)
    assert lastmod.tzinfo is not None
    image = entry.find("i:image/i:loc", {"i": "http://www.google.com/schemas/sitemap-image/1.1"})
    assert image.text == "http://testserver" + essays.lead_image.url


NEWS = {"s": SITEMAP_NS["s"], "n": "http://www.google.com/schemas/sitemap-news/0.9"}


def test_the_news_sitemap_lists_the_last_two_days_essays_only(client):
    now = timezone.now()
    two_days_ago = now - timedelta(hours=40)
    fresh = ArticleFactory(title="Festival dispatch & notes", published_at=two_days_ago)
    ArticleFactory(title="Last week", published_at=now - timedelta(days=3))
    ArticleFactory(title="Tomorrow", scheduled=True)
    ArticleFactory(title="Draft", draft=True)

    response = client.get(reverse("news_sitemap"))

    assert response["Content-Type"].startswith("application/xml")
    [entry] = ET.fromstring(response.content).findall("s:url", NEWS)
    assert entry.find("s:loc", NEWS).text == "http://testserver" + fresh.get_absolute_url()
    assert entry.find("n:news/n:title", NEWS).text == "Festival dispatch & notes"
    assert entry.find("n:news/n:publication/n:name", NEWS).text == "Filmculture"
    assert entry.find("n:news/n:publication/n:language", NEWS).text == "en"
    published = datetime.fromisoformat(entry.find("n:news/n:publication_date", NEWS).text)
    assert published == fresh.published_at and published.tzinfo is not None
