"""
How long readers wait for the server: the article page and the home page, rendered from the
database (page cache off) and from the page cache, over the demo essays.

    .venv/bin/python bench/article_page.py [--requests 300] [--database-url URL]

Writes bench/results/article_page.md and prints the same table.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="filmculture-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    # A throwaway database (test_<name>), migrated, dropped at the end: never the real one.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    call_command("load_demo", "--no-login", stdout=io.StringIO())
    client = Client()
    article = Article.objects.published().first()
    pages = {"article page": article.get_absolute_url(), "home page": "/"}

    rows = []
    for cached in (False, True):
        settings.FILMCULTURE = {
            **settings.FILMCULTURE,
            "PUBLIC_CACHE_SECONDS": 300 if cached else 0,
        }
        for name, url in pages.items():
            cache.clear()
            client.get(url)  # warm templates and, when cached, the page itself
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            query_count = len(queries)  # read now: each request clears Django's query log
            samples = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            rows.append(
                (
                    f"{name} ({'page cache' if cached else 'database'})",
                    statistics.median(samples),
                    percentile(samples, 99),
                    query_count,
                )
            )

    vendor = connection.vendor
    connection.creation.destroy_test_db(old_name, verbosity=0)
    lines = [
        f"# Article and home page timings ({vendor}, {args.requests} requests each)",
        "",
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; Django test client, "
        "so no network or WSGI server time is included.",
        "",
        "| page | median ms | p99 ms | SQL queries |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {name} | {median:.2f} | {p99:.2f} | {count} |" for name, median, p99, count in rows),
        "",
    ]
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"article_page_{vendor}.md").write_text(report)


if __name__ == "__main__":
    main()
