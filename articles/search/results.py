"""
Reader search and the admin's, one interface over both databases' full-text engines.

Ranking: title counts most, then standfirst and headings, then body (PostgreSQL:
`ts_rank_cd` over the weighted vector; SQLite: `bm25` with column weights in the same
ratio); among equal ranks the newer essay first. A search that more than RANKED_AT_MOST
published essays match ranks the newest RANKED_AT_MOST of them: ranking every essay that
mentions "film" grew with the archive (over a second at 100,000 essays on PostgreSQL), and
such a word's rank says little. docs/search.md has the details.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, connections
from django.db.models import ExpressionWrapper, F, IntegerField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString

from articles import rendering
from articles.models import Article
from articles.search import snippets
from articles.search.query import Query, clean, parse

# Weights for D, C (body), B (standfirst, headings) and A (title).
PG_WEIGHTS = "{0, 0.2, 0.4, 1.0}"
# bm25 weights per FTS5 column (title, standfirst, headings, body), in the same ratio.
SQLITE_WEIGHTS = (10.0, 4.0, 4.0, 2.0)
SNIPPET_WORDS = 30
# The most matches a search ranks: more, and it ranks the newest this many.
RANKED_AT_MOST = 1000
# The admin's search reads up to this many matches' ids and lists them by id; more, and it
# walks the list in its order, each essay looked up among the matches (`_Engine.among`).
ADMIN_LISTED_BY_ID_AT_MOST = 500


@dataclass
class Hit:
    article: Article
    rank: float
    snippet: SafeString | None  # the matching passage; None when only the title matched


class _Engine:
    """The SQL one database needs; `query` is always a parsed, non-empty Query."""

    def matching_sql(self, query: Query) -> tuple[str, list]:
        """SELECT article_id of every entry matching."""
        raise NotImplementedError

    rank = ""  # an SQL expression over the FROM clause below, higher for better matches

    def from_sql(self, query, candidates, *, few=False) -> tuple[str, list]:
        """
        FROM and WHERE: the matching candidates, as `a` (id, published_at). `candidates`
        is (SQL, parameters) of a SELECT of (id, published_at); `few`: a short list of
        them, all known to match (the newest few).
        """
        raise NotImplementedError

    def ranked_sql(self, query, candidates, *, few=False) -> tuple[str, list]:
        """(id, rank) of matching candidates, best first; an ORDER BY, not yet a LIMIT."""
        sql, params = self.from_sql(query, candidates, few=few)
        return (
            f"SELECT a.id, {self.rank} AS rank {sql} "
            f"ORDER BY rank DESC, a.published_at DESC, a.id DESC",
            params,
        )

    def count_sql(self, query, candidates, *, at_most) -> tuple[str, list]:
        """How many candidates match, counting no further than `at_most`."""
        sql, params = self.from_sql(query, candidates)
        # Only the engine's fixed SQL is formatted in; every value is a parameter.
        found = f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT %s) found"  # noqa: S608
        return found, [*params, at_most]

    def newest_sql(self, query, candidates, *, limit) -> tuple[str, list]:
        """
        The newest `limit` matching candidates, as candidates are: (SQL, parameters). The
        candidates are walked down the date index, each checked, until enough match.
        """
        candidates_sql, params = candidates
        matches, match_params = self.matches_sql(query)
        return (
            f"SELECT a.id, a.published_at FROM ({candidates_sql}) a WHERE {matches} "  # noqa: S608
            f"ORDER BY a.published_at DESC, a.id DESC LIMIT %s",
            [*params, *match_params, limit],
        )

    def matches_sql(self, query) -> tuple[str, list]:
        """A condition on `a.id`: that essay's entry matches."""
        raise NotImplementedError

    def passages(self, query, ids) -> dict:
        """{id: (the marked passage from the body, the body)} for these ids."""
        raise NotImplementedError

    def admin_matching_sql(self, query: Query, address: str) -> tuple[str, list]:
        """SELECT the id of every essay matching `query` (which may be empty) or at `address`."""
        raise NotImplementedError

    def among(self, essays, ids):
        """`essays` whose id `ids` (a subquery) selects, in `essays`' own order."""
        return essays.filter(pk__in=ids)


class _PostgreSQL(_Engine):
    def matching_sql(self, query):
        return (
            "SELECT article_id FROM articles_searchentry "
            "WHERE document @@ websearch_to_tsquery('english', %s)",
            [query.as_websearch()],
        )

    def admin_matching_sql(self, query, address):
        at_address = "SELECT id FROM articles_article WHERE slug = %s"
        if not query:
            return at_address, [address]
        # One subquery, the address inside it: the list is then one semi-join, which the
        # planner runs as a walk of the list in order, each essay's entry checked, for a
        # common word, and from the full-text index for a rare one. A second IN, OR-ed, would
        # make it check every entry's document for every search.
        return (
            "SELECT article_id FROM articles_searchentry "
            "WHERE document @@ websearch_to_tsquery('english', %s) "
            "OR article_id = (SELECT id FROM articles_article WHERE slug = %s)",
            [query.as_websearch(), address],
        )

    rank = f"ts_rank_cd('{PG_WEIGHTS}'::float4[], s.document, q)"

    def matches_sql(self, query):
        return (
            "EXISTS (SELECT 1 FROM articles_searchentry s WHERE s.article_id = a.id "
            "AND s.document @@ websearch_to_tsquery('english', %s))",
            [query.as_websearch()],
        )

    def from_sql(self, query, candidates, *, few=False):
        candidates_sql, params = candidates
        if few:
            # Each of the few's entry read by its key. Joined, the planner read every entry
            # (and checked each one's document: the most costly part of the search); the
            # LIMIT keeps the LATERAL subquery a look-up per essay it cannot turn into that.
            return (
                f"FROM ({candidates_sql}) a CROSS JOIN LATERAL (SELECT document "  # noqa: S608
                f"FROM articles_searchentry WHERE article_id = a.id LIMIT 1) s, "
                f"websearch_to_tsquery('english', %s) q",
                [*params, query.as_websearch()],
            )
        return (
            f"FROM articles_searchentry s JOIN ({candidates_sql}) a ON a.id = s.article_id, "
            f"websearch_to_tsquery('english', %s) q WHERE s.document @@ q",
            [*params, query.as_websearch()],
        )

    def passages(self, query, ids):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT article_id, body FROM articles_searchentry WHERE article_id = ANY(%s)",
                [list(ids)],
            )
            bodies = dict(cursor.fetchall())
        # ts_headline costs ten times the vector's parse: it gets one paragraph, the first
        # that matches the query (else the first with any of its words), folded as indexed.
        rows = [
            (pk, n, paragraph)
            for pk, body in bodies.items()
            for n, paragraph in enumerate(body.translate(snippets.PASSAGE_TABLE).split("\n\n"))
        ]
        options = (
            f"StartSel={snippets.START}, StopSel={snippets.STOP}, MaxWords={SNIPPET_WORDS}, "
            f"MinWords={SNIPPET_WORDS // 2}, ShortWord=2"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH p AS (SELECT x.id, x.n, x.t, to_tsvector('english', x.t) AS v "
                "  FROM unnest(%s::int[], %s::int[], %s::text[]) AS x(id, n, t)), "
                "q AS (SELECT websearch_to_tsquery('english', %s) AS q, "
                "  websearch_to_tsquery('english', %s) AS w), "
                "best AS (SELECT DISTINCT ON (p.id) p.id, p.t FROM p, q WHERE p.v @@ q.w "
                "  ORDER BY p.id, (p.v @@ q.q) DESC, p.n) "
                "SELECT best.id, ts_headline('english', best.t, q.w, %s) FROM best, q",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                 query.as_websearch(), query.as_any_word(), options],
            )  # fmt: skip
            return {pk: (marked, bodies[pk]) for pk, marked in cursor.fetchall()}


class _SQLite(_Engine):
    def matching_sql(self, query):
        return (
            "SELECT rowid FROM articles_searchentry_fts WHERE articles_searchentry_fts MATCH %s",
            [query.as_fts5()],
        )

    # bm25 is lower for better matches.
    rank = f"-bm25(articles_searchentry_fts, {', '.join(map(str, SQLITE_WEIGHTS))})"

    def matches_sql(self, query):
        # Looked up among the matches' ids, read once from the full-text index (unranked).
        return (
            "a.id IN (SELECT rowid FROM articles_searchentry_fts "
            "WHERE articles_searchentry_fts MATCH %s)",
            [query.as_fts5()],
        )

    def from_sql(self, query, candidates, *, few=False):
        candidates_sql, params = candidates
        if few:
            # The matches read in the full-text index's order, each kept if it is among the
            # few (`+ 0`: looked up in the list, which SQLite builds once, rather than handed
            # to the index one id at a time: a fresh match per id, a millisecond each).
            return (
                f"FROM articles_searchentry_fts CROSS JOIN articles_article a "  # noqa: S608
                f"ON a.id = articles_searchentry_fts.rowid "
                f"WHERE articles_searchentry_fts MATCH %s "
                f"AND articles_searchentry_fts.rowid + 0 IN (SELECT id FROM ({candidates_sql}))",
                [query.as_fts5(), *params],
            )
        return (
            # CROSS JOIN keeps the full-text match the outer loop: SQLite would otherwise
            # walk the published essays and run the match once for each.
            f"FROM articles_searchentry_fts CROSS JOIN ({candidates_sql}) a "
            f"ON a.id = articles_searchentry_fts.rowid WHERE articles_searchentry_fts MATCH %s",
            [*params, query.as_fts5()],
        )

    def passages(self, query, ids):
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            # Only placeholders are formatted in; every value is a parameter.
            cursor.execute(
                f"SELECT f.rowid, snippet(articles_searchentry_fts, 3, %s, %s, %s, %s), e.body "  # noqa: S608
                f"FROM articles_searchentry_fts f JOIN articles_searchentry e "
                f"ON e.article_id = f.rowid "
                f"WHERE articles_searchentry_fts MATCH %s AND f.rowid IN ({marks})",
                [snippets.START, snippets.STOP, snippets.ELLIPSIS, SNIPPET_WORDS,
                 query.as_fts5(), *ids],
            )  # fmt: skip
            return {pk: (marked, body) for pk, marked, body in cursor.fetchall()}

    def admin_matching_sql(self, query, address):
        at_address = "SELECT id FROM articles_article WHERE slug = %s"
        if not query:
            return at_address, [address]
        return (
            "SELECT rowid FROM articles_searchentry_fts WHERE articles_searchentry_fts MATCH %s "
            "UNION ALL SELECT id FROM articles_article WHERE slug = %s",
            [query.as_fts5(), address],
        )

    def among(self, essays, ids):
        # The list walked in its own order (an index), each essay looked up among the
        # matches, until a page is full. By primary key, SQLite would fetch every match and
        # sort them all first: tens of thousands for a common word. `id + 0` has no index,
        # which leaves the walk: a few rows for a common word, the whole index (cheap: no
        # table reads) for a word in no essay.
        walked = ExpressionWrapper(F("pk") + 0, output_field=IntegerField())
        return essays.alias(walked_id=walked).filter(walked_id__in=ids)


def _engine():
    return {"postgresql": _PostgreSQL, "sqlite": _SQLite}[connection.vendor]()


def _sql_of(queryset):
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


class Results:
    """
    A search's results as Django's Paginator wants them: `count()` and slices, each one
    query, ranked in the database and turned into hits with their passages. Past
    RANKED_AT_MOST matches, `more` is true and the results are the newest RANKED_AT_MOST
    matches, ranked.
    """

    def __init__(self, query: Query, candidates):
        self.query = query
        self._candidates = candidates  # published essays within the filters: a queryset
        self._count = None
        self.more = False

    def _candidates_sql(self):
        return _sql_of(self._candidates.values("id", "published_at"))

    def count(self):
        if self._count is None:
            if not self.query:
                self._count = 0
            else:
                sql, params = _engine().count_sql(
                    self.query, self._candidates_sql(), at_most=RANKED_AT_MOST + 1
                )
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    found = cursor.fetchone()[0]
                self.more = found > RANKED_AT_MOST
                self._count = min(found, RANKED_AT_MOST)
        return self._count

    def _ranked_sql(self):
        engine = _engine()
        candidates = self._candidates_sql()
        few = bool(self.count() and self.more)
        if few:
            candidates = engine.newest_sql(self.query, candidates, limit=RANKED_AT_MOST)
        return engine.ranked_sql(self.query, candidates, few=few)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or not self.query:
            return []
        start, stop = window.start or 0, window.stop
        if stop is not None and stop <= start:
            return []
        sql, params = self._ranked_sql()
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, stop - start, start])
            ranked = cursor.fetchall()
        if not ranked:
            return []
        ids = [pk for pk, _ in ranked]
        articles = Article.objects.for_listing().in_bulk(ids)
        rendering.with_bylines(articles.values())
        passages = self._passages(ids)
        return [
            Hit(article=articles[pk], rank=rank, snippet=passages.get(pk))
            for pk, rank in ranked
            if pk in articles
        ]

    def _passages(self, ids):
        found = _engine().passages(self.query, ids)
        return {pk: snippets.passage(marked or "", body) for pk, (marked, body) in found.items()}


def search(text: str, *, section: str | None = None, year: int | None = None) -> Results:
    """Published essays matching what a reader typed, best first, within a section or year."""
    candidates = Article.objects.published()
    if section:
        candidates = candidates.filter(category__slug=section)
    if year:
        zone = timezone.get_current_timezone()
        candidates = candidates.filter(
            published_at__gte=datetime(year, 1, 1, tzinfo=zone),
            published_at__lt=datetime(year + 1, 1, 1, tzinfo=zone),
        )
    return Results(parse(text), candidates.order_by())


def matching(essays, text: str):
    """
    The admin's search: `essays` (a queryset, any status) narrowed to those matching `text`,
    or at the address `text` (an essay whose words are all common ones is still found), in
    the queryset's own order.
    """
    engine = _engine()
    address, _ = clean(text)
    sql, params = engine.admin_matching_sql(parse(text), address)
    # A word in few essays (or none): their ids, read from the full-text index, and the
    # list fetched by id. Walking the list in its order would read all of it before
    # giving up on a word in no essay. A common word's matches fill a page of the walk
    # within a few rows.
    with connections[essays.db].cursor() as cursor:
        # The engine's SQL is fixed text; what was typed is among its parameters.
        cursor.execute(
            f"SELECT * FROM ({sql}) matched LIMIT %s",  # noqa: S608
            [*params, ADMIN_LISTED_BY_ID_AT_MOST + 1],
        )
        ids = {row[0] for row in cursor.fetchall()}
    if len(ids) <= ADMIN_LISTED_BY_ID_AT_MOST:
        return essays.filter(pk__in=sorted(ids))
    return engine.among(essays, RawSQL(sql, params))  # noqa: S611


def matching_ids(text: str, *, published_only: bool = True):
    """Ids of essays matching `text`, as a subquery (`pk__in=`); the admin's search."""
    query = parse(text)
    if not query:
        return Article.objects.none().values("pk")
    sql, params = _engine().matching_sql(query)
    essays = Article.objects.published() if published_only else Article.objects.all()
    # The engine's SQL is fixed text; the reader's query is one of its parameters.
    return essays.filter(pk__in=RawSQL(sql, params)).order_by().values("pk")  # noqa: S611
