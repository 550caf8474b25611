"""The editor's pinned related essays: pin, unpin and reorder one at a time, and resolve
imported references once their essays exist."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from articles import caching
from articles.models import Article, RelatedLink
from articles.services.permissions import Action, require
from articles.services.transactions import writing


def _renumber(links):
    for position, link in enumerate(links, start=1):
        if link.pk is None or link.position != position:
            link.position = position
            link.save()


def _changed(article):
    if article.status == "published":
        caching.content_changed(related=[article.pk])


@transaction.atomic
def related_pin(*, article: Article, target: Article, by, position: int | None = None):
    """
    Pin `target` among the essay's related reading, last or at `position` (1 is first).
    Pinning an essay already pinned moves it.
    """
    require(by, Action.EDIT, article)
    if target.pk == article.pk:
        raise ValidationError("An essay cannot be related to itself.")
    links = list(article.pinned_links.order_by("position", "id"))
    link = next((link for link in links if link.target_id == target.pk), None)
    if link is None:
        link = RelatedLink(article=article, target=target)
    else:
        links.remove(link)
    index = len(links) if position is None else max(0, min(position - 1, len(links)))
    links.insert(index, link)
    _renumber(links)
    _changed(article)
    return link


@transaction.atomic
def related_unpin(*, article: Article, target: Article, by) -> bool:
    """Unpin `target`; returns whether it was pinned. It may still appear as computed."""
    require(by, Action.EDIT, article)
    deleted, _ = article.pinned_links.filter(target=target).delete()
    _renumber(list(article.pinned_links.order_by("position", "id")))
    _changed(article)
    return bool(deleted)


@transaction.atomic
def related_reorder(*, article: Article, targets: list[Article], by) -> None:
    """
    Put the pinned essays `targets` in the order given, in the places they held among the
    pinned links; other links (unresolved references, essays not named) keep their places.
    """
    require(by, Action.EDIT, article)
    links = list(article.pinned_links.order_by("position", "id"))
    by_target = {link.target_id: link for link in links if link.target_id is not None}
    wanted = [target.pk for target in targets]
    if len(set(wanted)) != len(wanted) or not set(wanted) <= by_target.keys():
        raise ValidationError("Reorder only essays that are pinned, each once.")
    places = [i for i, link in enumerate(links) if link.target_id in wanted]
    for place, target_id in zip(places, wanted, strict=True):
        links[place] = by_target[target_id]
    _renumber(links)
    _changed(article)


def references_resolve(*, resolutions: list[tuple[int, int]], by) -> int:
    """
    Point unresolved links at the essays they name: `resolutions` are (target id, link id)
    pairs the importer matched. One statement for the lot: an import resolves thousands.
    """
    require(by, Action.IMPORT)
    if not resolutions:
        return 0
    with writing(), connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {connection.ops.quote_name(RelatedLink._meta.db_table)} "  # noqa: S608 (quoted model name)
            "SET target_id = %s WHERE id = %s AND target_id IS NULL",
            resolutions,
        )
    link_ids = [link for _, link in resolutions]
    linking = set()
    for start in range(0, len(link_ids), 1000):
        chunk = RelatedLink.objects.filter(pk__in=link_ids[start : start + 1000])
        linking.update(chunk.values_list("article_id", flat=True))
    caching.content_changed(related=linking)
    return len(resolutions)
