"""The POST data of the admin's essay form, as a browser would send it."""

from html.parser import HTMLParser

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
        "category": category.pk if category else "",
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


class _FormFields(HTMLParser):
    """The fields of the admin's essay form as a browser would submit them."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or not attrs.get("name"):
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "checkbox", "file", "radio"):
            self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "input" and kind in ("checkbox", "radio") and "checked" in attrs:
            self.data.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]

    def handle_data(self, text):
        if self.textarea:
            self.data[self.textarea] += text

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "textarea":
            # Browsers drop the newline that follows <textarea>.
            name = self.textarea
            self.data[name] = self.data[name].removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


class _Options(HTMLParser):
    def __init__(self, data):
        super().__init__()
        self.data, self.select, self.multiple = data, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select, self.multiple = attrs.get("name"), "multiple" in attrs
        elif tag == "option" and self.select and "selected" in attrs:
            if self.multiple:
                self.data.setdefault(self.select, []).append(attrs.get("value", ""))
            else:
                self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def form_from_page(html, form_id="article_form"):
    """What pressing "Save" on the page's essay form would post, unchanged."""
    fields = _FormFields(form_id)
    fields.feed(html)
    _Options(fields.data).feed(html)
    fields.data["_save"] = "Save"
    return fields.data
