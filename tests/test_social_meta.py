"""
What a shared link and a search result show: every page has one canonical address, its
own description, complete OpenGraph and a large Twitter card, with the site's share image
when it has none of its own; icons, the web manifest and compression readers' browsers use.
"""

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory
from tests.page_head import head_of

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
SITE_DESCRIPTION = (
    "Long-form essays on film culture: national cinemas, festivals, craft and industry."
)


@pytest.fixture
def site():
    craft = CategoryFactory(name="Craft", description="Close looks at the *skills* behind films.")
    TagFactory(name="noir", description="Shadows, rain and moral fog.")
    critic = AuthorFactory(name="Lena Okafor", slug="lena-okafor", bio="Lena writes on sound.")
    essay = ArticleFactory(
        title="Cutting sound & picture",
        standfirst="An editor's **two** tracks, and the [silence](https://example.org) between.",
        category=craft,
        authors=[critic],
        tags=["noir", "editing"],
    )
    return essay


def page_urls(essay):
    when = essay.published_at
    return {
        "home": reverse("articles:home"),
        "essay": essay.get_absolute_url(),
        "section": "/sections/craft/",
        "tag": "/tags/noir/",
        "author": "/authors/lena-okafor/",
        "archive": reverse("articles:archive"),
        "year": reverse("articles:archive_year", args=[when.year]),
        "month": reverse("articles:archive_month", args=[when.year, when.month]),
        "feeds": reverse("feeds"),
    }


PAGES = ["home", "essay", "section", "tag", "author", "archive", "year", "month", "feeds"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_one_absolute_canonical_address_and_a_full_social_card(client, site, page):
    url = page_urls(site)[page]
    head = head_of(client, f"{url}?utm_source=newsletter&fbclid=abc")

    assert head.canonical == ORIGIN + url  # tracking parameters dropped
    assert head.one("og:url") == head.canonical
    assert head.one("og:site_name") == "Filmculture"
    assert head.one("og:title") and head.one("og:description") == head.one("description")
    image = head.one("og:image")
    assert image.startswith(ORIGIN)
    assert head.one("og:image:width") and head.one("og:image:height")
    assert head.one("og:image:alt")
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:image") == image
    assert head.one("theme-color") == "#1d3b53"
    assert head.html_lang == settings.LANGUAGE_CODE


@pytest.mark.parametrize(
    ("page", "description"),
    [
        ("essay", "An editor's two tracks, and the silence between."),
        ("section", "Close looks at the skills behind films."),
        ("tag", "Shadows, rain and moral fog."),
        ("author", "Lena writes on sound."),
        ("home", SITE_DESCRIPTION),
        ("archive", "Every essay Filmculture has published, month by month."),
    ],
)
def test_each_page_is_described_in_its_own_words_as_plain_text(client, site, page, description):
    head = head_of(client, page_urls(site)[page])

    assert head.one("description") == description


def test_a_month_of_the_archive_says_which_month(client, site):
    month = site.published_at.strftime("%B %Y")

    description = head_of(client, page_urls(site)["month"]).one("description")

    assert description == f"The essays Filmculture published in {month}."


def test_a_tag_without_a_description_gets_a_sentence_of_its_own(client, site):
    assert head_of(client, "/tags/editing/").one("description") == "Essays tagged editing."


def test_a_long_description_is_cut_at_a_word_with_an_ellipsis(client):
    words = "Festival juries argue long into the night about what cinema owes its audience. " * 5
    essay = ArticleFactory(standfirst=words)

    description = head_of(client, essay.get_absolute_url()).one("description")

    assert len(description) <= 160 and description.endswith("…")
    kept = description.removesuffix("…")
    assert words.startswith(kept) and words[len(kept)] in " ."  # ends where a word ends


def test_an_essay_card_says_when_who_where_and_what_about(client, site):
    head = head_of(client, site.get_absolute_url())

    assert head.one("og:type") == "article"
    assert head.one("og:title") == "Cutting sound & picture"
    published = datetime.fromisoformat(head.one("article:published_time"))
    assert published == site.published_at and published.tzinfo is not None
    assert datetime.fromisoformat(head.one("article:modified_time")).tzinfo is not None
    assert head.meta("article:author") == [f"{ORIGIN}/authors/lena-okafor/"]
    assert head.one("article:section") == "Craft"
    assert sorted(head.meta("article:tag")) == ["editing", "noir"]
    # No lead image: the site's share image, 1200x630.
    assert head.one("og:image").endswith("share-default.png")
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")


def test_an_essay_with_a_lead_image_shares_it_with_its_size_and_alt_text(client, site, lead_image):
    lead_image(site, alt="Two reels on a Steenbeck")

    head = head_of(client, site.get_absolute_url())

    assert head.one("og:image") == ORIGIN + site.lead_image.url
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("40", "20")
    assert head.one("og:image:alt") == head.one("twitter:image:alt") == "Two reels on a Steenbeck"


def test_a_later_page_of_a_list_is_its_own_canonical_page(client):
    per_page = settings.FILMCULTURE["ARTICLES_PER_PAGE"]
    ArticleFactory.create_batch(per_page + 1, category=CategoryFactory(name="Craft"))

    for url in ("/", "/sections/craft/"):
        head = head_of(client, f"{url}?page=2&utm_campaign=x")
        assert head.canonical == f"{ORIGIN}{url}?page=2"
        assert head.one("og:title").endswith(", page 2")
    assert head_of(client, "/?page=1").canonical == f"{ORIGIN}/"


def test_addresses_use_the_configured_site_url(client, site, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "SITE_URL": "https://films.example"}

    head = head_of(client, site.get_absolute_url())

    assert head.canonical == "https://films.example" + site.get_absolute_url()
    assert head.one("og:image").startswith("https://films.example/")


def test_the_page_language_comes_from_the_settings(client, site, settings):
    settings.LANGUAGE_CODE = "fr-ca"

    head = head_of(client, reverse("articles:home"))

    assert head.html_lang == "fr-ca"
    assert head.one("og:locale") == "fr_CA"


def test_a_preview_is_never_indexed_nor_given_a_canonical_address(editor_client, site):
    head = head_of(editor_client, reverse("articles:preview", args=[site.slug]))

    assert head.one("robots") == "noindex"
    assert head.link("canonical") == []


def test_the_share_image_and_icons_are_real_pngs_of_the_advertised_sizes():
    for path, size in [
        ("social/share-default.png", (1200, 630)),
        ("icons/apple-touch-icon.png", (180, 180)),
        ("icons/icon-192.png", (192, 192)),
        ("icons/icon-512.png", (512, 512)),
    ]:
        with Image.open(Path(finders.find(path))) as image:
            assert (image.format, image.size) == ("PNG", size), path


def test_pages_link_icons_and_a_web_manifest_served_as_one(client, site):
    head = head_of(client, reverse("articles:home"))
    assert head.link("apple-touch-icon") and head.link("icon", type="image/png")
    [manifest_link] = head.link("manifest")

    response = client.get(manifest_link["href"])

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Filmculture" and manifest["theme_color"] == "#1d3b53"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        path = icon["src"].removeprefix(settings.STATIC_URL).removeprefix("/static/")
        assert finders.find(path), icon


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client, site):
    response = client.get(site.get_absolute_url(), headers={"accept-encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Cutting sound &amp; picture" in gzip.decompress(response.content).decode()
    assert "Accept-Encoding" in response["Vary"]
