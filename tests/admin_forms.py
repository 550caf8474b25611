"""The POST data of the admin's essay form, as a browser would send it."""

from django.urls import reverse
from django.utils import timezone

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def split_datetime(value, name):
    if value is None:
        return {f"{name}_0": "", f"{name}_1": ""}
    local = timezone.localtime(value)
    return {f"{name}_0": f"{local:%Y-%m-%d}", f"{name}_1": f"{local:%H:%M:%S}"}


def _management(prefix, total, initial, minimum):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": str(minimum),
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def new_essay_form(category, *, sections=((1, "", "A first paragraph."),), **overrides):
    """A new essay: `sections` are (position, heading, body)."""
    data = {
        "title": "The long take in Georgian cinema",
        "slug": "the-long-take-in-georgian-cinema",
        "standfirst": "How patience became a style, and a politics.",
        **split_datetime(None, "published_at"),
        **split_datetime(None, "suggested_published_at"),
        "category": category.pk,
        "tags": "georgian cinema, long takes",
        "lead_image_alt": "",
        "lead_image_credit": "",
        "transition_comment": "",
        **_management("sections", len(sections), 0, 1),
        **_management("pinned_links", 0, 0, 0),
        "_save": "Save",
    }
    for i, (position, heading, body) in enumerate(sections):
        data.update(
            {
                f"sections-{i}-position": str(position),
                f"sections-{i}-heading": heading,
                f"sections-{i}-body": body,
            }
        )
    data.update(overrides)
    return data


def essay_form(article, **overrides):
    """The change form of `article` as loaded and saved untouched, then `overrides`."""
    sections = list(article.sections.order_by("position", "id"))
    links = list(article.pinned_links.order_by("position", "id"))
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        **split_datetime(article.published_at, "published_at"),
        **split_datetime(article.suggested_published_at, "suggested_published_at"),
        "category": article.category_id,
        "authors": [author.pk for author in article.authors.all()],
        "tags": ", ".join(tag.name for tag in article.tags.all()),
        "lead_image_alt": article.lead_image_alt,
        "lead_image_credit": article.lead_image_credit,
        "transition_comment": "",
        **_management("sections", len(sections), len(sections), 1),
        **_management("pinned_links", len(links), len(links), 0),
        "_save": "Save",
    }
    if article.owner_id:
        data["owner"] = article.owner_id
    for i, section in enumerate(sections):
        data.update(
            {
                f"sections-{i}-id": section.pk,
                f"sections-{i}-article": article.pk,
                f"sections-{i}-position": section.position,
                f"sections-{i}-heading": section.heading,
                f"sections-{i}-body": section.body,
            }
        )
    for i, link in enumerate(links):
        data.update(
            {
                f"pinned_links-{i}-id": link.pk,
                f"pinned_links-{i}-article": article.pk,
                f"pinned_links-{i}-position": link.position,
                f"pinned_links-{i}-target": link.target_id or "",
                f"pinned_links-{i}-reference_summary": link.reference_summary,
                f"pinned_links-{i}-reference_date": link.reference_date or "",
            }
        )
    data.update(overrides)
    return data
