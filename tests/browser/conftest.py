"""
Browser tests drive Debian's Chromium through Playwright. Playwright's own browser download
does not work everywhere, so the system binary is used; without it these tests are skipped
with the reason, unless FILMCULTURE_REQUIRE_BROWSER=1 (CI) makes its absence a failure.
"""

import contextlib
import os
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
    context.close()


@pytest.fixture(autouse=True)
def pages_fall_quiet_before_the_database_is_emptied(request, transactional_db):
    """
    Leaving an essay's form sends what was typed to the server (autosave beacons, a
    presence goodbye), and those requests outlive the page. Every page is taken away and
    the server given a moment to answer before the test database is emptied: on SQLite a
    write still running when the tables are flushed locks them for the tests after, and on
    PostgreSQL it deadlocks with the flush.
    """
    yield
    if "browser" not in request.fixturenames:
        return
    browser = request.getfixturevalue("browser")
    pages = [page for context in browser.contexts for page in context.pages]
    for page in pages:
        with contextlib.suppress(Exception):
            page.goto("about:blank")
    if pages:
        time.sleep(0.5)
        live_requests_finished()
    for context in list(browser.contexts):
        with contextlib.suppress(Exception):
            context.close()


def live_requests_finished(timeout=10.0):
    """Wait until no other connection to the test database is running a statement."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)
