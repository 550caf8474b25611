"""
Browser tests drive Debian's Chromium through Playwright. Playwright's own browser download
does not work everywhere, so the system binary is used; without it these tests are skipped
with the reason, unless FILMCULTURE_REQUIRE_BROWSER=1 (CI) makes its absence a failure.
"""

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest

from tests.browser.axe import axe  # noqa: F401  (the fixture, for every browser test)

CHROMIUM = Path(os.environ.get("FILMCULTURE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package"
        if os.environ.get("FILMCULTURE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    close_quietly(context)


def close_quietly(context):
    """
    Close the context's pages without the beacons that leaving an essay's form sends
    (autosave, the presence goodbye): beacons outlive their page, and one reaching the live
    server while the test database is emptied deadlocks with the flush on PostgreSQL.
    """
    for open_page in context.pages:
        with contextlib.suppress(Exception):
            open_page.evaluate("navigator.sendBeacon = () => true")
    with contextlib.suppress(Exception):
        context.close()


class RequestsInFlight:
    """
    The live server's application, counting the requests it is still answering: a request
    counts until its response is closed, since closing it still touches the database.
    """

    def __init__(self, app):
        self.app = app
        self.running = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            self.running += 1
        try:
            response = self.app(environ, start_response)
        except BaseException:
            self._finished()
            raise
        return _ClosingResponse(response, self._finished)

    def _finished(self):
        with self.changed:
            self.running -= 1
            self.changed.notify_all()

    def wait_until_quiet(self, timeout):
        with self.changed:
            return self.changed.wait_for(lambda: self.running == 0, timeout=timeout)


class _ClosingResponse:
    def __init__(self, response, on_close):
        self.response = response
        self.on_close = on_close

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.on_close()


def requests_in_flight(live_server):
    """The live server's counter, put in front of its application the first time."""
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, RequestsInFlight):
        app = RequestsInFlight(app)
        httpd.set_app(app)
    return app


@pytest.fixture(autouse=True)
def pages_fall_quiet_before_the_database_is_emptied(request, transactional_db):
    """
    A request still running when the test database is emptied deadlocks with the flush on
    PostgreSQL and locks the tables on SQLite, and the next test then starts with this
    one's rows. So before the flush, every page stops sending: leaving an essay's form would
    send what was typed (autosave beacons, a presence goodbye), and beacons outlive the
    page, so they are switched off first (`close_quietly`, which the `page` fixture, torn
    down before this one, uses too); then the pages are closed and the test waits until the
    live server has answered every request it was sent.
    """
    in_flight = None
    if "live_server" in request.fixturenames:
        in_flight = requests_in_flight(request.getfixturevalue("live_server"))
    yield
    if "browser" not in request.fixturenames:
        return
    browser = request.getfixturevalue("browser")
    for context in list(browser.contexts):
        close_quietly(context)
    if in_flight is None:
        return
    # Twice: a request the browser sent as its page closed may reach the server just after
    # the count first falls to zero.
    for _ in range(2):
        if not in_flight.wait_until_quiet(timeout=15):
            pytest.fail("The live server was still answering requests 15 s after the pages closed")
        time.sleep(0.2)
