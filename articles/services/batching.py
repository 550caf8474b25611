"""
The upkeep a service does after saving an essay (storing its rendered page, indexing it for
search, marking related lists and the dates tag and author pages sort by as changed,
counting its month of the archive again),
gathered inside `upkeep_together()` and done once, in batches, when it ends: an import's
group of files, in its transaction. Nothing reads a rendering, the index or those marks in
between. If the block fails, nothing is done (its transaction rolls back what it wrote).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

_pending = ContextVar("upkeep_pending", default=None)


@dataclass
class _Pending:
    render: dict = field(default_factory=dict)  # essay ids, in order, as dict keys
    index: dict = field(default_factory=dict)
    related: dict = field(default_factory=dict)
    months: dict = field(default_factory=dict)  # first days of the archive's months


def deferred(kind, *article_ids) -> bool:
    """
    Note the essays (or, for "months", the months) for `kind` ("render", "index", "related",
    "months") inside `upkeep_together()`.
    """
    pending = _pending.get()
    if pending is None:
        return False
    getattr(pending, kind).update(dict.fromkeys(article_ids))
    return True


def index(article_ids):
    """Index the essays for search now, or when `upkeep_together()` ends."""
    from articles import search

    if article_ids and not deferred("index", *article_ids):
        search.index_articles(list(article_ids))


def render(article_ids):
    """Render and store the essays' parts now, or when `upkeep_together()` ends."""
    from articles.services.renderings import essays_render

    if article_ids and not deferred("render", *article_ids):
        essays_render(list(article_ids))


def related_changed(article_ids):
    """`related.articles_changed()` now, or when `upkeep_together()` ends."""
    from articles import related

    if article_ids and not deferred("related", *article_ids):
        related.articles_changed(article_ids)


@contextmanager
def upkeep_together():
    from articles import related, search
    from articles.services.archive_months import months_recount
    from articles.services.renderings import essays_render

    pending = _Pending()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    # Reached only when the block succeeded.
    if pending.related:
        related.articles_changed(list(pending.related))
    if pending.render:
        essays_render(list(pending.render))
    if pending.index:
        search.index_articles(list(pending.index))
    if pending.months:
        months_recount(list(pending.months))
