"""
Reader search at 20,000 and 100,000 essays: how long one search page's work takes (the
result count, then the first page of ten with their passages), per query, on SQLite and
PostgreSQL.

    .venv/bin/python bench/search.py [--count 20000] [--database sqlite|postgres|both]
                                     [--database-url URL] [--repeats 30]

Builds (or reuses, when its fingerprint matches) a database of `--count` published essays,
plus 1% drafts and 1% scheduled ones, with `manage.py generate_articles` (which indexes them
through `services.articles_create_bulk`); with --time-rebuild it also times `manage.py
rebuild_search_index`. Then it times every query in QUERIES `--repeats` times after a
warm-up run. SQLite lives in bench/.data/, PostgreSQL in filmculture_search_bench on
127.0.0.1 (created if missing), or wherever --database-url points. Writes
bench/results/search-<database>-<count>.json and, from every such file present, the table
in bench/results/search.md (docs/search.md quotes it).
"""

import argparse
import hashlib
import json
import os
import platform
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
POSTGRES_NAME = "filmculture_search_bench"
FINGERPRINT_SOURCES = [
    "articles/synthetic.py",
    "articles/management/commands/generate_articles.py",
    "articles/search/index.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "articles" / "migrations").glob("0*.py")),
]
# What readers might type against the synthetic corpus: common and rare words, a phrase,
# alternatives, an exclusion, a word in nearly every essay, stop words, and a miss.
QUERIES = [
    ("rare word", "tbilisi"),
    ("common word", "harbour"),
    ("two words", "restored print"),
    ("phrase", '"long take"'),
    ("alternatives", "nocturnal or feverish"),
    ("exclusion", "cinematography -television"),
    ("accented", "Thessaloníki"),
    ("almost every essay", "film"),
    ("only stop words", "the of and"),
    ("no match", "zzyzx"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--tags", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--database-url", help="Use this database instead (built if empty).")
    parser.add_argument("--rebuild", action="store_true", help="Build even if one matches.")
    parser.add_argument(
        "--time-rebuild",
        action="store_true",
        help="Also time rebuild_search_index (indexing everything twice over).",
    )
    args = parser.parse_args()

    if args.database == "both" and not args.database_url:
        for database in ("sqlite", "postgres"):
            command = [sys.executable, __file__, *sys.argv[1:], "--database", database]
            subprocess.run(command, check=True)
        return
    os.environ["DATABASE_URL"] = args.database_url or database_url(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmculture.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ["DJANGO_DEBUG"] = "0"
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    results = run(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search-{results['database']}-{args.count}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    write_report()
    print(f"Wrote {out.relative_to(ROOT)} and bench/results/search.md")


def database_url(args):
    if args.database == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DATA / f'search-{args.count}-{args.tags}-{args.seed}.sqlite3'}"
    return f"{POSTGRES_SERVER}/{POSTGRES_NAME}"


def fingerprint(args):
    digest = hashlib.sha256(f"{args.count}/{args.tags}/{args.seed}".encode())
    for name in FINGERPRINT_SOURCES:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def run(args):
    from django.db import connection

    from articles.models import Article

    build = ensure_database(args)
    timings = {}
    for label, text in QUERIES:
        found, samples = time_query(text, args.repeats)
        timings[label] = {"query": text, "results": found, **summary(samples)}
        print(f"  {label:20} {text!r:32} {found:>7} results  median {timings[label]['median']} ms"
              f"  p99 {timings[label]['p99']} ms")  # fmt: skip
    return {
        "database": connection.vendor,
        "server_version": server_version(),
        "essays": Article.objects.count(),
        "published": Article.objects.published().count(),
        "repeats": args.repeats,
        "timings_ms": timings,
        "build": build,
        "machine": f"{os.cpu_count()} CPUs (shared), Python {platform.python_version()}",
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def time_query(text, repeats):
    """What the search page does: the count, then the first ten hits with passages."""
    from articles import search

    def once():
        results = search.search(text)
        count = results.count()
        hits = results[0:10]
        return count, hits

    found, _ = once()  # warm-up
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        once()
        samples.append((time.perf_counter() - started) * 1000)
    return found, samples


def summary(samples):
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 2),
        "p99": round(p99, 2),
        "max": round(ordered[-1], 2),
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
    call_command("generate_articles", count=args.count, tags=args.tags, seed=args.seed,
                 drafts=args.count // 100, scheduled=args.count // 100)  # fmt: skip
    generated = time.perf_counter() - started
    rebuilt = None
    if args.time_rebuild:
        started = time.perf_counter()
        call_command("rebuild_search_index")
        rebuilt = round(time.perf_counter() - started, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    build = {
        "generate_seconds": round(generated, 1),
        "rebuild_search_index_seconds": rebuilt,
        "database_megabytes": database_megabytes(),
    }
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_fingerprint (value TEXT)")
        cursor.execute("INSERT INTO bench_fingerprint VALUES (%s)",
                       [json.dumps({"fingerprint": wanted, "build": build})])  # fmt: skip
    return build


def database_megabytes():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
        else:
            cursor.execute("SELECT pg_total_relation_size('articles_searchentry')")
        return round(cursor.fetchone()[0] / 1e6)


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
    if args.database_url:
        return  # someone else's database: migrate fills it, nothing is dropped
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {POSTGRES_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {POSTGRES_NAME}")
    from filmculture.circuit_breaker import forget_all

    # Looking for a stored fingerprint in the database before it existed failed, and the
    # backend would not try again for a few seconds.
    forget_all()


def server_version():
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def write_report():
    runs = [json.loads(path.read_text()) for path in sorted(RESULTS.glob("search-*.json"))]
    runs.sort(key=lambda r: (r["essays"], r["database"]))
    lines = [
        "# Reader search: one search page's queries",
        "",
        "Written by `bench/search.py`: the result count and the first ten results with their",
        "passages, per query, after a warm-up; see docs/search.md.",
        "",
        "| database | essays (published) | query | results | median ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        for label, t in r["timings_ms"].items():
            lines.append(
                f"| {r['server_version']} | {r['essays']:,} ({r['published']:,}) | {label}: "
                f"`{t['query']}` | {t['results']:,} | {t['median']} | {t['p99']} | {t['max']} |"
            )
    lines += [
        "",
        "| database | essays | generate_articles (indexing included) | rebuild_search_index "
        "| size | repeats | measured |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        b = r["build"]
        size = "database" if r["database"] == "sqlite" else "search table and index"
        seconds = b["rebuild_search_index_seconds"]
        rebuilt = "not timed" if seconds is None else f"{seconds} s"
        lines.append(
            f"| {r['server_version']} | {r['essays']:,} | {b['generate_seconds']} s | "
            f"{rebuilt} | {b['database_megabytes']} MB ({size}) | "
            f"{r['repeats']} | {r['measured_at']}, {r['machine']} |"
        )
    (RESULTS / "search.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
