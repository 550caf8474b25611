"""
The <head> of reader pages: canonical address, description, social cards and JSON-LD, one
tag per page type over `social_meta` and `structured_data`, and the one safe way to embed
JSON-LD (`json_ld`).
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import rendering, social_meta, structured_data
from articles.page_head import essay_head as rendered_essay_head
from articles.page_head import head_context, site_info, site_origin
from articles.structured_data import SCRIPT_SAFE

register = template.Library()

LISTING_PHRASES = {"Author": "by", "Section": "in", "Tag": "tagged"}


@register.filter
def json_ld(data):
    """A JSON-LD <script> block for data built by `structured_data`."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308  (every <, > and & is escaped above)


def page_number(context):
    page = context.get("page_obj")
    return page.number if page else 1


def numbered(title, context):
    number = page_number(context)
    return f"{title}, page {number}" if number > 1 else title


@register.simple_tag(takes_context=True)
def essay_head(context, article):
    """As stored at the essay's last save, or rendered now (previews, older renderings)."""
    request = context["request"]
    parts = rendering.page_parts(article)
    if parts.head:
        return parts.for_origin(site_origin(request)).head
    return rendered_essay_head(article, site_info(request), parts)


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def home_head(context):
    site = site_info(context["request"])
    meta = social_meta.page_meta(
        title=numbered(site.name, context),
        description=site.description,
        path=reverse("articles:home"),
        page_number=page_number(context),
        site=site,
    )
    return head_context(site, meta, structured_data.home_graph(site, context.get("articles") or []))


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def listing_head(context):
    """A section, tag or author page: the owner's own words describe it."""
    site = site_info(context["request"])
    owner = context["owner"]
    own_words = getattr(owner, "description", "") or getattr(owner, "bio", "")
    kind = context["owner_kind"]
    fallback = f"Essays {LISTING_PHRASES[kind]} {owner}."
    path = owner.get_absolute_url()
    meta = social_meta.page_meta(
        title=numbered(f"{owner}", context),
        description=own_words or fallback,
        path=path,
        page_number=page_number(context),
        site=site,
        og_type="profile" if kind == "Author" else "website",
    )
    essays = context.get("articles") or []
    if kind == "Author":
        data = structured_data.author_graph(
            author=owner, description=meta.description, path=path, essays=essays, site=site
        )
    else:
        data = structured_data.listing_graph(
            name=f"{owner}",
            description=meta.description,
            path=path,
            trail=[("Home", "/"), (f"{owner}", path)],
            essays=essays,
            site=site,
        )
    return head_context(site, meta, data)


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def archive_head(context):
    """The archive index, a year or a month."""
    site = site_info(context["request"])
    trail = [("Home", "/"), ("Archive", reverse("articles:archive"))]
    if month := context.get("month"):
        trail.append((month.strftime("%Y"), reverse("articles:archive_year", args=[month.year])))
        name = f"Essays from {month.strftime('%B %Y')}"
        description = f"The essays {site.name} published in {month.strftime('%B %Y')}."
        path = reverse("articles:archive_month", args=[month.year, month.month])
        trail.append((month.strftime("%B %Y"), path))
    elif year := context.get("year"):
        name = f"Essays from {year.year}"
        description = f"The essays {site.name} published in {year.year}."
        path = reverse("articles:archive_year", args=[year.year])
        trail.append((str(year.year), path))
    else:
        name = f"Archive of {site.name}"
        description = f"Every essay {site.name} has published, month by month."
        path = reverse("articles:archive")
    meta = social_meta.page_meta(
        title=numbered(name, context),
        description=description,
        path=path,
        page_number=page_number(context),
        site=site,
    )
    data = structured_data.listing_graph(
        name=name,
        description=meta.description,
        path=path,
        trail=trail,
        essays=context.get("articles") or [],
        site=site,
    )
    return head_context(site, meta, data)


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_head(context, title, description):
    """A one-off page at the address it was asked for (the feed index)."""
    request = context["request"]
    site = site_info(request)
    meta = social_meta.page_meta(
        title=title, description=description, path=request.path, page_number=1, site=site
    )
    data = structured_data.web_page(
        name=title,
        description=meta.description,
        path=request.path,
        trail=[("Home", "/"), (title, request.path)],
        site=site,
    )
    return head_context(site, meta, data)
