"""
Related Articles at 100,000 essays: how long one essay's list takes, stored pools against the
single live query, on SQLite and PostgreSQL.

    .venv/bin/python bench/related_articles.py [--count 100000] [--tags 2000]
                                               [--database sqlite|postgres|both]

Builds (or reuses, when its fingerprint matches) a database of `--count` published essays,
plus 1% drafts and 1% scheduled ones, with `manage.py generate_articles`, and computes every
pool with `manage.py refresh_related --all`: SQLite in bench/.data/, PostgreSQL in
filmculture_bench on 127.0.0.1 (created if missing). Then for `--samples` random published
essays, loaded as the article page loads them, it times `related_articles()` three ways:

- stored: the site's way, reading the essay's stored pool; timed twice over the sample, the
  second time with the pages the first pass read at hand;
- live: the same function for an essay without a pool, the single query that ranks every
  essay sharing a tag;
- pruned: a single query over the essays carrying the essay's rarest tags only (the best
  single query found while choosing; faster, but it can miss the right answer).

It checks that stored and live agree on every sampled list, counts the article page's queries
both ways, and writes bench/results/related_articles-<database>.json and, from every such
file present, bench/results/related_articles.md.
"""

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_NAME = "filmculture_bench"
# What the built database depends on: change any of these and it is built again.
FINGERPRINT_SOURCES = [
    "articles/synthetic.py",
    "articles/management/commands/generate_articles.py",
    "articles/related.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "articles" / "migrations").glob("0*.py")),
]
PRUNED_BUDGET = 4000  # essays carrying the rarest tags that the pruned query may look at


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--tags", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--limit", type=int, default=20, help="Essays per list (the page's most).")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rebuild", action="store_true", help="Build even if one matches.")
    args = parser.parse_args()

    if args.database == "both":
        for database in ("sqlite", "postgres"):
            command = [sys.executable, __file__, *sys.argv[1:], "--database", database]
            subprocess.run(command, check=True)
        return
    os.environ["DATABASE_URL"] = database_url(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmculture.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ["DJANGO_DEBUG"] = "0"
    # The first connection fails while the database is still to be created: try again at once.
    os.environ["DJANGO_DB_RETRY_SECONDS"] = "0"
    # Production settings without collectstatic: whitenoise's warning says nothing here.
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    results = run(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"related_articles-{results['database']}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    write_report()
    print(f"Wrote {out.relative_to(ROOT)} and bench/results/related_articles.md")


def database_url(args):
    if args.database == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DATA / f'related-{args.count}-{args.tags}-{args.seed}.sqlite3'}"
    return f"{POSTGRES_SERVER}/{POSTGRES_NAME}"


def fingerprint(args):
    digest = hashlib.sha256(f"{args.count}/{args.tags}/{args.seed}".encode())
    for name in FINGERPRINT_SOURCES:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


# --- Building the database ---------------------------------------------------------------------


def run(args):
    from django.db import connection

    build = ensure_database(args)
    rng = random.Random(args.seed)
    from articles.models import Article

    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    sample = rng.sample(ids, min(args.samples, len(ids)))
    print(f"Timing {len(sample)} essays' related lists ({args.limit} each) ...")
    timings, agree = time_strategies(sample, args.limit)
    return {
        "periodic_refresh_seconds": periodic_refresh(sample[:20]),
        "database": connection.vendor,
        "server_version": server_version(),
        "essays": Article.objects.count(),
        "published": len(ids),
        "tags": args.tags,
        "samples": len(sample),
        "limit": args.limit,
        "timings_ms": timings,
        "stored_and_live_agree": agree,
        "page_queries": page_queries(sample[:20]),
        "build": build,
        "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def ensure_database(args):
    from django.core.management import call_command
    from django.db import connection

    wanted = fingerprint(args)
    found = stored_fingerprint()
    if found and found["fingerprint"] == wanted and not args.rebuild:
        print(f"Reusing the {connection.vendor} database (fingerprint {wanted}).")
        return found["build"]

    print(f"Building the {connection.vendor} database (fingerprint {wanted}) ...")
    recreate_database(args)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "generate_articles",
        count=args.count,
        tags=args.tags,
        seed=args.seed,
        drafts=args.count // 100,
        scheduled=args.count // 100,
    )
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    started = time.perf_counter()
    call_command("refresh_related", everything=True)
    refreshed = time.perf_counter() - started
    build = {
        "generate_seconds": round(generated, 1),
        "generate_essays_per_second": round(args.count * 1.02 / generated),
        "refresh_all_seconds": round(refreshed, 1),
    }
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_fingerprint (value TEXT)")
        cursor.execute(
            "INSERT INTO bench_fingerprint VALUES (%s)",
            [json.dumps({"fingerprint": wanted, "build": build})],
        )
    return build


def stored_fingerprint():
    from django.db import connection
    from django.db.utils import DatabaseError

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM bench_fingerprint")
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return json.loads(row[0]) if row else None


def recreate_database(args):
    from django.db import connection

    connection.close()
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {POSTGRES_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {POSTGRES_NAME}")


def server_version():
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


# --- Timing ------------------------------------------------------------------------------------


def time_strategies(sample, limit):
    from articles.models import Article
    from articles.related import related_articles

    def loaded(pk):
        # As the article page loads it; fetched outside the timing.
        return Article.objects.published().for_detail().get(pk=pk)

    def without_pool(essay):
        # As an essay with no pool yet (new, or changed since the last refresh) is read.
        essay._state.fields_cache["related_state"] = None
        return essay

    strategies = {
        "stored": lambda essay: [e.pk for e in related_articles(essay, limit)],
        "live": lambda essay: [e.pk for e in related_articles(without_pool(essay), limit)],
        "pruned": lambda essay: pruned_single_query(essay, limit),
    }
    timings, lists = {}, {}
    for name, strategy in strategies.items():
        for pk in sample[:20]:  # warm the database's cache
            strategy(loaded(pk))
        elapsed = []
        lists[name] = {}
        for n, pk in enumerate(sample, start=1):
            essay = loaded(pk)
            started = time.perf_counter()
            lists[name][pk] = strategy(essay)
            elapsed.append((time.perf_counter() - started) * 1000)
            if n % 50 == 0:
                print(f"  {name}: {n}/{len(sample)}", end="\r", flush=True)
        timings[name] = summary(elapsed)
        print(f"  {name}: median {timings[name]['median']} ms, p99 {timings[name]['p99']} ms")
        if name == "stored":
            # The first pass reads each list's pages from disk for the first time (on SQLite,
            # from the operating system's cache at best); a second pass shows the list once
            # they are at hand, as for the essays readers ask for most.
            again = []
            for pk in sample:
                essay = loaded(pk)
                started = time.perf_counter()
                strategy(essay)
                again.append((time.perf_counter() - started) * 1000)
            timings["stored_again"] = summary(again)
            print(f"  stored, second pass: median {timings['stored_again']['median']} ms")
    agree = lists["stored"] == lists["live"]
    wrong = sum(lists["pruned"][pk] != lists["live"][pk] for pk in sample)
    timings["pruned"]["wrong_lists"] = wrong
    return timings, agree


def summary(elapsed):
    elapsed = sorted(elapsed)
    p99 = elapsed[min(len(elapsed) - 1, round(0.99 * len(elapsed)) - 1)]
    return {
        "median": round(statistics.median(elapsed), 2),
        "p99": round(p99, 2),
        "max": round(elapsed[-1], 2),
    }


def pruned_single_query(essay, limit):
    """
    One query over the essays that carry the essay's rarest tags (up to PRUNED_BUDGET
    taggings), scored on all its tags. Fast, but an essay sharing only commoner tags is never
    looked at, so the list can be wrong; kept to show what a single query can do.
    """
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from articles.models import TaggedArticle
    from articles.related import tag_weights

    tags = list(essay.tags.all())
    if not tags:
        return []
    weights = tag_weights(tags)
    carrying = dict(
        TaggedArticle.objects.filter(tag__in=tags)
        .values_list("tag_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rare, looked_at = [], 0
    for tag_id in sorted(weights, key=lambda t: (-weights[t], t)):
        if rare and looked_at + carrying.get(tag_id, 0) > PRUNED_BUDGET:
            break
        rare.append(tag_id)
        looked_at += carrying.get(tag_id, 0)
    score = " ".join(f"WHEN {int(t)} THEN {int(w)}" for t, w in weights.items())
    sql = f"""
        SELECT a.id FROM (
            SELECT DISTINCT content_object_id AS id FROM articles_taggedarticle
            WHERE tag_id IN ({", ".join(str(int(t)) for t in rare)})
        ) c
        CROSS JOIN articles_article a
        CROSS JOIN articles_taggedarticle t
        WHERE a.id = c.id AND t.content_object_id = a.id
          AND a.status = 'published' AND a.published_at <= %s AND a.id <> %s
        GROUP BY a.id, a.published_at
        HAVING SUM(CASE t.tag_id {score} END) IS NOT NULL
        ORDER BY SUM(CASE t.tag_id {score} END) DESC, a.published_at DESC, a.id DESC
        LIMIT {int(limit)}
    """
    pinned = [link.target_id for link in essay.live_pinned_links]
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), essay.pk])
        computed = [pk for (pk,) in cursor.fetchall() if pk not in pinned]
    return (pinned + computed)[:limit]


def page_queries(sample):
    """The article page's query count, for essays with a pool and without one."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from articles import caching, related
    from articles.models import Article

    client = Client()
    counts = {"stored": set(), "live": set()}
    page_settings = override_settings(
        ALLOWED_HOSTS=["testserver"],
        # Production settings send plain http to https first.
        SECURE_SSL_REDIRECT=False,
        FILMCULTURE={**settings_filmculture(), "PUBLIC_CACHE_SECONDS": 0},
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    with page_settings:
        for pk in sample:
            url = Article.objects.get(pk=pk).get_absolute_url()
            for kind in ("stored", "live"):
                with transaction.atomic():
                    if kind == "live":
                        related.articles_changed([pk])
                    caching.content_version()
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(url)
                    assert response.status_code == 200, response.status_code
                    counts[kind].add(len(captured))
                    transaction.set_rollback(True)
    return {kind: sorted(found) for kind, found in counts.items()}


def periodic_refresh(changed):
    """Seconds `refresh_related` takes after a few essays changed (then undone)."""
    from django.db import transaction

    from articles import related

    with transaction.atomic():
        related.articles_changed(changed)
        started = time.perf_counter()
        related.refresh_pools()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return round(seconds, 1)


def settings_filmculture():
    from django.conf import settings

    return settings.FILMCULTURE


# --- The report --------------------------------------------------------------------------------


def write_report():
    runs = [
        json.loads(path.read_text()) for path in sorted(RESULTS.glob("related_articles-*.json"))
    ]
    lines = [
        "# Related Articles: time to get one essay's list",
        "",
        "Written by `bench/related_articles.py`; see docs/related.md for what it means.",
        "",
        "| database | essays (published) | lists of | strategy | median ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        for name, label in (
            ("stored", "stored pools (chosen)"),
            ("stored_again", "stored pools, the same lists again"),
            ("live", "single live query, exact"),
            ("pruned", "single query, rarest tags only"),
        ):
            t = r["timings_ms"].get(name)
            if t is None:  # a run from before the second pass was measured
                continue
            if "wrong_lists" in t:
                label += f" ({t['wrong_lists']} of {r['samples']} lists wrong)"
            lines.append(
                f"| {r['server_version']} | {r['essays']:,} ({r['published']:,}) | "
                f"{r['samples']} of {r['limit']} | {label} | {t['median']} | {t['p99']} | "
                f"{t['max']} |"
            )
    lines += [
        "",
        "| database | stored = live on every list | page queries (stored / live) "
        "| generate_articles | refresh_related --all | refresh_related, 20 changed | measured |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        b, q = r["build"], r["page_queries"]
        lines.append(
            f"| {r['server_version']} | {'yes' if r['stored_and_live_agree'] else 'NO'} | "
            f"{'/'.join(map(str, q['stored']))} / {'/'.join(map(str, q['live']))} | "
            f"{b['generate_seconds']} s ({b['generate_essays_per_second']:,} essays/s) | "
            f"{b['refresh_all_seconds']} s | {r['periodic_refresh_seconds']} s | "
            f"{r['measured_at']}, {r['machine']} |"
        )
    (RESULTS / "related_articles.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
