"""Presentation helpers for essay pages: body with ad slots, share links, inline marks."""

from urllib.parse import urlencode

from django import template
from django.conf import settings

from articles.inline_markup import render_inline

register = template.Library()

SHARE_TARGETS = (
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php", "u", None),
    ("x", "X", "https://x.com/intent/post", "url", "text"),
    ("reddit", "Reddit", "https://www.reddit.com/submit", "url", "title"),
)


@register.filter
def inline_markup(text):
    return render_inline(text)


def body_with_ad_slots(sections, *, every, enabled):
    """
    The essay body as sections of paragraphs, each paragraph flagged when an advertisement
    slot follows it: after every `every`-th paragraph counted across the whole essay, never
    after the last one.
    """
    laid_out = []
    paragraphs_by_section = [(section.heading, section.paragraphs) for section in sections]
    total = sum(len(paragraphs) for _, paragraphs in paragraphs_by_section)
    number = ad_number = 0
    for heading, texts in paragraphs_by_section:
        paragraphs = []
        for text in texts:
            number += 1
            ad_after = enabled and number % every == 0 and number < total
            ad_number += ad_after
            paragraphs.append({"text": text, "ad_after": ad_after, "ad_number": ad_number})
        laid_out.append({"heading": heading, "paragraphs": paragraphs})
    return laid_out


@register.inclusion_tag("includes/article_body.html")
def article_body(article):
    options = settings.FILMCULTURE
    return {
        "sections": body_with_ad_slots(
            list(article.sections.all()),
            every=options["AD_EVERY_N_PARAGRAPHS"],
            enabled=options["ADS_ENABLED"],
        )
    }


def absolute_url(request, path):
    origin = settings.FILMCULTURE["SITE_URL"]
    return f"{origin}{path}" if origin else request.build_absolute_uri(path)


def share_links(url, title):
    links = []
    for key, name, endpoint, url_param, title_param in SHARE_TARGETS:
        query = {url_param: url}
        if title_param:
            query[title_param] = title
        links.append({"key": key, "name": name, "href": f"{endpoint}?{urlencode(query)}"})
    return links


@register.inclusion_tag("includes/share_bar.html", takes_context=True)
def share_bar(context, article):
    url = absolute_url(context["request"], article.get_absolute_url())
    return {"links": share_links(url, article.title), "title": article.title}


@register.simple_tag(takes_context=True)
def canonical_url(context, obj_or_path):
    path = obj_or_path if isinstance(obj_or_path, str) else obj_or_path.get_absolute_url()
    return absolute_url(context["request"], path)
