"""
How the database means to run a query: whether it reads a whole table of essays (or of
their sections) to answer, a cost that grows with the archive however small the answer.

SQLite's `EXPLAIN QUERY PLAN` says SCAN for a walk over a whole table or index and SEARCH
for a lookup, whatever the table's size; a SEARCH of every published essay joined to
another table (a tag's, an author's) is a walk too. PostgreSQL prefers a sequential scan on a small
table even where an index would serve, so its plans are asked for with sequential scans
priced out (`enable_seqscan = off`): a scan that remains has no index to use instead.

A count or grouping of every published essay (by month, say) reads each one through the
(status, date) index, however few rows it answers: it is a full scan too.

The one walk of an index from its end that is not a full scan: the first rows of a whole
table in the index's order, with no condition and a LIMIT (the admin's unfiltered essay
list), which stops when its page is full.
"""

import json
import re

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
            plan = [(row[0], row[1], row[-1]) for row in cursor.fetchall()]
        steps = [step for _, _, step in plan]
        sorted_after = any(step.startswith("USE TEMP B-TREE FOR") for step in steps)
        scans = [
            step
            for step in steps
            if any(
                step == f"SCAN {table}" or step.startswith(f"SCAN {table} ")
                for table in GROWING_TABLES
            )
            and not (" USING " in step and _first_rows_in_order(sql) and not sorted_after)
        ]
        # Every published essay in date order, each looked up in another table of the same
        # SELECT: a walk that stops only once a page is found, i.e. never for a tag or
        # author with few essays. A LEFT JOIN's lookup never turns a row away, so it does
        # not make a walk longer.
        walks = [(parent, step) for _, parent, step in plan if step.endswith(OPEN_RANGE)]
        walk = [step for _, step in walks]
        probes = [step for _, parent, step in plan if step.startswith("SEARCH ") and not any(
            step.startswith(f"SEARCH {table} ") for table in LOOKED_UP_PER_ROW_FREELY
        ) and not step.endswith(" LEFT-JOIN") and any(
            parent == walk_parent for walk_parent, _ in walks
        )]  # fmt: skip
        # Every published essay counted or grouped: nothing stops the walk early.
        totals = [
            step
            for step in steps
            if step.startswith("SEARCH articles_article ")
            and step.endswith(("(status=?)", OPEN_RANGE, "(status=? AND published_at<?)"))
        ]
        # And all of them read, with no page to stop at, or to be sorted in another order.
        walk_sorted = any(
            step.startswith("USE TEMP B-TREE FOR") and parent in {p for p, _ in walks}
            for _, parent, step in plan
        )
        unbounded = walk if " LIMIT " not in sql or walk_sorted else []
        totals = totals if _aggregate(sql) else []
        return scans + (walk if walk and probes else unbounded) + totals
    # A small table's first rows are cheaper sorted than read in an index's order: with
    # sorting priced out too, an unfiltered page shows whether an index can serve it.
    first_rows = _first_rows_in_order(sql)
    settings = ["enable_seqscan", *(["enable_sort"] if first_rows else [])]
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting} = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
        finally:
            for setting in settings:
                cursor.execute(f"RESET {setting}")
    if isinstance(plan, str):
        plan = json.loads(plan)
    nodes = list(_nodes(plan[0]["Plan"]))
    in_order = first_rows and not any(node["Node Type"] == "Sort" for node in nodes)
    return [
        f"{node['Node Type']} on {node['Relation Name']}"
        for node in nodes
        if node.get("Relation Name") in GROWING_TABLES
        and (
            node["Node Type"] == "Seq Scan"
            or (_aggregate(sql) and _open_below(node))
            # An index walked from end to end, with no condition to start from.
            or (
                node["Node Type"] in ("Index Scan", "Index Only Scan")
                and "Index Cond" not in node
                and not in_order
            )
        )
    ]


def _first_rows_in_order(sql):
    """
    The first rows of a whole table, in the order of an index and with nothing that could
    turn a row away (the admin's unfiltered essay list): the walk stops at the LIMIT, every
    row it reads is returned.
    """
    unfiltered = " WHERE " not in sql and " INNER JOIN " not in sql
    return unfiltered and re.search(r" LIMIT \d+( OFFSET \d+)?$", sql) is not None


def _aggregate(sql):
    """Counted or grouped, with no LIMIT to stop the walk."""
    return (" GROUP BY " in sql or "COUNT(" in sql) and " LIMIT " not in sql


def _open_below(node):
    """An essays index walked for every published essay: no lower bound on the date."""
    condition = node.get("Index Cond", "")
    return node["Node Type"] in ("Index Scan", "Index Only Scan", "Bitmap Index Scan") and (
        "published_at >" not in condition and "id =" not in condition
    )


def _nodes(node):
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)
