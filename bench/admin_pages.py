"""
The editors' admin pages at a large archive: how long each takes and how many queries it
runs, on SQLite or PostgreSQL.

    .venv/bin/python bench/admin_pages.py [--count 100000] [--database sqlite|postgres]

Builds the corpus once with `manage.py generate_articles` (`--count` published essays plus
2% drafts and 0.1% scheduled), computes the related lists' pools as a site does nightly
(`refresh_related --all`) and, on PostgreSQL, vacuums and analyses it; later runs reuse it
while it holds that many essays: SQLite in bench/.data/admin-<count>.sqlite3 (or
--sqlite-path), PostgreSQL in filmculture_admin_<count> on 127.0.0.1 (or --database-url).
Then, as a logged-in superuser through Django's test client (DEBUG off, the project's
settings), it requests each page `--repeat` times and reports the median and the slowest
time and the query count: the essay list plain, with each list filter (the commonest and
the rarest tag) and down the date hierarchy, searched for a word in nearly every essay, in
a third of them, in a few and in none, an essay's change form, saving it unchanged, and the
tag list. Prints a table; writes bench/results/admin_pages-<database>.json.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
AIM_MS = 300


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="Published essays.")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", help="Use this database instead (built if short).")
    parser.add_argument("--sqlite-path", help="SQLite file to build or reuse.")
    parser.add_argument("--repeat", type=int, default=7, help="Requests per page.")
    args = parser.parse_args()
    url = database_url(args)
    ensure_corpus(url, args.count)

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmculture.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_COOKIES"] = "0"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"  # the test client speaks plain http
    # An empty page cache for each run: the file cache lists its directory on every write, so
    # saves would otherwise get slower with every earlier run's entries.
    cache_dir = tempfile.TemporaryDirectory(prefix="admin-pages-cache-")
    os.environ["FILMCULTURE_CACHE_DIR"] = cache_dir.name
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # The hashed-name manifest needs collectstatic; the pages' cost is the same without it.
    static = "django.contrib.staticfiles.storage.StaticFilesStorage"
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": static}}).enable()
    load_before = os.getloadavg()
    rows = measure(args.repeat)
    report(rows, args, url, load_before)


def database_url(args):
    if args.database_url:
        return args.database_url
    if args.database == "postgres":
        return f"{POSTGRES_SERVER}/filmculture_admin_{args.count}"
    path = Path(args.sqlite_path) if args.sqlite_path else DATA / f"admin-{args.count}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def manage(url, *arguments, capture=False):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "filmculture.settings"}
    env.setdefault("DJANGO_SECRET_KEY", "bench-only")
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def ensure_corpus(url, count):
    if url.startswith("postgres"):
        server, name = url.rsplit("/", 1)
        query = f"SELECT 1 FROM pg_database WHERE datname='{name}'"
        exists = subprocess.run(
            ["psql", f"{server}/postgres", "-tAc", query], capture_output=True, text=True
        ).stdout.strip()
        if not exists:
            subprocess.run(["psql", f"{server}/postgres", "-c", f'CREATE DATABASE "{name}"'],
                           check=True, capture_output=True)  # fmt: skip
    manage(url, "migrate", "-v0")
    have = manage(
        url, "shell", "-c",
        "from articles.models import Article; print(Article.objects.published().count())",
        capture=True,
    ).stdout.split()[-1]  # fmt: skip
    missing = count - int(have)
    if missing > 0:
        print(f"Building the corpus: {missing} essays to add to {have} ...", flush=True)
        manage(url, "generate_articles", "--count", str(missing), "--drafts",
               str(missing // 50), "--scheduled", str(missing // 1000))  # fmt: skip
        # Without pools every change form ranks its related list live: not what a site
        # running its nightly refresh shows editors.
        manage(url, "refresh_related", "--all")
        if url.startswith("postgres"):
            # Statistics and a visibility map, as autovacuum would leave them after a while:
            # without them the planner guesses, and index-only scans read the table anyway.
            subprocess.run(["psql", url, "-c", "VACUUM (ANALYZE)"], check=True, capture_output=True)


def measure(repeat):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.models import Article, Category, Tag
    from tests.admin_forms import essay_form

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    essay = Article.objects.published().order_by("-published_at").first()
    newest = essay.published_at
    category = Category.objects.order_by("pk").first()
    by_use = Tag.objects.annotate(uses=Count("tagged_articles")).filter(uses__gt=0)
    commonest = by_use.order_by("-uses", "pk").first()
    rarest = by_use.order_by("uses", "pk").first()
    changelist = reverse("admin:articles_article_changelist")
    change = reverse("admin:articles_article_change", args=[essay.pk])
    week_ago = (newest.date() - timedelta(days=7)).isoformat()
    day = f"published_at__year={newest.year}&published_at__month={newest.month}"
    pages = [
        ("essay list", changelist),
        ("  state: published", f"{changelist}?state=published"),
        ("  state: draft", f"{changelist}?state=draft"),
        ("  owner: mine", f"{changelist}?owner=mine"),
        ("  category", f"{changelist}?category__id__exact={category.pk}"),
        (f"  tag: commonest ({commonest.uses:,})", f"{changelist}?tag={commonest.slug}"),
        (f"  tag: rarest ({rarest.uses:,})", f"{changelist}?tag={rarest.slug}"),
        ("  published: past 7 days", f"{changelist}?published_at__gte={week_ago}"),
        ("  date: year", f"{changelist}?published_at__year={newest.year}"),
        ("  date: month", f"{changelist}?{day}"),
        ("  date: day", f"{changelist}?{day}&published_at__day={newest.day}"),
        ("search: nearly all (film criticism)", f"{changelist}?q=film+criticism"),
        ("search: a third (cinema)", f"{changelist}?q=cinema"),
        ("search: a few (tbilisi)", f"{changelist}?q=tbilisi"),
        ("search: none (zzyzx)", f"{changelist}?q=zzyzx"),
        ("change form", change),
        ("tag list", reverse("admin:articles_tag_changelist")),
    ]
    rows = []
    for name, url in pages:
        rows.append(time_page(client, name, url, repeat, CaptureQueriesContext, connection))

    def save():
        # The form as the editor's browser would post it, read before the clock starts.
        essay.refresh_from_db()
        data = essay_form(essay, loaded_version=essay.version)
        return lambda: client.post(change, data)

    rows.append(time_call("save unchanged", save, repeat, CaptureQueriesContext, connection, 302))
    return rows


def time_page(client, name, url, repeat, capture, connection):
    def get():
        return lambda: client.get(url)

    return time_call(name, get, repeat, capture, connection, 200, url)


def time_call(name, prepare, repeat, capture, connection, status, url=""):
    """Time the request `prepare()` returns, made afresh for each of `repeat` runs."""
    prepare()()  # warm: templates compiled, caches filled, pages read from disk
    times, database, queries = [], [], set()
    for _ in range(repeat):
        call = prepare()
        with capture(connection) as captured:
            started = time.perf_counter()
            response = call()
            elapsed = time.perf_counter() - started
        if response.status_code != status:
            raise SystemExit(f"{name}: {url} answered {response.status_code}, not {status}")
        times.append(elapsed * 1000)
        database.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        queries.add(len(captured.captured_queries))
    return {
        "page": name.strip(),
        "label": name,
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        # Time spent in the database's queries as Django records it: executing them (on
        # SQLite, the rows after the first are read later, outside it). The rest is Python.
        "database_median_ms": round(statistics.median(database), 1),
        "queries": sorted(queries),
    }


def report(rows, args, url, load_before):
    from django.db import connection

    from articles.models import Article

    essays = Article.objects.count()
    vendor = connection.vendor
    header = f"{'page':36} {'median ms':>10} {'max ms':>8} {'in db ms':>9} {'queries':>8}"
    print(f"\nAdmin pages, {essays:,} essays, {connection.display_name} "
          f"{'.'.join(map(str, connection.Database.sqlite_version_info)) if vendor == 'sqlite' else connection.pg_version}, "  # noqa: E501
          f"median of {args.repeat}; load average {_load(load_before)} before, "
          f"{_load(os.getloadavg())} after:")  # fmt: skip
    print(header)
    print("-" * len(header))
    for row in rows:
        over = "  over" if row["median_ms"] > AIM_MS else ""
        queries = "/".join(map(str, row["queries"]))
        print(
            f"{row['label']:36} {row['median_ms']:>10} {row['max_ms']:>8} "
            f"{row['database_median_ms']:>9} {queries:>8}{over}"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"admin_pages-{vendor}.json"
    out.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                f"Python {platform.python_version()}",
                "database": vendor,
                "essays": essays,
                "repeat": args.repeat,
                "aim_ms": AIM_MS,
                "load_average_before": load_before,
                "load_average": os.getloadavg(),
                "pages": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWritten to {out.relative_to(ROOT)}")


def _load(averages):
    return " / ".join(f"{value:.2f}" for value in averages)


if __name__ == "__main__":
    main()
