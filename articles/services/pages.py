"""
An essay as a whole: its fields, sections, authors, tags and pinned related links, saved in
one transaction by the admin form, the importer and the demo loader alike.

Status never changes here (that is the workflow's: `articles.services.workflow`); a date
does only for editors. Child rows are written in bulk (`insert_rows`), and only when they
changed: the importer's speed depends on it.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles import caching, images, limits, notifications
from articles.bulk_insert import delete_rows, insert_rows
from articles.models import (
    Article,
    ArticleRedirect,
    ArticleStatus,
    AuditAction,
    AuditEntry,
    Author,
    Byline,
    RelatedLink,
    Revision,
    Section,
    Tag,
    TaggedArticle,
)
from articles.models.taxonomy import tag_slug
from articles.plain_text import tidy, tidy_fields
from articles.services import archive_months, batching, renderings
from articles.services.permissions import Action, require
from articles.services.revisions import EditConflict, revision_store, snapshot
from articles.services.transactions import writing
from articles.services.workflow import (
    article_reassign,
    audit_record,
    require_complete,
    same_moment,
)

# Statuses under which an essay has been readers' and its address may be linked to.
_ADDRESSED = (ArticleStatus.PUBLISHED, ArticleStatus.UNPUBLISHED)


@dataclass(frozen=True)
class SectionData:
    heading: str
    body: str


@dataclass(frozen=True)
class PinData:
    """A pinned related essay, or a reference (summary and date) still waiting for one."""

    target_id: int | None
    reference_summary: str = ""
    reference_date: date | None = None


@contextmanager
def many_changes():
    """
    Many saves that readers may see as one change (an import of thousands of essays):
    cached pages are invalidated once, when the block ends however it ends, instead of
    once per essay.
    """
    with caching.changes_batched():
        yield


def _stored(article):
    """The essay as the database has it, locked for the save where the database can."""
    stored = Article.objects.select_related("category", "owner")
    if transaction.get_connection().in_atomic_block:
        stored = stored.select_for_update(of=("self",))
    return stored.get(pk=article.pk)


def _shown_fields(article):
    """What the stored page parts show of the essay's own fields (the date aside)."""
    return (article.title, article.slug, article.standfirst, article.category_id,
            article.lead_image.name, article.lead_image_alt, article.lead_image_width,
            article.lead_image_height)  # fmt: skip


def article_save(
    *,
    article: Article,
    by,
    sections: list[SectionData] | None = None,
    authors: list | None = None,
    tags: list | None = None,
    pins: list[PinData] | None = None,
    expected_version: int | None = None,
    comment: str = "",
) -> Article:
    """
    Save `article` (new, or edited in memory) with, where given, exactly these sections,
    authors, tags (names or Tags) and pins; None leaves those as they are. Every save
    stores a revision (with `comment`). With `expected_version` (the version a form was
    loaded from), a save over someone else's newer one raises `EditConflict`.

    A new essay starts as a draft owned by `by`. Editing needs the right to edit the essay
    as it is stored (a writer: their own draft); moving its publication date needs the
    publish permission (compared to the second); another owner, the right to reassign.
    A published essay's old address redirects to its new one.
    """
    tidy_fields(article)
    if sections is not None:
        sections = _tidied_sections(sections)
    if pins is not None:
        pins = _tidied_pins(pins)
    comment = tidy(comment)
    creating = article.pk is None
    if creating:
        require(by, Action.CREATE)
        if article.status != ArticleStatus.DRAFT:
            raise ValueError("A new essay starts as a draft; publish it through the workflow.")
        if article.owner_id is None and by is not None:
            article.owner = by
        if article.published_at is not None:
            require(by, Action.PUBLISH)
        stored = None
    else:
        stored = _stored(article)
        require(by, Action.EDIT, stored)
        if expected_version is not None and expected_version != stored.version:
            raise EditConflict(
                article=stored, base_version=expected_version, current_version=stored.version
            )
        if article.status != stored.status:
            raise ValueError("Status changes go through the workflow services.")
        if not same_moment(article.published_at, stored.published_at):
            require(by, Action.PUBLISH, stored)
        else:
            article.published_at = stored.published_at  # keep the stored precision
    _check_tag_names(tags or [])
    limits.check_essay(title=article.title, standfirst=article.standfirst,
                       sections=[(s.heading, s.body) for s in sections or ()])  # fmt: skip
    _verify_new_image(article)
    pin_rows = _pin_rows(article, pins) if pins is not None else None
    reassigning = stored is not None and article.owner_id != stored.owner_id
    if reassigning:
        require(by, Action.REASSIGN, stored)
    with writing():
        _write(article, by=by, stored=stored, sections=sections, authors=authors,
               tags=tags, pin_rows=pin_rows, reassigning=reassigning,
               comment=comment)  # fmt: skip
    if stored is not None:
        _delete_replaced_image(stored.lead_image.name, article)
    return article


def _tidied_sections(sections):
    return [SectionData(heading=tidy(s.heading), body=tidy(s.body)) for s in sections]


def _tidied_pins(pins):
    # Most need nothing, and `replace()` costs more than the check (an import has thousands).
    return [
        pin
        if (summary := tidy(pin.reference_summary)) == pin.reference_summary
        else replace(pin, reference_summary=summary)
        for pin in pins
    ]


def _verify_new_image(article):
    """A lead image not yet stored is checked and cleaned, whoever sets it."""
    image = article.lead_image
    if image and not image._committed:
        try:
            article.lead_image = images.verified(image.file)
        except ValidationError as refusal:
            raise ValidationError({"lead_image": refusal.messages}) from None


def _delete_replaced_image(old_name, article):
    """
    The file of a replaced or removed lead image leaves storage once the save commits
    (never before: a rolled-back save still shows it), unless some essay still uses it.
    """
    if not old_name or old_name == article.lead_image.name:
        return
    storage = article.lead_image.storage

    def delete():
        if not Article.objects.filter(lead_image=old_name).exists():
            storage.delete(old_name)

    transaction.on_commit(delete)


def _check_tag_names(tags):
    for tag in tags:
        if isinstance(tag, str) and not tag_slug(tag):
            raise ValidationError({"tags": f"The tag {tag!r} needs at least one letter or digit."})


def _write(article, *, by, stored, sections, authors, tags, pin_rows, reassigning, comment):
    creating = stored is None
    if stored is not None and stored.version == 0:
        # An essay from before revisions were kept: its state as found becomes revision 1.
        revision_store(article=stored, by=None, number=1, comment="As it was before this save.")
        stored.version = 1
    article.version = (stored.version if stored else 0) + 1
    if not article.slug:
        article.slug = Article.unique_slug_for(article.title, exclude_pk=article.pk)
    if reassigning:
        new_owner, article.owner_id = article.owner, stored.owner_id
    listed_before = caching.list_keys([stored.pk]) if _live_before(stored) else set()
    article.save()
    _keep_old_address(article, stored)
    if creating:
        audit_record(article=article, action=AuditAction.CREATE, by=by,
                     to_status=article.status)  # fmt: skip
    elif article.status == ArticleStatus.PUBLISHED and not same_moment(
        article.published_at, stored.published_at
    ):
        audit_record(
            article=article,
            action=AuditAction.SCHEDULE if article.is_scheduled else AuditAction.PUBLISH,
            by=by,
            from_status=stored.status,
            to_status=article.status,
            comment="Publication date changed.",
            published_at=article.published_at,
        )
    if reassigning:
        article_reassign(article=article, owner=new_owner, by=by)

    written = {}
    sections_changed = authors_changed = creating
    if sections is not None:
        sections_changed, written["sections"] = _save_sections(article, sections, creating)
    if authors is not None:
        authors_changed = _save_authors(article, authors, creating)
        written["authors"] = list(dict.fromkeys(authors))
    tags_changed = False
    if tags is not None:
        tags_changed, written["tags"] = _save_tags(article, tags, creating)
    pins_changed = False
    if pin_rows is not None:
        pins_changed = _save_pins(article, pin_rows, creating)
        written["pins"] = pin_rows
    revision_store(article=article, by=by, number=article.version, comment=comment,
                   content=snapshot(article, **written))  # fmt: skip
    # The page's body, byline, share links and head, rendered once here rather than per
    # request, and the search index: each only when what it is made of changed.
    if (
        sections_changed
        or authors_changed
        or tags_changed
        or _shown_fields(article) != _shown_fields(stored)
        or not same_moment(article.published_at, stored.published_at)
    ):
        _rendering_upkeep(article, creating=creating)
    if sections_changed or (article.title, article.standfirst) != (stored.title, stored.standfirst):
        batching.index([article.pk])
    # A new essay is a draft: in no one's related list, and without a stored list of its own.
    date_moved = stored is not None and not same_moment(article.published_at, stored.published_at)
    if date_moved and article.status == ArticleStatus.PUBLISHED:
        archive_months.months_changed(stored.published_at, article.published_at)
    if (tags_changed and not creating) or (date_moved and article.status in _ADDRESSED):
        batching.related_changed([article.pk])
    if article.status == ArticleStatus.PUBLISHED or (stored and stored.status in _ADDRESSED):
        # The lists an essay is in follow from its section, date, tags and authors (and
        # the essays pinning it, which this save does not touch).
        lists_same = (
            _live_before(stored)
            and not (date_moved or tags_changed or authors_changed)
            and article.category_id == stored.category_id
        )
        _invalidate_saved(
            article,
            listed_before,
            date_moved=date_moved,
            pins_changed=pins_changed,
            lists_same=lists_same,
        )
    return article


def _rendering_upkeep(article, *, creating):
    """
    Readers see published essays only (scheduled ones at their time, with nothing written):
    theirs are rendered at every change. Any other's page is rendered when it is published
    (`workflow`); until then editors' previews render it live, and a page stored while it
    was published would show older text than they wrote, so it goes.
    """
    if article.status == ArticleStatus.PUBLISHED:
        renderings.essay_render(article)
    elif not creating:
        renderings.essay_rendering_drop(article)


def _live_before(stored):
    return stored is not None and stored.status == ArticleStatus.PUBLISHED


def _invalidate_saved(article, listed_before, *, date_moved, pins_changed, lists_same):
    """An edit shows wherever the essay does; lists it entered, left or moved in change too."""
    if lists_same:
        listed = listed_before
    elif article.status == ArticleStatus.PUBLISHED:
        listed = caching.list_keys([article.pk])
    else:
        listed = set()
    moved = listed_before ^ listed if not date_moved else listed_before | listed
    caching.content_changed(
        essays=[article], keys=moved, related=[article.pk] if pins_changed else ()
    )


def _keep_old_address(article, stored):
    # The new address is this essay's even if it once led elsewhere.
    delete_rows(ArticleRedirect, "old_slug", article.slug)
    if stored is not None and stored.slug != article.slug and stored.status in _ADDRESSED:
        ArticleRedirect.objects.update_or_create(
            old_slug=stored.slug, defaults={"article": article}
        )


def _save_sections(article, sections, creating):
    """Returns whether the sections changed, and the sections as written: [(heading, body)]."""
    wanted = _section_rows(sections)
    if not creating:
        current = list(article.sections.order_by("position", "id").values_list("heading", "body"))
        if current == wanted:
            return False, wanted
        Section.objects.filter(article=article).delete()
    insert_rows(
        Section,
        ["article", "position", "heading", "body"],
        ((article.pk, n, heading, body) for n, (heading, body) in enumerate(wanted, start=1)),
    )
    return True, wanted


def _section_rows(sections):
    """The sections as stored: (heading, body), trimmed, the empty ones left out."""
    wanted = [(s.heading.strip(), s.body.strip("\n")) for s in sections]
    return [(heading, body) for heading, body in wanted if heading or body.strip()]


def _save_authors(article, authors, creating):
    """Returns whether the byline changed."""
    wanted = [author.pk for author in dict.fromkeys(authors)]
    existing, removed = set(), 0
    if not creating:
        current = Byline.objects.filter(article=article)
        existing = set(current.values_list("author_id", flat=True))
        if existing == set(wanted):
            return False
        removed, _ = current.exclude(author_id__in=wanted).delete()
    added = insert_rows(
        Byline, ["article", "author"], ((article.pk, pk) for pk in wanted if pk not in existing)
    )
    if added and not creating:
        # A published essay's new authors list it on their pages at its date, as a status
        # or date change would (`related.articles_changed`); a new essay is a draft.
        Byline.objects.date_for_listing([article.pk])
    return bool(removed or added)


def _save_tags(article, tags, creating):
    """Returns whether the essay's tags changed, and the tags."""
    if all(isinstance(tag, Tag) for tag in tags):
        resolved = list({tag.pk: tag for tag in tags}.values())
    else:
        resolved = Tag.objects.resolve(tags)  # names were checked by _check_tag_names
    wanted = [tag.pk for tag in resolved]
    existing = set()
    removed = 0
    if not creating:
        current = TaggedArticle.objects.filter(content_object=article)
        existing = set(current.values_list("tag_id", flat=True))
        if existing - set(wanted):
            removed, _ = current.exclude(tag_id__in=wanted).delete()
    added = insert_rows(
        TaggedArticle,
        ["content_object", "tag"],
        ((article.pk, pk) for pk in wanted if pk not in existing),
    )
    return bool(removed or added), resolved


def _pin_rows(article, pins):
    """The pins as (position, target, summary, date) rows, or a refusal saying what is wrong."""
    rows, seen = [], set()
    for position, pin in enumerate(pins, start=1):
        target = pin.target_id
        if target is not None and target == article.pk:
            raise ValidationError("An essay cannot be related to itself.")
        if target is not None and target in seen:
            raise ValidationError("Pin each related essay once.")
        seen.add(target)
        if target is None and not pin.reference_summary.strip():
            raise ValidationError("A pinned link needs an essay, or the summary it refers to.")
        rows.append((position, target, pin.reference_summary, pin.reference_date))
    return rows


def _save_pins(article, pin_rows, creating):
    rows = [(article.pk, *row) for row in pin_rows]
    if not creating:
        current = list(
            article.pinned_links.order_by("position", "id").values_list(
                "article", "position", "target", "reference_summary", "reference_date"
            )
        )
        if current == rows:
            return False
        RelatedLink.objects.filter(article=article).delete()
    insert_rows(
        RelatedLink,
        ["article", "position", "target", "reference_summary", "reference_date"],
        rows,
    )
    return True


@transaction.atomic
def article_delete(*, article: Article, by) -> None:
    """Delete an essay; the audit log keeps its title, who deleted it and when."""
    require(by, Action.DELETE, _stored(article))
    was_addressed = article.status in _ADDRESSED
    listed_before = caching.list_keys([article.pk]) if was_addressed else set()
    audit_record(article=article, action=AuditAction.DELETE, by=by,
                 from_status=article.status)  # fmt: skip
    # Essays that pinned it lose the link, and their lists change with it.
    pinned_by = list(article.pinned_by.values_list("article_id", flat=True).distinct())
    article.delete()  # its search entry with it (cascade)
    if article.status == ArticleStatus.PUBLISHED:
        archive_months.months_changed(article.published_at)
    if pinned_by:
        batching.related_changed(pinned_by)
    if was_addressed or pinned_by:
        caching.content_changed(essays=[article], keys=listed_before, related=pinned_by)


def articles_delete(*, articles, by) -> int:
    """Delete several essays (all or none); returns how many."""
    count = 0
    with transaction.atomic(), many_changes():
        for article in articles:
            article_delete(article=article, by=by)
            count += 1
    return count


_UNCHECKED = object()


@dataclass
class NewEssay:
    """An essay for `articles_create_bulk`: an unsaved Article and its child rows."""

    article: Article
    sections: list[SectionData]
    author_ids: list[int]
    tag_ids: list[int]
    pins: list[PinData] = field(default_factory=list)
    # Pins naming another essay of the same call: {index among pins: index among essays}.
    pinned_in_batch: dict[int, int] = field(default_factory=dict)
    # Whom `new_essay_check` passed it for (only it sets this): checked once, not again.
    checked_for: object = field(default=_UNCHECKED, init=False, repr=False, compare=False)


def _give_addresses(articles):
    """A slug for each essay given none, as `article_save` would, unique within the batch too."""
    taken = {article.slug for article in articles if article.slug}
    for article in articles:
        if article.slug:
            continue
        slug = base = Article.unique_slug_for(article.title)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        article.slug = slug
        taken.add(slug)


def new_essay_check(*, essay: NewEssay, by) -> NewEssay:
    """
    Everything `article_save` and then `article_publish` would check of this new essay (the
    rights to write and to date or publish it, lengths, pins, a published essay's text),
    raising as they do; returns the essay with its text tidied as they would store it.
    `articles_create_bulk` checks each essay with it, unless given what it returned for
    the same person; the importer asks it first, so that a refusal names its file and the
    rest of the batch goes on.
    """
    article = essay.article
    require(by, Action.CREATE)
    if article.pk is not None:
        raise ValueError("Bulk creation makes new essays; save an existing one on its own.")
    if article.status not in (ArticleStatus.DRAFT, ArticleStatus.PUBLISHED):
        raise ValueError("Bulk creation makes drafts and published or scheduled essays.")
    publishing = article.status == ArticleStatus.PUBLISHED
    if publishing and article.published_at is None:
        raise ValueError(f"“{article.title}” is published but has no date.")
    if article.lead_image:
        raise ValueError("Bulk creation takes no lead image; add it with `article_save`.")
    if publishing or article.published_at is not None:
        require(by, Action.PUBLISH)
    tidy_fields(article)
    sections, pins = _tidied_sections(essay.sections), _tidied_pins(essay.pins)
    limits.check_essay(title=article.title, standfirst=article.standfirst,
                       sections=[(s.heading, s.body) for s in sections])  # fmt: skip
    _pin_rows(article, pins)
    if publishing:
        require_complete(article, "publish", section_bodies=[s.body for s in sections])
    if article.owner_id is None and by is not None:
        article.owner = by
    checked = replace(essay, sections=sections, pins=pins)
    checked.checked_for = by
    return checked


@transaction.atomic
def articles_create_bulk(*, essays: list[NewEssay], by) -> list[Article]:
    """
    Create many new essays at once, each as it is given (a draft, or published or
    scheduled at its date), with the record `article_save` and `article_publish` would
    leave: the same checks (`new_essay_check`), revision 1, an audit entry for the creation
    and one for the publication, the owner told; search entries, stored pages, archive
    counts, related lists and cached pages kept as they keep them. A fixed number of
    statements per call, where essay by essay takes a dozen each: for the importer's new
    pages and generated benchmark corpora.
    """
    essays = [
        essay if essay.checked_for is by else new_essay_check(essay=essay, by=by)
        for essay in essays
    ]
    for number, essay in enumerate(essays):
        for pin, other in essay.pinned_in_batch.items():
            if not (0 <= other < len(essays) and 0 <= pin < len(essay.pins)) or other == number:
                raise ValueError(f"Pin {pin} of essay {number} names no other essay of the batch.")
    articles = [essay.article for essay in essays]
    _give_addresses(articles)
    now = timezone.now()
    for article in articles:
        article.version = 1
        if article.status == ArticleStatus.PUBLISHED:
            article.published_at = article.published_at.replace(microsecond=0)
    Article.objects.bulk_create(articles)
    for essay in essays:
        for pin, other in essay.pinned_in_batch.items():
            essay.pins[pin] = replace(essay.pins[pin], target_id=essays[other].article.pk)
    # Each new address is its essay's even if it once led elsewhere.
    slugs = [article.slug for article in articles]
    for start in range(0, len(slugs), 500):
        ArticleRedirect.objects.filter(old_slug__in=slugs[start : start + 500]).delete()
    written = [
        (essay, _section_rows(essay.sections), list(dict.fromkeys(essay.author_ids)),
         list(dict.fromkeys(essay.tag_ids)), _pin_rows(essay.article, essay.pins))
        for essay in essays
    ]  # fmt: skip
    insert_rows(
        Section,
        ["article", "position", "heading", "body"],
        (
            (essay.article.pk, position, heading, body)
            for essay, sections, *_ in written
            for position, (heading, body) in enumerate(sections, start=1)
        ),
    )
    insert_rows(
        TaggedArticle,
        ["content_object", "tag"],
        ((essay.article.pk, tag_id) for essay, _, _, tag_ids, _ in written for tag_id in tag_ids),
    )
    insert_rows(
        Byline,
        ["article", "author"],
        ((essay.article.pk, pk) for essay, _, author_ids, _, _ in written for pk in author_ids),
    )
    insert_rows(
        RelatedLink,
        ["article", "position", "target", "reference_summary", "reference_date"],
        ((essay.article.pk, *row) for essay, *_, pin_rows in written for row in pin_rows),
    )
    published = [a for a in articles if a.status == ArticleStatus.PUBLISHED]
    publish_action = {
        a.pk: AuditAction.SCHEDULE if a.published_at > now else AuditAction.PUBLISH
        for a in published
    }
    authors = Author.objects.in_bulk({pk for _, _, ids, _, _ in written for pk in ids})
    tags = Tag.objects.in_bulk({pk for _, _, _, ids, _ in written for pk in ids})
    actor = by.pk if by is not None else None
    insert_rows(
        Revision,
        ["article", "number", "created_at", "author", "comment", "transition", "content"],
        (
            (essay.article.pk, 1, now, actor, "", str(publish_action.get(essay.article.pk, "")),
             Revision.pack(_first_revision(essay.article, sections=sections,
                                           authors=[authors[pk] for pk in author_ids],
                                           tags=[tags[pk] for pk in tag_ids], pins=pin_rows)))
            for essay, sections, author_ids, tag_ids, pin_rows in written
        ),
    )  # fmt: skip
    draft = ArticleStatus.DRAFT
    insert_rows(
        AuditEntry,
        ["article", "article_title", "actor", "at", "action", "from_status", "to_status",
         "comment", "published_at"],
        [
            *((a.pk, a.title[:255], actor, now, AuditAction.CREATE, "", draft, "", None)
              for a in articles),
            *((a.pk, a.title[:255], actor, now, publish_action[a.pk], draft, a.status, "",
               a.published_at) for a in published),
        ],
    )  # fmt: skip
    archive_months.months_changed(*(a.published_at for a in published))
    published_ids = [a.pk for a in published]
    batching.render(published_ids)
    batching.index([a.pk for a in articles])
    if published:
        batching.related_changed(published_ids)
        caching.content_changed(essays=published, lists=published_ids)
        transaction.on_commit(lambda: _tell_owners(published, by))
    return articles


def _first_revision(article, **written):
    """Revision 1 as `article_save` stores it: the draft, before the workflow publishes it."""
    return {**snapshot(article, **written), "status": ArticleStatus.DRAFT}


def _tell_owners(published, by):
    for article in published:
        notifications.essay_published(article=article, by=by)
