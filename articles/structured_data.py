"""
JSON-LD (schema.org) for every reader page, built as plain dicts from objects.

Pure functions: they take the site (`SiteInfo`: origin, name, images) and the objects a page
shows, and return data; nothing here reads the request or the database beyond what the
objects already hold (an essay needs `for_detail()`'s prefetches). That keeps an essay's
graph a function of the essay alone, so it can be computed once at publish time. Turning
the data into a safe <script> block is `articles.templatetags.discovery_tags.json_ld`.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import to_locale

from articles import rendering
from articles.inline_markup import plain_text

SCHEMA = "https://schema.org"

# Inside <script>, only "</script" or "<!--" could end or confuse the block; with every
# <, > and & written as a JSON escape no editor text can spell either, and the JSON means
# exactly the same (the same escapes as Django's json_script).
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass(frozen=True)
class SiteInfo:
    """What every page says about the publication, with absolute addresses."""

    origin: str  # scheme and host, no trailing slash
    name: str
    description: str
    language: str
    logo: Image
    share_image: Image  # the card shown when a page has no image of its own
    search_url: str | None = None  # absolute, with {search_term_string}; None: no search

    def url(self, path):
        return f"{self.origin}{path}"

    @property
    def locale(self):
        """OpenGraph's form of the language: en_US for en-us."""
        return to_locale(self.language)


def iso_datetime(value):
    """A timestamp with its offset, in the site's time zone: 2026-03-01T09:30:00+01:00."""
    return timezone.localtime(value).isoformat() if value else None


def lead_image(article, site):
    """The essay's lead image as an absolute `Image`, or the site's share image."""
    if article.lead_image:
        return Image(
            url=site.url(article.lead_image.url),
            width=article.lead_image_width,
            height=article.lead_image_height,
            alt=article.lead_image_alt,
        )
    return site.share_image


def image_object(image):
    data = {"@type": "ImageObject", "url": image.url}
    if image.width and image.height:
        data |= {"width": image.width, "height": image.height}
    return data


def organization(site):
    return {
        "@type": "Organization",
        "@id": site.url("/#organization"),
        "name": site.name,
        "url": site.url("/"),
        "logo": image_object(site.logo),
    }


def person(author, site):
    return person_at(author.name, author.get_absolute_url(), site)


def person_at(name, path, site):
    # Name and address only: lists fetch authors without their bios.
    return {"@type": "Person", "name": name, "url": site.url(path)}


def breadcrumbs(trail, site):
    """A `BreadcrumbList` from (name, path) pairs, home first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": site.url(path)}
            for number, (name, path) in enumerate(trail, start=1)
        ],
    }


def graph(*nodes):
    return {"@context": SCHEMA, "@graph": [node for node in nodes if node]}


def news_article(article, site, parts=None):
    """The essay as a `NewsArticle`: what search engines show in results and carousels."""
    url = site.url(article.get_absolute_url())
    # Word count and authors as stored at the last save (live only when that is missing).
    parts = parts or rendering.page_parts(article)
    data = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": article.title,
        "description": plain_text(article.standfirst),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(article.updated_at or article.published_at),
        "author": [person_at(name, path, site) for name, path in parts.author_links],
        "image": [image_object(lead_image(article, site))],
        "publisher": organization(site),
        "inLanguage": site.language,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": parts.word_count,
        "isPartOf": {"@id": site.url("/#website")},
    }
    if article.category:
        data["articleSection"] = article.category.name
    return data


def essay_trail(article):
    trail = [("Home", "/")]
    if article.category:
        trail.append((article.category.name, article.category.get_absolute_url()))
    return [*trail, (article.title, article.get_absolute_url())]


def essay_graph(article, site, parts=None):
    """Everything an essay page carries: the article and where it sits on the site."""
    return graph(news_article(article, site, parts), breadcrumbs(essay_trail(article), site))


def website(site):
    data = {
        "@type": "WebSite",
        "@id": site.url("/#website"),
        "name": site.name,
        "description": site.description,
        "url": site.url("/"),
        "inLanguage": site.language,
        "publisher": {"@id": site.url("/#organization")},
    }
    if site.search_url:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": site.search_url},
            "query-input": "required name=search_term_string",
        }
    return data


def home_graph(site, essays):
    return graph(website(site), organization(site), essay_list(essays, site))


def essay_list(essays, site):
    """The essays a list page shows, in order, as an `ItemList` of their addresses."""
    return {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "url": site.url(essay.get_absolute_url()),
                "name": essay.title,
            }
            for number, essay in enumerate(essays, start=1)
        ],
    }


def collection_page(*, name, description, path, trail, essays, site, kinds=("CollectionPage",)):
    """A page listing essays (a section, tag, author or archive page)."""
    url = site.url(path)
    return {
        "@type": kinds[0] if len(kinds) == 1 else list(kinds),
        "@id": url,
        "url": url,
        "name": name,
        "description": description,
        "inLanguage": site.language,
        "isPartOf": {"@type": "WebSite", "@id": site.url("/#website"), "name": site.name},
        "breadcrumb": breadcrumbs(trail, site),
        "mainEntity": essay_list(essays, site),
    }


def listing_graph(*, name, description, path, trail, essays, site):
    page = collection_page(
        name=name, description=description, path=path, trail=trail, essays=essays, site=site
    )
    return graph(page)


def author_graph(*, author, description, path, essays, site):
    """An author's page: their profile, and the essays it lists."""
    trail = [("Home", "/"), (author.name, author.get_absolute_url())]
    page = collection_page(
        name=author.name,
        description=description,
        path=path,
        trail=trail,
        essays=essays,
        site=site,
        kinds=("ProfilePage", "CollectionPage"),
    )
    # A profile page's subject is the person; the essays stay listed as its parts.
    page["hasPart"] = page.pop("mainEntity")
    page["mainEntity"] = person(author, site)
    if author.bio:
        page["mainEntity"]["description"] = plain_text(author.bio)
    return graph(page)


def web_page(*, name, description, path, trail, site):
    """Any other reader page (the feed index): what it is and where it sits."""
    url = site.url(path)
    return graph(
        {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": name,
            "description": description,
            "inLanguage": site.language,
            "isPartOf": {"@type": "WebSite", "@id": site.url("/#website"), "name": site.name},
            "breadcrumb": breadcrumbs(trail, site),
        }
    )
