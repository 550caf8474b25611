"""
Pages of a list of published essays (home, a section, a tag, an author) read through a
prepared query (articles/prepared.py): each essay with its section and its stored card, as
`for_listing()` gives them, for `UncountedPaginator`. The list's rule stays the view's
queryset, written once with the ORM for a given moment (`essays_at`).
"""

from datetime import datetime

from django.db import router
from django.utils import timezone

from articles.models import Article, ArticleRendering, Category
from articles.prepared import PreparedQuery, columns, instance_with_joins

# Each essay with its section and its stored card, never its page's body.
JOINED = ("category", "rendering")


def prepared_list(essays_at, *, owned=True):
    """
    A prepared query for one page of `essays_at(owner_id, now)`, a queryset of essays; a
    list that belongs to nothing (home) is not `owned` and ignores `owner_id`.
    """

    def build(*, now: datetime, start: int, stop: int, owner_id: int = 0):
        names = columns(Article) + columns(Category, "category__")
        names += columns(
            ArticleRendering, "rendering__", leave_out=ArticleRendering.PAGE_ONLY_FIELDS
        )
        return essays_at(owner_id, now).values(*names)[start:stop]

    parameters = {"now": datetime, **({"owner_id": int} if owned else {})}
    return PreparedQuery(Article, build, shaped=("start", "stop"), **parameters)


class EssayList:
    """One list's essays, sliced by the paginator: each slice is one run of `query`."""

    def __init__(self, query, owner_id=0):
        self.query = query
        self.owner_id = owner_id
        self.now = timezone.now()

    def __getitem__(self, window):
        owner = {"owner_id": self.owner_id} if "owner_id" in self.query.parameters else {}
        rows = self.query.rows(now=self.now, start=window.start, stop=window.stop, **owner)
        db = router.db_for_read(Article)
        return [instance_with_joins(Article, row, db, JOINED) for row in rows]
