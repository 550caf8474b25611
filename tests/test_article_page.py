"""The article page, piece by piece, as a reader sees it."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.rendering import body_with_ad_slots
from tests.factories import ArticleFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db


def render(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def essay_with_paragraphs(counts, **kwargs):
    """An essay whose sections hold the given numbers of paragraphs; the first unheaded."""
    article = ArticleFactory(paragraphs__skip=True, **kwargs)
    for position, count in enumerate(counts, start=1):
        SectionFactory(
            article=article,
            position=position,
            heading="" if position == 1 else f"Part {position}",
            paragraphs=count,
        )
    return article


def test_date_is_written_out_inside_a_time_element(client):
    article = ArticleFactory(published_at=datetime(2025, 7, 23, 14, 5, tzinfo=UTC))

    html = render(client, article)

    assert '<time datetime="2025-07-23T14:05:00+00:00">July 23, 2025</time>' in html


def test_share_links_carry_the_absolute_url_and_title_encoded(client):
    article = ArticleFactory(title="Sound & fury: Québec's quiet films?", slug="sound-and-fury")
    html = render(client, article)
    expected_url = "http://testserver/essays/sound-and-fury/"

    links = dict(re.findall(r'share-bar__link--(\w+)" href="([^"]+)"', html))
    assert set(links) == {"facebook", "x", "reddit"}
    decoded = {
        key: parse_qs(urlsplit(href.replace("&amp;", "&")).query) for key, href in links.items()
    }
    assert decoded["facebook"] == {"u": [expected_url]}
    assert decoded["x"] == {"url": [expected_url], "text": [article.title]}
    assert decoded["reddit"] == {"url": [expected_url], "title": [article.title]}
    assert "Qu%C3%A9bec%27s" in links["x"] and "%26" in links["x"]
    assert html.count('target="_blank" rel="noopener noreferrer"') == 3


def test_share_links_use_the_configured_public_origin(client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "SITE_URL": "https://films.example"}
    article = ArticleFactory(slug="harbour")

    html = render(client, article)

    assert "u=https%3A%2F%2Ffilms.example%2Fessays%2Fharbour%2F" in html


def test_sections_show_their_headings_in_order_and_the_first_has_none(client):
    article = essay_with_paragraphs([2, 1, 1])
    html = render(client, article)

    body = html[html.index('class="article-body"') :]
    assert re.findall(r"<h2>(.*?)</h2>", body[: body.index("</article>")]) == ["Part 2", "Part 3"]
    assert body.index("Part 2") < body.index("Part 3")


@pytest.mark.parametrize(
    ("counts", "every", "expected_slots"),
    [
        ([3, 3, 3], 3, 2),  # after paragraphs 3 and 6; never after 9, the last
        ([2, 2], 3, 1),  # counted across sections
        ([2], 3, 0),
        ([3], 3, 0),  # the only candidate is the last paragraph
        ([12], 1, 11),
    ],
)
def test_ad_slot_count(client, settings, counts, every, expected_slots):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "AD_EVERY_N_PARAGRAPHS": every}
    html = render(client, essay_with_paragraphs(counts))

    assert html.count('class="ad-slot"') == expected_slots


def test_ad_slots_sit_between_paragraphs_with_a_label_and_a_slot_name(client):
    html = render(client, essay_with_paragraphs([4, 3]))
    body = html[html.index('class="article-body"') : html.index("</article>")]
    blocks = re.findall(r'<p>[^<]*</p>|<aside class="ad-slot"[^>]*>|<h2>[^<]*</h2>', body)
    shape = ["P" if b.startswith("<p>") else "H" if b.startswith("<h2>") else "AD" for b in blocks]

    assert shape == ["P", "P", "P", "AD", "P", "H", "P", "P", "AD", "P"]
    assert 'data-ad-slot="article-inline-1"' in body and 'data-ad-slot="article-inline-2"' in body
    assert 'aria-label="Advertisement"' in body and ">Advertisement</p>" in body


def test_no_ad_slots_when_ads_are_switched_off(client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "ADS_ENABLED": False}
    html = render(client, essay_with_paragraphs([9]))
    assert "ad-slot" not in html and "Advertisement" not in html


def test_body_layout_never_places_an_ad_after_the_last_paragraph():
    sections = [("", ["p"] * n) for n in (1, 2, 3, 0, 4)]
    for every in range(1, 12):
        layout = body_with_ad_slots(sections, every=every, enabled=True)
        flags = [p["ad_after"] for s in layout for p in s["paragraphs"]]
        assert len(flags) == 10
        assert flags[-1] is False
        assert sum(flags) == (10 - 1) // every


def test_related_articles_share_tags_most_shared_first_then_newest(client):
    now = timezone.now()
    article = ArticleFactory(tags=["basque cinema", "language", "memory"])
    one_tag_new = ArticleFactory(
        title="One tag, newest", tags=["memory"], published_at=now - timedelta(days=1)
    )
    # Both one-tag essays share the same tag, so only their dates tell them apart (a rarer
    # shared tag would outrank a newer essay: see tests/test_related.py).
    one_tag_old = ArticleFactory(
        title="One tag, older", tags=["memory"], published_at=now - timedelta(days=30)
    )
    three_tags = ArticleFactory(
        title="Three tags",
        tags=["basque cinema", "language", "memory"],
        published_at=now - timedelta(days=90),
    )
    two_tags = ArticleFactory(
        title="Two tags", tags=["basque cinema", "memory"], published_at=now - timedelta(days=60)
    )
    ArticleFactory(title="No shared tag", tags=["animation"])
    ArticleFactory(title="Draft sharing tags", tags=["memory", "language"], draft=True)
    ArticleFactory(title="Scheduled sharing tags", tags=["memory"], scheduled=True)

    html = render(client, article)
    related = html[html.index("Related Articles") :]
    titles = re.findall(r'class="related__title"><a href="[^"]+">([^<]+)</a>', related)

    assert titles == [three_tags.title, two_tags.title, one_tag_new.title, one_tag_old.title]
    assert one_tag_old.standfirst in related
    assert f'datetime="{two_tags.published_at.isoformat()}"' in related


def test_pinned_related_essays_come_first_in_the_editors_order(client):
    article = ArticleFactory(tags=["memory"])
    shares_tag = ArticleFactory(title="Shares a tag", tags=["memory"])
    first_pin = ArticleFactory(title="Pinned first")
    second_pin = ArticleFactory(title="Pinned second", tags=["memory"])
    hidden_pin = ArticleFactory(title="Pinned but draft", draft=True)
    RelatedLinkFactory(article=article, target=second_pin, position=2)
    RelatedLinkFactory(article=article, target=first_pin, position=1)
    RelatedLinkFactory(article=article, target=hidden_pin, position=3)

    html = render(client, article)
    titles = re.findall(r'class="related__title"><a href="[^"]+">([^<]+)</a>', html)

    assert titles == [first_pin.title, second_pin.title, shares_tag.title]


def test_related_list_is_limited_by_the_setting(client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "RELATED_ARTICLES_COUNT": 3}
    article = ArticleFactory(tags=["memory"])
    for _ in range(5):
        ArticleFactory(tags=["memory"])

    assert render(client, article).count('class="related__item"') == 3


def test_paragraph_formatting_allows_emphasis_strong_and_links_only(client):
    article = ArticleFactory(paragraphs__skip=True)
    SectionFactory(
        article=article,
        body=(
            "A *quiet* film with **loud** ideas, see [the programme](https://example.org/p?a=1&b=2)."
            "\n\n<script>alert('x')</script> and <b>bold tags</b> stay text; "
            "[bad](javascript:alert(1)) is not a link."
        ),
    )
    html = render(client, article)

    assert "A <em>quiet</em> film with <strong>loud</strong> ideas" in html
    assert '<a href="https://example.org/p?a=1&amp;b=2">the programme</a>' in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold tags&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert 'href="javascript' not in html


def test_titles_and_standfirsts_are_shown_as_text(client):
    article = ArticleFactory(title="<i>Italic</i> title", standfirst="A <b>standfirst</b>")
    html = render(client, article)
    assert "&lt;i&gt;Italic&lt;/i&gt; title" in html and "<i>Italic</i>" not in html
