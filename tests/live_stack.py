"""
The site as production runs it, for the tests that need real processes: its own SQLite
file and cache directory (the embedded default, no Redis), gunicorn with the project's
config, and a reader or editor speaking HTTP to it.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def site_env(directory: Path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="filmculture.settings",
        DATABASE_URL=f"sqlite:///{directory / 'site.sqlite3'}",
        FILMCULTURE_CACHE_DIR=str(directory / "cache"),
        REDIS_URL="",
        DJANGO_SECRET_KEY="live-stack-tests-only",
        # Static files without a collectstatic step; caching behaves as with DEBUG off.
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def manage(env, *args):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def run(env, code):
    """Run Python `code` with Django set up in a process of its own; returns its output."""
    return manage(env, "shell", "-c", code)


def wait_for_port(port, process=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server on port {port} stopped: {process.stderr.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"Nothing answered on port {port} within {timeout} s.")


def gunicorn(env, port, workers=1):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "filmculture/gunicorn.conf.py", "filmculture.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_port(port, process)
    return process


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Browser:
    """
    A reader or an editor: cookies kept, redirects not followed, and one site name whatever
    the port, as behind a load balancer (the page cache keys pages by host).
    """

    class _NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, host="localhost"):
        self.host = host
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirects()
        )

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, body, {"Host": self.host, **(headers or {})})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def csrf_token(self, url):
        _, _, html = self.get(url)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post_form(self, url, data):
        return self.request(url, {**data, "csrfmiddlewaretoken": self.csrf_token(url)})

    def log_in(self, origin, username, password):
        status, _, _ = self.post_form(
            f"{origin}/admin/login/", {"username": username, "password": password}
        )
        assert status == 302, "logging in failed"
