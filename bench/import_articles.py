"""
Import benchmark: N generated page files into a fresh database, through the same importer
the shell command and the admin use. Reports articles per second, overall and between
checkpoints (a rate that falls as the database fills would betray per-file work that grows
with it), and memory at each checkpoint: the process's resident set and, with
--tracemalloc, the peak of Python allocations since the previous checkpoint.

    .venv/bin/python bench/import_articles.py --count 10000
    .venv/bin/python bench/import_articles.py --count 10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres

SQLite runs in a temporary file; for PostgreSQL a throwaway database is created on the
given server and dropped afterwards. Results are also written to bench/results/.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"

WORDS = [
    "archive",
    "audience",
    "booth",
    "camera",
    "cinema",
    "colour",
    "crew",
    "cut",
    "darkness",
    "distance",
    "dock",
    "duration",
    "edit",
    "festival",
    "film",
    "frame",
    "grain",
    "harbour",
    "light",
    "lens",
    "memory",
    "montage",
    "night",
    "print",
    "projector",
    "reel",
    "river",
    "screen",
    "season",
    "shadow",
    "silence",
    "society",
    "sound",
    "street",
    "subtitle",
    "take",
    "theatre",
    "town",
    "village",
    "voice",
    "weather",
    "window",
    "winter",
    "workshop",
]
VERBS = [
    "builds",
    "carries",
    "changes",
    "doubts",
    "follows",
    "frames",
    "gathers",
    "holds",
    "keeps",
    "leaves",
    "lifts",
    "measures",
    "opens",
    "remembers",
    "returns",
    "shapes",
    "shows",
    "slows",
    "teaches",
    "turns",
    "waits",
]
ADJECTIVES = [
    "austere",
    "borrowed",
    "careful",
    "early",
    "fragile",
    "gentle",
    "late",
    "local",
    "long",
    "lucid",
    "modest",
    "nocturnal",
    "patient",
    "quiet",
    "restless",
    "slow",
    "stubborn",
    "tender",
    "unfinished",
    "wry",
]
TAGS = [f"theme {n}" for n in range(60)]
AUTHORS = [
    f"Critic {name}"
    for name in ["Abel", "Bruna", "Cato", "Dana", "Emil", "Faye", "Gus", "Hild", "Ivo", "Juno"]
]
CATEGORIES = [
    ("National cinemas", "national-cinemas"),
    ("Festivals", "festivals"),
    ("Craft", "craft"),
]
FIRST_DAY = date(2012, 1, 1)


def sentence(rng, words=(8, 16)):
    count = rng.randint(*words)
    picked = [rng.choice(WORDS if n % 3 else ADJECTIVES) for n in range(count - 1)]
    picked.insert(count // 2, rng.choice(VERBS))
    return " ".join(picked).capitalize() + "."


def identity(n):
    """The standfirst and date of page n, derivable without generating the page."""
    rng = random.Random(n * 7919)
    standfirst = " ".join(sentence(rng, (12, 20)) for _ in range(2)) + f" (no. {n})"
    return standfirst, FIRST_DAY + timedelta(days=rng.randrange(5000))


def page(n, count, *, all_published=False):
    """Page n: half name their category, tags and authors, and half of those are published
    (a quarter in all); with `all_published`, every page does both, as an archive would."""
    rng = random.Random(n)
    standfirst, day = identity(n)
    lines = []
    if n % 2 or all_published:
        category = CATEGORIES[n % len(CATEGORIES)][1]
        tags = ", ".join(rng.sample(TAGS, 4))
        authors = ", ".join(rng.sample(AUTHORS, rng.randint(1, 2)))
        published = all_published or n % 4 == 1
        lines += ["---", f"slug: bench-{n}", f"category: {category}", f"tags: {tags}"]
        lines += [f"authors: {authors}", "status: published" if published else "status: draft"]
        lines.append("---")
    lines += [sentence(rng, (6, 10)).rstrip(".") + f" {n}", standfirst, f"{day:%B %d, %Y}"]
    lines.append("Facebook X Reddit")
    for section in range(5):
        if section:
            lines.append(sentence(rng, (7, 12)))
        for _ in range(rng.randint(2, 3)):
            lines.append(" ".join(sentence(rng) for _ in range(rng.randint(4, 7))))
        if rng.random() < 0.5:
            lines += ["ADVERTISEMENT", "ADVERTISEMENT"]
    lines.append("Related Articles")
    for _ in range(rng.randint(8, 16)):
        other = rng.randrange(count + count // 5)  # about one in six names no page
        summary, other_day = identity(other)
        lines += [summary, f"{other_day:%B %d, %Y}"]
    return "\n".join(lines) + "\n"


def filesystem_of(path):
    """The type of the file system holding `path` ("tmpfs" means no real fsync)."""
    best, kind = "", "?"
    with open("/proc/mounts") as mounts:
        for line in mounts:
            _, mount_point, fs_type, *_ = line.split()
            if str(path).startswith(mount_point) and len(mount_point) > len(best):
                best, kind = mount_point, fs_type
    return kind


def rss_mb():
    """(resident set, its anonymous part): the rest is files mapped in, such as the SQLite
    database (memory-mapped by the settings), which the kernel shares and reclaims."""
    sizes = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon"):
                sizes[key] = int(value.split()[0]) / 1024
    return sizes.get("VmRSS", float("nan")), sizes.get("RssAnon", float("nan"))


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ThrowawayPostgres:
    def __init__(self, url):
        import psycopg

        self.psycopg = psycopg
        self.server = urlsplit(url)
        self.name = f"filmculture_bench_{os.getpid()}"
        self.admin_url = urlunsplit(self.server._replace(path="/postgres"))

    def __enter__(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')
        return urlunsplit(self.server._replace(path=f"/{self.name}"))

    def __exit__(self, *exc):
        from django.db import connections

        connections.close_all()
        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument(
        "--database-url",
        default="",
        help="postgres://... for PostgreSQL (a throwaway database is made); default SQLite.",
    )
    parser.add_argument("--tracemalloc", action="store_true", help="Trace Python allocations.")
    parser.add_argument(
        "--all-published",
        action="store_true",
        help="Every page published (an archive); by default a quarter are.",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="filmculture-bench-") as workdir:
        if args.database_url.startswith("postgres"):
            with ThrowawayPostgres(args.database_url) as url:
                return run(args, Path(workdir), url, "PostgreSQL")
        return run(args, Path(workdir), f"sqlite:///{workdir}/bench.sqlite3", "SQLite")


def run(args, workdir, database_url, backend):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from articles.importing.importer import import_pages
    from articles.importing.sources import sources_from_paths
    from articles.models import Article, Category, RelatedLink

    call_command("migrate", verbosity=0)
    for name, slug in CATEGORIES:
        Category.objects.create(name=name, slug=slug)

    pages = workdir / "pages"
    for n in range(args.count):
        folder = pages / f"{n // 1000:03}"
        folder.mkdir(parents=True, exist_ok=True)
        text = page(n, args.count, all_published=args.all_published)
        (folder / f"page-{n:05}.txt").write_text(text, encoding="utf-8")
    size_mb = sum(p.stat().st_size for p in pages.rglob("*.txt")) / 1024 / 1024

    wanted = {1000, 5000, args.count, *range(10_000, args.count + 1, 10_000)}
    checkpoints = sorted(c for c in wanted if c <= args.count)
    rows = []
    state = {"at": time.perf_counter(), "done": 0}
    if args.tracemalloc:
        tracemalloc.start()

    def on_progress(done, report):
        if done not in checkpoints:
            return
        now = time.perf_counter()
        interval_rate = (done - state["done"]) / (now - state["at"])
        traced = ""
        if args.tracemalloc:
            traced = f"{tracemalloc.get_traced_memory()[1] / 1024 / 1024:.1f}"
            tracemalloc.reset_peak()
        rows.append((done, now - started, interval_rate, *rss_mb(), max_rss_mb(), traced))
        state.update(at=now, done=done)

    default = Category.objects.get(slug="national-cinemas")
    started = state["at"] = time.perf_counter()
    report = import_pages(
        sources_from_paths([pages]), default_category=default, on_progress=on_progress
    )
    elapsed = time.perf_counter() - started

    where = "server" if backend == "PostgreSQL" else f"file on {filesystem_of(workdir)}"
    lines = [
        f"Import benchmark on {backend} ({where}): {args.count} generated page files "
        f"({size_mb:.0f} MB), "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
        + (", every page published" if args.all_published else ", a quarter published")
        + (", tracemalloc on (slower)" if args.tracemalloc else ""),
        f"  {report.summary()}",
        f"  {Article.objects.count()} essays, {RelatedLink.objects.count()} related links "
        f"({RelatedLink.objects.filter(target__isnull=True).count()} unresolved)",
        f"  total {elapsed:.1f} s: {report.created / elapsed:.0f} articles/s",
        "",
        "  files  seconds  articles/s since last  RSS MB  anon MB  peak RSS MB  traced peak MB",
    ]
    for done, at, rate, rss, anon, max_rss, traced in rows:
        lines.append(
            f"  {done:>5}  {at:>7.1f}  {rate:>21.0f}  {rss:>6.1f}  {anon:>7.1f}  {max_rss:>11.1f}"
            f"  {traced:>14}"
        )
    lines.append(
        "  (anon: the process's own memory; the rest of RSS is mapped files, among them the"
        " SQLite database, which the kernel shares and reclaims)"
    )
    lines += [f"  failed: {failure}" for failure in report.failures[:5]]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    suffix = ("-published" if args.all_published else "") + (
        "-tracemalloc" if args.tracemalloc else ""
    )
    name = backend.lower()
    if backend != "PostgreSQL" and filesystem_of(workdir) == "tmpfs":
        name += "-tmpfs"
    (RESULTS / f"import_articles-{name}{suffix}.txt").write_text(text + "\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
