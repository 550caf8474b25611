"""
RSS 2.0 and Atom feeds: the newest essays of the site, a section, a tag or an author, in
full text (the essay body as on its page, without advertisement slots), with authors,
categories and the lead image as an enclosure. Served with an ETag and Last-Modified, so
feed readers polling an unchanged feed get a 304, and cached with the keys of what they
show (docs/caching.md): a change refreshes the feeds showing what it changed, no others.
"""

import mimetypes
import re
import xml.etree.ElementTree as ElementTree
from contextvars import ContextVar
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import wraps

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.http import http_date, parse_http_date_safe

from articles import caching
from articles.caching import public_page
from articles.inline_markup import render_inline
from articles.models import Article, Author, Category, Section, Tag, TaggedArticle
from articles.page_head import site_origin
from articles.rendering import body_with_ad_slots

FEED_SIZE = 30

# What the essay body's HTML may contain once in a feed reader: the markup the body
# template and inline marks produce, nothing else. A second line of defence; the template
# already escapes every character an editor typed.
BODY_TAGS = {"div", "section", "h2", "p", "em", "strong", "a"}
BODY_ATTRIBUTES = {"a": {"href"}}
BODY_URL_SCHEMES = {"http", "https", "mailto"}
LINE_BREAKS = re.compile(r"\s*\n\s*")
# The origin (https://host) of the feed being built, for absolute addresses in its items,
# and its request, which the page cache asks what the feed shows.
_origin = ContextVar("feed_origin")
_request = ContextVar("feed_request")


def essay_html(article, origin):
    """
    The essay body as sanitised HTML for a feed: the reader page's own template with the
    ad slots left out, site-relative links made absolute (a feed reader has no page to
    resolve them against).
    """
    sections = body_with_ad_slots(
        [(section.heading, section.paragraphs) for section in article.sections.all()],
        every=1,
        enabled=False,
    )
    html = render_to_string("includes/article_body.html", {"sections": sections})

    def absolute_links(tag, attribute, value):
        if tag == "a" and attribute == "href" and value.startswith("/"):
            return f"{origin}{value}"
        return value

    # The template's indentation means nothing to a feed reader; a newline keeps words apart.
    html = LINE_BREAKS.sub("\n", html).strip()
    return nh3.clean(
        html,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=BODY_URL_SCHEMES,
        attribute_filter=absolute_links,
        link_rel="nofollow",
    )


class FullTextRssFeed(Rss201rev2Feed):
    """RSS 2.0 with each essay's body in content:encoded."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class FullTextAtomFeed(Atom1Feed):
    """Atom with each essay's body as HTML content beside its summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class LatestEssaysFeed(Feed):
    feed_type = FullTextRssFeed
    description = "The newest long-form essays on film culture."

    def get_feed(self, obj, request):
        # One feed object serves every thread: the request's origin, which the bodies' links
        # and enclosures need, travels in a context variable rather than on `self`.
        token, request_token = _origin.set(site_origin(request)), _request.set(request)
        try:
            return super().get_feed(obj, request)
        finally:
            _origin.reset(token)
            _request.reset(request_token)

    def title(self, obj=None):
        return settings.FILMCULTURE["SITE_NAME"]

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else "/"

    def author_name(self, obj=None):
        # Atom requires an author for every entry: essays without a byline inherit this one.
        return settings.FILMCULTURE["SITE_NAME"]

    def essays(self):
        sections = Section.objects.order_by("position", "id")
        authors = Author.objects.only("id", "name", "slug")
        return (
            Article.objects.published()
            .select_related("category")
            .prefetch_related(
                Prefetch("authors", queryset=authors),
                "tags",
                Prefetch("sections", queryset=sections),
            )
            .newest_first()
        )

    def list_shown(self, obj):
        """The key of the list this feed shows (docs/caching.md)."""
        return "list:home"

    def items(self, obj=None):
        essays = list(self.owned_essays(obj)[:FEED_SIZE])
        # Each item shows its essay, section, authors and tags; the feed's own title and
        # description, its section's, tag's or author's.
        tags = [tag for essay in essays for tag in essay.tags.all()]
        caching.shows(_request.get(None), self.list_shown(obj), obj, essays, tags)
        return essays

    def owned_essays(self, obj):
        return self.essays()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show descriptions as HTML: the editor's text goes through the same
        # escaping and marks as on the essay page, never as markup of its own.
        return render_inline(item.standfirst)

    def item_extra_kwargs(self, item):
        return {"content_html": essay_html(item, _origin.get())}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_author_link(self, item):
        authors = item.authors.all()
        return f"{_origin.get()}{authors[0].get_absolute_url()}" if len(authors) == 1 else None

    def item_categories(self, item):
        section = [item.category.name] if item.category else []
        return section + [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        if not item.lead_image:
            return []
        try:
            length = item.lead_image.size
        except OSError:  # the file is gone from storage: no enclosure rather than no feed
            return []
        mime_type = mimetypes.guess_type(item.lead_image.name)[0] or "application/octet-stream"
        url = f"{_origin.get()}{item.lead_image.url}"
        return [Enclosure(url, str(length), mime_type)]


class LatestEssaysAtomFeed(LatestEssaysFeed):
    feed_type = FullTextAtomFeed
    subtitle = LatestEssaysFeed.description


class ListingFeed(LatestEssaysFeed):
    """The newest essays of one section, tag or author; subclasses say which and how."""

    owner_model = None
    owner_phrase = ""

    # Tags and authors exist for readers only through published essays: one known only
    # from drafts must not show its name (or an author's bio) to anyone.
    needs_published_essays = False

    def get_object(self, request, slug):
        owner = get_object_or_404(self.owner_model, slug=slug)
        if self.needs_published_essays and not self.owned_essays(owner).exists():
            raise Http404(f"No {self.owner_model._meta.verbose_name} at this address.")
        return owner

    def title(self, obj=None):
        return f"{obj.name} · {settings.FILMCULTURE['SITE_NAME']}"

    def description(self, obj=None):
        own_words = getattr(obj, "description", "") or getattr(obj, "bio", "")
        return render_inline(own_words or f"The newest essays {self.owner_phrase} {obj.name}.")

    def subtitle(self, obj=None):  # Atom's name for the description
        return self.description(obj)

    def list_shown(self, obj):
        return f"list:{self.owner_model._meta.model_name}:{obj.pk}"


class CategoryFeed(ListingFeed):
    owner_model = Category
    owner_phrase = "in"

    def owned_essays(self, category):
        return self.essays().filter(category=category)


class TagFeed(ListingFeed):
    owner_model = Tag
    owner_phrase = "tagged"
    needs_published_essays = True

    def owned_essays(self, tag):
        return self.essays().filter(tagged_items__tag=tag)


class AuthorFeed(ListingFeed):
    owner_model = Author
    owner_phrase = "by"
    needs_published_essays = True

    def owned_essays(self, author):
        return self.essays().by_author(author)


class CategoryAtomFeed(CategoryFeed):
    feed_type = FullTextAtomFeed


class TagAtomFeed(TagFeed):
    feed_type = FullTextAtomFeed


class AuthorAtomFeed(AuthorFeed):
    feed_type = FullTextAtomFeed


def feed_updated(content):
    """When a feed last changed, as its own XML says (RSS lastBuildDate, Atom updated)."""
    try:
        root = ElementTree.fromstring(content)  # noqa: S314  (the feed this site just wrote)
    except ElementTree.ParseError:
        return None
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "lastBuildDate" and element.text:
            return parsedate_to_datetime(element.text).timestamp()
        if name == "updated" and element.text:
            return datetime.fromisoformat(element.text).timestamp()
    return None


def conditional_feed(feed):
    """
    A feed view behind the page cache, answering 304 to a reader that has this version
    (If-None-Match on a hash of the XML, If-Modified-Since on the feed's own date).
    """
    view = public_page(feed)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        # The page cache keeps the body only: the date is read back from the XML.
        if not response.has_header("Last-Modified") and (stamp := feed_updated(response.content)):
            response["Last-Modified"] = http_date(stamp)
        set_response_etag(response)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"])
            if response.has_header("Last-Modified")
            else None,
            response=response,
        )

    return wrapper


def feed_directory():
    """Everything with a feed, for the feed index: sections, tags and authors readers see."""
    published = Article.objects.published()
    tag_in_use = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=published)
    author_in_use = published.by_author(OuterRef("pk"))
    return {
        "sections": Category.objects.order_by("name"),
        "tags": Tag.objects.filter(Exists(tag_in_use)).order_by("name"),
        "authors": Author.objects.filter(Exists(author_in_use)).order_by("name"),
    }
