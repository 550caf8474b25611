"""
The Content Security Policy in a real browser: the admin's editor (autosave, presence,
live preview, revisions) and the reader's pages run under it without a single violation,
so nothing the site needs depends on inline script or style.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from articles import services
from articles.services.permissions import EDITORS
from tests.browser.people import log_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`
  );
});
"""


class Violations:
    """CSP violations from every frame: the console's reports and the DOM's events."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.context.add_init_script(LISTEN)
        page.on("console", self.heard)

    def heard(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def seen(self):
        events = []
        for frame in self.page.frames:
            try:
                events += frame.evaluate("() => window.__cspViolations || []")
            except Exception:  # noqa: S112 (a frame that went away has nothing to report)
                continue
        return self.console + events


@pytest.fixture
def essay(db):
    editor = UserFactory(username="petra", email="petra@example.com", is_superuser=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    essay = ArticleFactory(owner=editor, title="Cinemas of the night shift", slug="night-shift")
    services.article_save(article=essay, by=editor)
    essay.title = "Cinemas of the night shift, revised"
    services.article_save(article=essay, by=editor)
    return essay


def test_the_editor_and_the_readers_pages_run_without_a_csp_violation(live_server, essay, page):
    violations = Violations(page)
    log_in(page, live_server, "petra")
    visited = []

    def visit(url):
        response = page.goto(live_server.url + url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        visited.append(url)

    visit(reverse("admin:index"))
    expect(page.locator(".editorial-dashboard")).to_be_visible()

    visit(reverse("admin:articles_article_change", args=[essay.pk]))
    expect(page.locator(".essay-outline")).to_be_visible()  # editor.js ran
    page.get_by_role("button", name="Preview", exact=True).click()
    preview = page.frame_locator("iframe.live-preview__frame")
    expect(preview.locator("h1")).to_have_text("Cinemas of the night shift, revised")
    page.fill("#id_title", "Projectionists after midnight")
    expect(preview.locator("h1")).to_have_text("Projectionists after midnight")
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Open preview in a new tab").click()
    expect(opened.value.locator("h1")).to_have_text("Projectionists after midnight")
    opened.value.close()

    visit(reverse("admin:articles_article_revisions_compare", args=[essay.pk]))
    expect(page.locator("h1")).to_contain_text(re.compile(r"Revision \d+ and revision \d+"))
    visit(reverse("admin:articles_article_changelist"))
    visit(reverse("accounts:two_factor"))
    expect(page.get_by_alt_text("QR code for your authenticator app")).to_be_visible()

    visit(essay.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Cinemas of the night shift, revised")
    visit(reverse("articles:home"))

    assert visited and violations.seen() == []
