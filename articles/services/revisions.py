"""
Revisions: every save of an essay through `pages.article_save` stores the whole essay as
it then stands (`snapshot`), numbered 1, 2, 3 ... with who, when, an optional comment and
the workflow step taken on it. The essay's `version` is its newest revision's number: the
change form carries the version it was loaded from, and a save from an older one is
refused (`EditConflict`) rather than overwriting what someone else saved meanwhile.

docs/revisions.md says why these are our own rows rather than django-reversion's.
"""

from django.utils import timezone

from articles.bulk_insert import insert_rows
from articles.models import Article, Author, Category, Revision, Tag
from articles.plain_text import tidy


class EditConflict(Exception):
    """Someone saved the essay after the form was loaded; nothing was written."""

    def __init__(self, *, article, base_version, current_version):
        self.article = article
        self.base_version = base_version
        self.current_version = current_version
        super().__init__(
            f"“{article.title}” was saved by someone else (version {current_version}) after you "
            f"opened it (version {base_version})."
        )

    @property
    def theirs(self):
        return Revision.objects.filter(article=self.article, number=self.current_version).first()

    @property
    def base(self):
        # Version 0 is an essay from before revisions; its first save kept it as revision 1.
        number = self.base_version or 1
        return Revision.objects.filter(article=self.article, number=number).first()


def snapshot(article, *, sections=None, authors=None, tags=None, pins=None):
    """
    The essay as plain data. Parts passed in (as just written) are used as they are; the
    rest is read from the database.
    """
    if sections is None:
        sections = list(article.sections.order_by("position", "id").values_list("heading", "body"))
    if authors is None:
        authors = list(article.authors.order_by("name", "id"))
    if tags is None:
        tags = list(Tag.objects.filter(tagged_articles__content_object=article).order_by("name"))
    if pins is None:
        pins = list(
            article.pinned_links.order_by("position", "id").values_list(
                "position", "target", "reference_summary", "reference_date"
            )
        )
    category = article.category if article.category_id else None
    return {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "status": article.status,
        "published_at": _iso(article.published_at),
        "suggested_published_at": _iso(article.suggested_published_at),
        "owner": article.owner_id,
        "category": {"id": category.pk, "name": category.name} if category else None,
        "authors": [{"id": author.pk, "name": author.name} for author in authors],
        "tags": [tag.name for tag in tags],
        "sections": [{"heading": heading, "body": body} for heading, body in sections],
        "pins": [
            {"target": target, "summary": summary, "date": _iso(day)}
            for _, target, summary, day in pins
        ],
        "lead_image": {
            "name": article.lead_image.name or "",
            "alt": article.lead_image_alt,
            "credit": article.lead_image_credit,
        },
    }


def _iso(value):
    return value.isoformat() if value is not None else None


def revision_store(*, article, by, number, comment="", content=None):
    """Called by the services inside their transaction, with the essay as just written."""
    insert_rows(
        Revision,
        ["article", "number", "created_at", "author", "comment", "transition", "content"],
        [(article.pk, number, timezone.now(), by.pk if by is not None else None,
          tidy(comment).strip()[:300], "", Revision.pack(content or snapshot(article)))],
    )  # fmt: skip


def transition_note(*, article, action):
    """The workflow step just taken on the essay's newest revision."""
    Revision.objects.filter(article=article, number=article.version).update(transition=action)


def restore_plan(revision):
    """
    What restoring `revision` saves: its text, section, tags, authors, pins and lead image
    details. Its status, date, address and owner stay as they are now (those change through
    the workflow); authors and pinned essays deleted since are left out.
    """
    from articles.services.pages import PinData, SectionData

    data = revision.snapshot()
    article = Article.objects.get(pk=revision.article_id)
    article.title = data["title"]
    article.standfirst = data["standfirst"]
    category = data["category"] and Category.objects.filter(pk=data["category"]["id"]).first()
    article.category = category or None
    image = data["lead_image"]
    # A replaced image's file is deleted once the save commits (services.pages): where it
    # is gone, the essay keeps the image it has rather than pointing at a missing file.
    if not image["name"] or article.lead_image.storage.exists(image["name"]):
        article.lead_image_alt = image["alt"]
        article.lead_image_credit = image["credit"]
        if image["name"] != (article.lead_image.name or ""):
            article.lead_image = image["name"]
    author_ids = [author["id"] for author in data["authors"]]
    existing = Author.objects.in_bulk(author_ids)
    live_targets = set(
        Article.objects.filter(pk__in=[p["target"] for p in data["pins"] if p["target"]])
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
    )
    pins = [
        PinData(pin["target"], pin["summary"], _date(pin["date"]))
        for pin in data["pins"]
        if pin["target"] is None or pin["target"] in live_targets
    ]
    return {
        "article": article,
        "sections": [SectionData(s["heading"], s["body"]) for s in data["sections"]],
        "authors": [existing[pk] for pk in author_ids if pk in existing],
        "tags": data["tags"],
        "pins": [pin for pin in pins if pin.target_id or pin.reference_summary.strip()],
    }


def _date(value):
    from datetime import date

    return date.fromisoformat(value) if value else None


def revision_restore(*, revision: Revision, by, comment: str = "") -> Article:
    """
    Save the essay again as `revision` had it: a new revision, through `article_save` and
    so with its rules (a writer restores only over their own draft).
    """
    from articles.services.pages import article_save

    plan = restore_plan(revision)
    return article_save(
        **plan,
        by=by,
        comment=comment or f"Restored revision {revision.number}.",
    )
