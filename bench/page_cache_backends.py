"""
Page-cache hits on the two shared stores the embedded default could use (the cache on disk
and the database cache, on SQLite): time per hit of a cached essay page and home page, in
one process through Django's test client. Usage:

    .venv/bin/python bench/page_cache_backends.py [--hits 2000]

Writes bench/results/page_cache_backends.json; docs/caching.md has the figures.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hits", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fc-cache-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="filmculture.settings", DJANGO_SECRET_KEY="bench", DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}", REDIS_URL="",
        DJANGO_ALLOWED_HOSTS="testserver", FILMCULTURE_CACHE_DIR=str(work / "cache"),
    )  # fmt: skip
    import django
    from django.conf import settings

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from articles.models import Article

    essay = Article.objects.published().first().get_absolute_url()
    stores = {
        "file": {"BACKEND": "filmculture.file_cache.SharedFileCache",
                 "LOCATION": str(work / "cache"), "OPTIONS": {"MAX_ENTRIES": 50_000}},
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                     "LOCATION": "filmculture_cache", "OPTIONS": {"MAX_ENTRIES": 50_000}},
    }  # fmt: skip
    results = {}
    for name, store in stores.items():
        with override_settings(CACHES={"default": store}):
            call_command("createcachetable", verbosity=0)
            client = Client()
            for url in ("/", essay):
                client.get(url)
                started = time.perf_counter()
                for _ in range(args.hits):
                    assert client.get(url).status_code == 200
                per_hit = (time.perf_counter() - started) / args.hits * 1000
                results[f"{name} {url}"] = round(per_hit, 3)
                print(f"{name:9} {url:40} {per_hit:.3f} ms per hit")
    out = ROOT / "bench" / "results" / "page_cache_backends.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"hits": args.hits, "ms_per_hit": results,
                               "debug": settings.DEBUG}, indent=2) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
