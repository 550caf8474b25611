"""
The search index's rows: one `SearchEntry` per essay, whatever its status, written by the
services after every change to a title, standfirst or sections (and by migration 0008 for
essays that existed before). The databases derive their own index from these rows: a
weighted `tsvector` written here on PostgreSQL, an FTS5 table filled by triggers on SQLite.
"""

from django.apps import apps as installed_apps
from django.db import connection

from articles.search.query import fold

CHUNK = 500


def _entries(ids, *, apps):
    Article = apps.get_model("articles", "Article")
    Section = apps.get_model("articles", "Section")
    SearchEntry = apps.get_model("articles", "SearchEntry")
    headings, bodies = {}, {}
    sections = (
        Section.objects.filter(article_id__in=ids)
        .order_by("article_id", "position", "id")
        .values_list("article_id", "heading", "body")
    )
    for article_id, heading, body in sections:
        if heading:
            headings.setdefault(article_id, []).append(heading)
        if body:
            bodies.setdefault(article_id, []).append(body)
    return [
        SearchEntry(
            article_id=pk,
            title=title,
            standfirst=standfirst,
            headings="\n".join(headings.get(pk, [])),
            body="\n\n".join(bodies.get(pk, [])),
        )
        for pk, title, standfirst in Article.objects.filter(pk__in=ids).values_list(
            "pk", "title", "standfirst"
        )
    ]


def index_articles(article_ids, *, apps=installed_apps) -> None:
    """Write these essays' entries as the essays now are (gone essays lose theirs)."""
    SearchEntry = apps.get_model("articles", "SearchEntry")
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        entries = _entries(chunk, apps=apps)
        # One delete and one insert rather than an upsert: SQLite's FTS5 triggers then see
        # plain deletes and inserts, and PostgreSQL recomputes the generated vector once.
        SearchEntry.objects.filter(article_id__in=chunk).delete()
        _write(entries, apps=apps)


def _write(entries, *, apps):
    SearchEntry = apps.get_model("articles", "SearchEntry")
    SearchEntry.objects.bulk_create(entries, batch_size=CHUNK)
    if connection.vendor != "postgresql" or not entries:
        return
    # The weighted vector, from text folded here (query.fold) as queries are.
    columns = [[e.article_id for e in entries]] + [
        [fold(getattr(e, name)) for e in entries]
        for name in ("title", "standfirst", "headings", "body")
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_searchentry s SET document = "
            "setweight(to_tsvector('english', v.title), 'A') || "
            "setweight(to_tsvector('english', v.standfirst), 'B') || "
            "setweight(to_tsvector('english', v.headings), 'B') || "
            "setweight(to_tsvector('english', v.body), 'C') "
            "FROM unnest(%s::int[], %s::text[], %s::text[], %s::text[], %s::text[]) "
            "AS v(id, title, standfirst, headings, body) WHERE s.article_id = v.id",
            columns,
        )


def index_all(*, apps=installed_apps, progress=None) -> int:
    """Rebuild every entry; returns how many essays are indexed."""
    Article = apps.get_model("articles", "Article")
    SearchEntry = apps.get_model("articles", "SearchEntry")
    SearchEntry.objects.all().delete()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        _write(_entries(ids[start : start + CHUNK], apps=apps), apps=apps)
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO articles_searchentry_fts(articles_searchentry_fts) "
                           "VALUES ('optimize')")  # fmt: skip
    return len(ids)
