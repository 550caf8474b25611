"""
An essay page's parts that do not change between requests: the body with its ad slots, the
authors in the byline, the share links, the reading time, and the word count and authors'
addresses its structured data and social card name. The services render them when
an essay is saved (`services.renderings.essay_render`) and store them
(`ArticleRendering`); the page reads them back with the essay in one query and renders
none of them per request. A page whose stored
rendering is missing or was made with other layout settings (ads, their frequency) renders
live, as previews of unsaved forms always do; `manage.py render_essays` re-renders every
essay after such a settings change.

Paragraph text becomes HTML only through `inline_markup.render_inline` (in the body
template's `inline_markup` filter), whether rendered here or live.
"""

import json
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Bump when the templates below change what they produce: older renderings stop being
# shown, and `render_essays` (or the next save) brings them up to date.
RENDERING_VERSION = 4
WORDS_PER_MINUTE = 230
# Where the site's origin goes in stored share links: the same page is served under
# several hosts when FILMCULTURE_SITE_URL is not set.
ORIGIN = "\x00origin\x00"
# A stored head holds the origin in two places: HTML attributes and the JSON-LD block.
# PostgreSQL stores no NUL, so it is kept as these, which essay text cannot spell there: an
# essay's "<" is escaped in both (as &lt; and \u003C).
HEAD_ORIGIN = "<%origin%>"
HEAD_ORIGIN_IN_JSON = "<%origin-in-json%>"
SHARE_TARGETS = (
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php", "u", None),
    ("x", "X", "https://x.com/intent/post", "url", "text"),
    ("reddit", "Reddit", "https://www.reddit.com/submit", "url", "title"),
)


@cache
def layout():
    """The settings a rendering depends on, as stored beside it. Worked out once per process:
    lists compare it with every stored card and Related Articles entry they show."""
    from articles.page_head import site_identity

    options = settings.FILMCULTURE
    # Cards carry the publication date as shown in the site's time zone; heads, the site's
    # name and images.
    return (
        f"v{RENDERING_VERSION} ads={int(bool(options['ADS_ENABLED']))} "
        f"every={options['AD_EVERY_N_PARAGRAPHS']} tz={settings.TIME_ZONE} "
        f"site={site_identity()}"
    )


@receiver(setting_changed)
def _forget_layout(*, setting, **kwargs):
    from articles.page_head import SITE_SETTINGS

    if setting in SITE_SETTINGS or setting == "TIME_ZONE":
        layout.cache_clear()


NO_CARD = SafeString("")


@dataclass(frozen=True)
class EssayParts:
    body: SafeString
    authors: SafeString
    share_bar: SafeString
    reading_minutes: int
    word_count: int = 0
    # (name, address) of each author, in byline order.
    author_links: tuple = ()
    # The card in lists, but for its section.
    card: SafeString = NO_CARD
    # The essay's entry in other essays' Related Articles lists (stored apart:
    # `ArticleRelatedItem`; not read back with the page's parts).
    related_item: SafeString = NO_CARD
    # The page's <head> (`page_head.essay_head`); empty when rendered live.
    head: SafeString = NO_CARD

    def for_origin(self, origin):
        """The parts with share links pointing at `origin` (https://host)."""
        from articles.structured_data import SCRIPT_SAFE  # it imports this module

        share = self.share_bar.replace(quote_plus(ORIGIN, safe=""), quote_plus(origin, safe=""))
        head = self.head.replace(HEAD_ORIGIN, escape(origin)).replace(
            HEAD_ORIGIN_IN_JSON, json.dumps(origin)[1:-1].translate(SCRIPT_SAFE)
        )
        # The origin goes in escaped for where it lands: no quote or bracket reaches the
        # markup, and no <, > or & the JSON-LD block.
        return replace(self, share_bar=mark_safe(share), head=mark_safe(head))  # noqa: S308


def body_with_ad_slots(sections, *, every, enabled):
    """
    The essay body as sections of paragraphs, each paragraph flagged when an advertisement
    slot follows it: after every `every`-th paragraph counted across the whole essay, never
    after the last one. `sections` are (heading, paragraphs).
    """
    laid_out = []
    total = sum(len(paragraphs) for _, paragraphs in sections)
    number = ad_number = 0
    for heading, texts in sections:
        paragraphs = []
        for text in texts:
            number += 1
            ad_after = enabled and number % every == 0 and number < total
            ad_number += ad_after
            paragraphs.append({"text": text, "ad_after": ad_after, "ad_number": ad_number})
        laid_out.append({"heading": heading, "paragraphs": paragraphs})
    return laid_out


def share_links(url, title):
    links = []
    for key, name, endpoint, url_param, title_param in SHARE_TARGETS:
        query = {url_param: url}
        if title_param:
            query[title_param] = title
        links.append({"key": key, "name": name, "href": f"{endpoint}?{urlencode(query)}"})
    return links


@dataclass(frozen=True)
class CardEssay:
    """What a card shows of an essay, for rendering it from plain values."""

    title: str
    standfirst: str
    published_at: object
    path: str

    def get_absolute_url(self):
        return self.path


def head_for_storage(head):
    """A head rendered for the `ORIGIN` site, its origin turned into the stored markers."""
    return head.replace(ORIGIN, HEAD_ORIGIN).replace(json.dumps(ORIGIN)[1:-1], HEAD_ORIGIN_IN_JSON)


def render_parts(*, title, path, sections, authors, standfirst="", published_at=None):
    """
    The parts of an essay page from plain values: `sections` as (heading, paragraphs),
    `authors` as (name, address). Share links carry the ORIGIN placeholder.
    """
    from articles.models.article import split_paragraphs  # models import this module's users

    split = [(heading, split_paragraphs(body)) for heading, body in sections]
    options = settings.FILMCULTURE
    laid_out = body_with_ad_slots(
        split, every=options["AD_EVERY_N_PARAGRAPHS"], enabled=options["ADS_ENABLED"]
    )
    words = sum(len(paragraph.split()) for _, paragraphs in split for paragraph in paragraphs)
    author_links = [{"name": name, "get_absolute_url": url} for name, url in authors]
    authors_html = render_to_string("includes/article_authors.html", {"authors": author_links})
    card = CardEssay(title=title, standfirst=standfirst, published_at=published_at, path=path)
    return EssayParts(
        body=render_to_string("includes/article_body.html", {"sections": laid_out}),
        authors=authors_html,
        share_bar=render_to_string(
            "includes/share_bar.html",
            {"links": share_links(f"{ORIGIN}{path}", title), "title": title},
        ),
        reading_minutes=max(1, round(words / WORDS_PER_MINUTE)),
        word_count=words,
        author_links=tuple((name, url) for name, url in authors),
        card=render_to_string(
            "includes/article_card_text.html", {"article": card, "authors_html": authors_html}
        ),
        related_item=render_to_string("includes/related_item.html", {"related": card}),
    )


def parts_of(article):
    """Rendered now from the essay's sections and authors (saved or, in previews, not)."""
    return render_parts(
        title=article.title,
        path=article.get_absolute_url(),
        sections=[(section.heading, section.body) for section in article.sections.all()],
        authors=[(author.name, author.get_absolute_url()) for author in article.authors.all()],
        standfirst=article.standfirst,
        published_at=article.published_at,
    )


def stored_parts(article):
    """The parts stored for `article` with the current layout, or None."""
    from articles.models import ArticleRendering

    try:
        stored = article.rendering
    except (AttributeError, ArticleRendering.DoesNotExist):  # unsaved, or never rendered
        return None
    if stored.layout != layout():
        return None
    # Stored as render_parts made it, from escaped text; only the services write it.
    return EssayParts(
        body=mark_safe(stored.body_html),  # noqa: S308
        authors=mark_safe(stored.authors_html),  # noqa: S308
        share_bar=mark_safe(stored.share_html),  # noqa: S308
        reading_minutes=stored.reading_minutes,
        word_count=stored.word_count,
        author_links=tuple(tuple(link) for link in stored.author_links),
        card=mark_safe(stored.card_html),  # noqa: S308
        head=mark_safe(stored.head_html),  # noqa: S308
    )


def stored_card(article):
    """
    The essay's card as stored, for lists: only when the list fetched the rendering with its
    essays (`for_listing()`) and it is current; else None, and the card renders live from
    the prefetched authors.
    """
    from articles.models import Article

    if not Article._meta.get_field("rendering").is_cached(article):
        return None
    stored = getattr(article, "rendering", None)
    if stored is None or stored.layout != layout() or not stored.card_html:
        return None
    return mark_safe(stored.card_html)  # noqa: S308  (as stored_parts: services wrote it)


def stored_related_item(article):
    """
    The essay's entry in a Related Articles list as stored, or None (then it renders live):
    the related list's queries read it with each essay (`related.with_stored_item`).
    """
    item = getattr(article, "stored_related_item", None)
    return mark_safe(item) if item else None  # noqa: S308  (as stored_parts)


def with_bylines(essays):
    """
    `essays` (from `for_listing()`) as a list, the authors fetched (one query) for those
    whose card is not stored, so that every card can show its byline.
    """
    from django.db.models import Prefetch, prefetch_related_objects

    from articles.models import Author

    essays = list(essays)
    live = [essay for essay in essays if stored_card(essay) is None]
    if live:
        authors = Author.objects.only("id", "name", "slug")
        prefetch_related_objects(live, Prefetch("authors", queryset=authors))
    return essays


def page_parts(article):
    """
    The essay's parts, stored or rendered now, worked out once per essay object: the page's
    head and body both read them, and a preview renders them live.
    """
    parts = getattr(article, "_page_parts", None)
    if parts is None:
        parts = stored_parts(article) or parts_of(article)
        # The live preview's essay is a frozen stand-in, rendered once per request anyway.
        with suppress(AttributeError):
            article._page_parts = parts
    return parts
