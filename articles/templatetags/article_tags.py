"""Presentation helpers for essay pages: the stored (or live) page parts, inline marks."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from articles import caching, rendering
from articles.addresses import fixed_address
from articles.inline_markup import render_inline
from articles.models import Category
from articles.page_head import site_origin

register = template.Library()


@register.filter
def inline_markup(text):
    return render_inline(text)


def absolute_url(request, path):
    origin = settings.FILMCULTURE["SITE_URL"]
    return f"{origin}{path}" if origin else request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def essay_parts(context, article):
    """Body with ad slots, byline authors, share bar and reading time: stored at the last
    save (`articles.rendering`), or rendered now for an unsaved preview."""
    return rendering.page_parts(article).for_origin(site_origin(context["request"]))


@register.simple_tag(takes_context=True)
def canonical_url(context, obj_or_path):
    path = obj_or_path if isinstance(obj_or_path, str) else obj_or_path.get_absolute_url()
    return absolute_url(context["request"], path)


@register.simple_tag
def stored_card(article):
    """A card's title, standfirst and byline as stored at the essay's last save, or None."""
    return rendering.stored_card(article)


@register.simple_tag
def stored_related_item(article):
    """An entry of the Related Articles list as stored at the essay's last save, or None."""
    return rendering.stored_related_item(article)


@register.simple_tag
def address(view_name):
    """`{% url view_name %}` for a view without arguments, worked out once per process."""
    return fixed_address(view_name)


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The header's list of sections, rendered once per process and change of sections."""
    request = context["request"]

    def render():
        categories = Category.objects.only("name", "slug")
        return render_to_string("includes/site_nav.html", {"categories": categories})

    return caching.fragment(request, "site_nav", ["sections"], render)
