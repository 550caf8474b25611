"""
What a page tells search engines and social networks in its <head>: the canonical address,
the meta description, OpenGraph and the Twitter card. Pure functions from the objects a
page shows to a `PageMeta`; `templates/includes/page_meta.html` writes it out.
"""

from dataclasses import dataclass, field

from articles import rendering
from articles.inline_markup import plain_text
from articles.structured_data import Image, SiteInfo, iso_datetime, lead_image

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160
TRAILING_PUNCTUATION = " ,;:.-\u2013\u2014"  # and en and em dashes


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical: str
    image: Image
    og_type: str = "website"
    # og:type article only: times with offsets, author page addresses, section, tag names.
    published_time: str | None = None
    modified_time: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str = ""
    tags: list[str] = field(default_factory=list)


def describe(text, fallback=""):
    """
    Editor text as a meta description: marks and links reduced to their words, whitespace
    collapsed, cut at a word boundary near 160 characters with an ellipsis.
    """
    words = " ".join(plain_text(text or "").split()) or fallback
    if len(words) <= DESCRIPTION_LENGTH:
        return words
    cut = words[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0]
    return f"{cut.rstrip(TRAILING_PUNCTUATION)}…"


def canonical_url(site, path, page_number=1):
    """The page's one address: any other query parameter (utm_*, fbclid...) is dropped."""
    url = site.url(path)
    return f"{url}?page={page_number}" if page_number and page_number > 1 else url


def essay_meta(article, site: SiteInfo, parts=None):
    """`parts`: the essay's `rendering.EssayParts`, when already at hand."""
    parts = parts or rendering.page_parts(article)
    return PageMeta(
        title=article.title,
        description=describe(article.standfirst, site.description),
        canonical=canonical_url(site, article.get_absolute_url()),
        image=lead_image(article, site),
        og_type="article",
        published_time=iso_datetime(article.published_at),
        modified_time=iso_datetime(article.updated_at or article.published_at),
        authors=[site.url(path) for _, path in parts.author_links],
        section=article.category.name if article.category else "",
        tags=[tag.name for tag in article.tags.all()],
    )


def page_meta(*, title, description, path, page_number, site: SiteInfo, og_type="website"):
    """A list page (home, section, tag, author, archive): its own words, or the site's."""
    return PageMeta(
        title=title,
        description=describe(description, site.description),
        canonical=canonical_url(site, path, page_number),
        image=site.share_image,
        og_type=og_type,
    )
