"""
Readers' pages served as in production: gunicorn (filmculture/gunicorn.conf.py, DEBUG off)
over a generated corpus, loaded with wrk, page cache off and on, against a floor (a minimal
Django view returning a fixed page of the essay page's size under the same server).

    .venv/bin/python bench/serve.py [--essays 20000] [--database-url postgres://...]
                                    [--seconds 10] [--rounds 3] [--connections 16]

Reports, per page: requests per second, p50 and p99 latency, and the gunicorn workers'
CPU time per request (from /proc before and after each run), the median of `--rounds`
runs with the pages taking turns (each round is kept in the JSON). The essay page rotates over
every published essay (a Lua script for wrk). Prints a table and writes
bench/results/serve-<database>-<essays>.json.

The SQLite corpus is kept in bench/.data/ and reused by later runs of the same size
(migrated first); `--fresh` builds it again. A PostgreSQL database named in
--database-url is filled up to the size asked for, never emptied: give it a throwaway one.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

ROTATE_LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--essays", type=int, default=20000, help="published essays")
    parser.add_argument("--database-url", default="", help="default: SQLite in bench/.data/")
    parser.add_argument("--seconds", type=int, default=10, help="wrk run per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--worker-threads", type=int, default=1, help="threads per worker (1: sync workers)"
    )
    parser.add_argument("--port", type=int, default=8161)
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs of every page, taking turns; medians shown"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="only these pages, comma-separated (essay, home, category, tag, search, archive)"
        "; the floor always runs",
    )
    parser.add_argument(
        "--uncached-only", action="store_true", help="skip the runs with the page cache on"
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the SQLite corpus")
    parser.add_argument("--label", default="", help="added to the results file name")
    return parser.parse_args()


def database_url(args):
    if args.database_url:
        return args.database_url
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"serve-{args.essays}.sqlite3"
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def base_environment(args, url):
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret",
        "DJANGO_SECURE_COOKIES": "0",
        # Plain http on the loopback address: no redirect to https.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        # One worker process for the whole run (CPU is read from its /proc entry), and wrk is
        # one client: the per-address limit on searches would answer it 429.
        "GUNICORN_MAX_REQUESTS": "0",
        "FILMCULTURE_RATE_LIMIT_SEARCH": "1000000/60",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": str(args.worker_threads),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # the embedded default: the page cache on disk, shared by workers
    return env


def prepare_corpus(args, env):
    """Migrate, fill up to --essays published essays, refresh related pools, list the pages."""
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
    # In a process of its own: stored pages name the static files by their hashed names,
    # which a process reads once, from the manifest collectstatic writes.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from articles.models import Article, Category, Tag

    call_command("migrate", verbosity=0)
    # A corpus built by an earlier version keeps pages rendered by older templates.
    call_command("render_essays", outdated=True, verbosity=0)
    have = Article.objects.published().count()
    if have > args.essays:
        sys.exit(f"The database holds {have} published essays, more than --essays {args.essays}.")
    if have < args.essays:
        started = time.perf_counter()
        call_command("generate_articles", count=args.essays - have, seed=have + 1)
        print(f"corpus: {args.essays - have} essays in {time.perf_counter() - started:.0f} s")
        call_command("refresh_related", verbosity=0)

    slugs = list(Article.objects.published().values_list("slug", flat=True))
    category = Category.objects.order_by("pk").first()
    # The tag with the most essays: its page is the one a count over the tag costs most.
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n", "pk").first()
    from django.db import connection

    return {
        "vendor": connection.vendor,
        "essay_paths": [f"/essays/{slug}/" for slug in slugs],
        "pages": {
            "home": "/",
            "category": category.get_absolute_url(),
            "tag": tag.get_absolute_url(),
            "search": "/search/?q=cinema",
            "archive": "/archive/",
        },
    }


def start_server(env, port):
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "filmculture/gunicorn.conf.py",
         "filmculture.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn did not start:\n{server.stderr.read().decode()}")
            time.sleep(0.1)
    server.terminate()
    sys.exit("gunicorn did not answer within 20 s")


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def workers_cpu_seconds(master_pid):
    """User plus system CPU time of the master and its workers, in seconds."""
    pids = [master_pid]
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    pids += [int(pid) for pid in children.read_text().split()]
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def status_of(port, path):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def size_of(port, path):
    return len(urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read())


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(args, server, path=None, script=None):
    url = f"http://127.0.0.1:{args.port}{path or '/'}"
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s",
               "--latency", "--timeout", "10s"]  # fmt: skip
    if script:
        command += ["-s", str(script)]
    before = workers_cpu_seconds(server.pid)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    cpu = workers_cpu_seconds(server.pid) - before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests": requests,
        "req_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds(re.search(r"^\s*50%\s+(\S+)", output, re.M).group(1)),
        "p99_ms": milliseconds(re.search(r"^\s*99%\s+(\S+)", output, re.M).group(1)),
        "cpu_ms_per_request": 1000 * cpu / max(requests, 1),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def median_of(results):
    """Each figure's median over the rounds (requests and errors: their sums)."""
    summed = ("requests", "non_2xx")
    row = {key: sum(r[key] for r in results) for key in summed}
    for key in ("req_per_s", "p50_ms", "p99_ms", "cpu_ms_per_request"):
        row[key] = statistics.median(r[key] for r in results)
    row["socket_errors"] = "; ".join(r["socket_errors"] for r in results if r["socket_errors"])
    return row


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    load_before = os.getloadavg()[0]
    url = database_url(args)
    env = base_environment(args, url)
    corpus = prepare_corpus(args, env)
    script = DATA / "rotate.lua"
    paths_file = DATA / f"essay-paths-{os.getpid()}.txt"
    DATA.mkdir(parents=True, exist_ok=True)
    paths_file.write_text("\n".join(corpus["essay_paths"]) + "\n")
    script.write_text(ROTATE_LUA % paths_file)

    rows = []
    wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
    for cached in (False,) if args.uncached_only else (False, True):
        server_env = {**env, "FILMCULTURE_PUBLIC_CACHE_SECONDS": "300" if cached else "0"}
        # The floor answers with as many bytes as an essay page.
        probe = start_server(server_env, args.port)
        essay_bytes = size_of(args.port, corpus["essay_paths"][0])
        stop_server(probe)
        server_env["BENCH_FLOOR_BYTES"] = str(essay_bytes)
        server = start_server(server_env, args.port)
        try:
            pages = {"essay (rotating)": (None, script), **{
                name: (path, None) for name, path in corpus["pages"].items()
            }}  # fmt: skip
            if wanted:
                pages = {name: run for name, run in pages.items() if name.split()[0] in wanted}
            if not cached:
                # With the page cache off: a cached server looks every cookie-less GET up
                # in the page cache first (articles/caching.py), the floor's included.
                pages["floor"] = ("/bench/floor/", None)
            runs = {}
            # Pages take turns, round after round, and each reports its median round: a
            # shared machine's slow spell then spoils one round, not one page's figure.
            for _ in range(args.rounds):
                for name, (path, lua) in pages.items():
                    if path and status_of(args.port, path) != 200:
                        print(f"skipped {name}: {path} does not answer 200")
                        continue
                    status_of(args.port, path or corpus["essay_paths"][0])  # warm the worker
                    result = run_wrk(args, server, path=path, script=lua)
                    runs.setdefault(name, []).append(result)
                    print(
                        f"{name:18} cache {'on' if cached else 'off':3}  "
                        f"{result['req_per_s']:8.1f} req/s  p50 {result['p50_ms']:7.2f} ms  "
                        f"p99 {result['p99_ms']:7.2f} ms  "
                        f"CPU {result['cpu_ms_per_request']:6.2f} ms/req"
                        + (f"  NON-2XX {result['non_2xx']}" if result["non_2xx"] else ""),
                        flush=True,
                    )
            for name, results in runs.items():
                rows.append({"page": name, "cache": "on" if cached else "off",
                             **median_of(results), "rounds": results})  # fmt: skip
        finally:
            stop_server(server)
    paths_file.unlink(missing_ok=True)

    floor = next((r for r in rows if r["page"] == "floor"), None)
    lines = [
        "| page | cache | req/s | p50 ms | p99 ms | CPU ms/req | % of floor req/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        share = f"{100 * r['req_per_s'] / floor['req_per_s']:.0f} %" if floor else "-"
        lines.append(
            f"| {r['page']} | {r['cache']} | {r['req_per_s']:.0f} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['cpu_ms_per_request']:.2f} | {share} |"
        )
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}, load average before "
        f"{load_before:.1f}"
    )
    header = (
        f"{corpus['vendor']}, {len(corpus['essay_paths'])} published essays, gunicorn "
        f"{args.workers} workers x {args.worker_threads} threads, wrk {args.threads} threads "
        f"{args.connections} connections, median of {args.rounds} rounds of {args.seconds} s "
        f"per page; {machine}"
    )
    print("\n" + header + "\n\n" + "\n".join(lines))
    RESULTS.mkdir(exist_ok=True)
    label = f"-{args.label}" if args.label else ""
    out = RESULTS / f"serve-{corpus['vendor']}-{args.essays}{label}.json"
    out.write_text(
        json.dumps(
            {
                "setup": header,
                "essays": len(corpus["essay_paths"]),
                "vendor": corpus["vendor"],
                "machine": machine,
                "rows": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
