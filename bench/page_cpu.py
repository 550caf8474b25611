"""
CPU milliseconds per uncached page in one process (Django's test client, no server), over a
corpus `bench/serve.py` built: steadier than the served figures on a shared machine, and
quick to run twice in turn for a before/after comparison.

    .venv/bin/python bench/page_cpu.py [--essays 20000] [--database-url URL] [--label after]

Writes bench/results/page_cpu-<database>-<essays>[-label].json and prints the figures.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--essays", type=int, default=20000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    corpus = ROOT / "bench" / ".data" / f"serve-{args.essays}.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{corpus}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from articles.models import Article, Category, Tag

    settings.FILMCULTURE = {**settings.FILMCULTURE, "PUBLIC_CACHE_SECONDS": 0}
    slugs = list(Article.objects.published().values_list("slug", flat=True))
    if len(slugs) < 300:
        sys.exit("Build the corpus first: bench/serve.py --essays N")
    by_size = Tag.objects.annotate(n=Count("tagged_articles")).filter(n__gt=0)
    pages = {
        "essay (300 rotating)": [f"/essays/{s}/" for s in random.Random(1).sample(slugs, 300)],
        "home": ["/"],
        "category": [Category.objects.order_by("pk").first().get_absolute_url()],
        "tag, commonest": [by_size.order_by("-n", "pk").first().get_absolute_url()],
        "tag, rarest": [by_size.order_by("n", "pk").first().get_absolute_url()],
    }
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, urls in pages.items():
        for url in urls[:10]:
            client.get(url)  # compiled templates, warm connections
        count = 300 if len(urls) > 1 else 100
        started = time.process_time()
        for i in range(count):
            assert client.get(urls[i % len(urls)]).status_code == 200
        results[name] = round((time.process_time() - started) / count * 1000, 2)
    report = {
        "vendor": connection.vendor,
        "essays": len(slugs),
        "load_average": round(os.getloadavg()[0], 1),
        "cpu_ms_per_page": results,
    }
    print(json.dumps(report, indent=2))
    label = f"-{args.label}" if args.label else ""
    out = ROOT / "bench" / "results" / f"page_cpu-{connection.vendor}-{args.essays}{label}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
