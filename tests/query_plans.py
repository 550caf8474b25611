"""
How the database means to run a query: whether it reads a whole table of essays (or of
their sections) to answer, a cost that grows with the archive however small the answer.

SQLite's `EXPLAIN QUERY PLAN` says SCAN for a walk over a whole table or index and SEARCH
for a lookup, whatever the table's size; a SEARCH of every published essay joined to
another table (a tag's, an author's) is a walk too. PostgreSQL prefers a sequential scan on a small
table even where an index would serve, so its plans are asked for with sequential scans
priced out (`enable_seqscan = off`): a scan that remains has no index to use instead.
"""

import json

from django.db import connection

GROWING_TABLES = ("articles_article", "articles_section")
# SQLite's words for "every published essay up to now" through the (status, date) index.
OPEN_RANGE = "INDEX article_status_pub (status=? AND published_at<?)"
# Tables a list joins one row of per essay without filtering the essays (its section, its
# stored rendering): the walk stops as soon as a page is full.
LOOKED_UP_PER_ROW_FREELY = ("articles_article", "articles_category", "articles_articlerendering")


def full_scans(sql):
    """The plan steps of `sql` that read all of an essays or sections table; [] if none."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            steps = [row[-1] for row in cursor.fetchall()]
        scans = [
            step
            for step in steps
            if any(
                step == f"SCAN {table}" or step.startswith(f"SCAN {table} ")
                for table in GROWING_TABLES
            )
        ]
        # Every published essay in date order, each looked up in another table: a walk that
        # stops only once a page is found, i.e. never for a tag or author with few essays.
        walk = [step for step in steps if step.endswith(OPEN_RANGE)]
        probes = [step for step in steps if step.startswith("SEARCH ") and not any(
            step.startswith(f"SEARCH {table} ") for table in LOOKED_UP_PER_ROW_FREELY
        )]  # fmt: skip
        return scans + (walk if walk and probes else [])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    if isinstance(plan, str):
        plan = json.loads(plan)
    return [
        f"{node['Node Type']} on {node['Relation Name']}"
        for node in _nodes(plan[0]["Plan"])
        if node.get("Relation Name") in GROWING_TABLES
        and (
            node["Node Type"] == "Seq Scan"
            # An index walked from end to end, with no condition to start from.
            or (node["Node Type"] in ("Index Scan", "Index Only Scan") and "Index Cond" not in node)
        )
    ]


def _nodes(node):
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)
