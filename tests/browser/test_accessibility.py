"""
axe-core in the browser on the pages editors live in: no serious or critical violations.
axe-core comes from npm (package.json); without `npm ci` these tests are skipped with the
reason, unless FILMCULTURE_REQUIRE_BROWSER=1 (CI) makes its absence a failure.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles import services
from tests.browser.test_editor import (
    background_requests_stopped_at_exit,
    eight_section_essay,
    log_in_as_chief,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def axe():
    if not AXE.exists():
        reason = "run npm ci for axe-core"
        if os.environ.get("FILMCULTURE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE


def blocking_violations(page, axe):
    # Evaluated through the DevTools protocol: a <script> tag would be inline script, which
    # the site's Content Security Policy refuses (docs/security.md).
    page.evaluate(axe.read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def described(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.append(f"       {node['failureSummary'].replace(chr(10), chr(10) + '       ')}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture
def admin_page(page, live_server):
    with background_requests_stopped_at_exit(page):
        log_in_as_chief(page, live_server)
        yield page


@pytest.fixture
def essay(admin_page):
    """The 8-section essay, saved twice by the editor so that it has revisions to compare."""
    essay = eight_section_essay()
    user = get_user_model().objects.get(username="chief")
    essay.standfirst = "Open-air screenings, and what the audience brings to them."
    services.article_save(article=essay, by=user)
    essay.title = "Harbour lights: open-air cinema on the Adriatic"
    services.article_save(article=essay, by=user)
    return essay


def assert_accessible(page, axe):
    violations = blocking_violations(page, axe)
    assert not violations, f"{page.url}\n{described(violations)}"


def test_the_essay_form_has_no_serious_violations(axe, admin_page, live_server, essay):
    admin_page.goto(live_server.url + reverse("admin:articles_article_change", args=[essay.pk]))
    admin_page.wait_for_selector(".essay-outline__list li")
    admin_page.wait_for_selector("#id_authors + .select2 .select2-search__field")

    assert_accessible(admin_page, axe)

    admin_page.get_by_role("button", name="Collapse all").click()
    assert_accessible(admin_page, axe)


def test_the_essay_form_has_no_serious_violations_in_the_dark_theme(
    axe, admin_page, live_server, essay
):
    admin_page.emulate_media(color_scheme="dark")
    admin_page.goto(live_server.url + reverse("admin:articles_article_change", args=[essay.pk]))
    admin_page.wait_for_selector(".essay-outline__list li")

    assert_accessible(admin_page, axe)


def test_the_revision_comparison_has_no_serious_violations(axe, admin_page, live_server, essay):
    admin_page.goto(
        live_server.url + reverse("admin:articles_article_revisions_compare", args=[essay.pk])
    )
    admin_page.wait_for_selector(".comparison")

    assert_accessible(admin_page, axe)


def test_the_dashboard_has_no_serious_violations(axe, admin_page, live_server, essay):
    admin_page.goto(live_server.url + reverse("admin:index"))

    assert_accessible(admin_page, axe)
