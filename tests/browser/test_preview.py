"""The live preview in a real browser: the panel follows what the editor types, unsaved."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from articles.services.permissions import EDITORS
from tests.browser.people import log_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def essay(db):
    editor = UserFactory(username="petra", email="petra@example.com")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return ArticleFactory(draft=True, owner=editor, title="Cinemas of the night shift")


# `page` last: it closes first, so no preview request is still running when the database is
# emptied after the test.
def test_the_preview_panel_shows_typed_text_at_desktop_and_phone_width(live_server, essay, page):
    log_in(page, live_server, "petra")
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[essay.pk]))

    page.get_by_role("button", name="Preview", exact=True).click()
    panel = page.get_by_role("region", name="Preview")
    expect(panel).to_be_visible()
    preview = page.frame_locator("iframe.live-preview__frame")
    expect(preview.locator("h1")).to_have_text("Cinemas of the night shift")
    expect(preview.locator(".preview-banner")).to_contain_text("Preview — not saved")

    page.fill("#id_title", "Projectionists after midnight")
    body = page.locator("#id_sections-0-body")
    body.fill(body.input_value() + "\n\nThe last reel ends at three.")
    expect(preview.locator("h1")).to_have_text("Projectionists after midnight")
    expect(preview.locator(".article-body")).to_contain_text("The last reel ends at three.")

    phone = panel.get_by_role("button", name="Phone")
    phone.click()
    expect(phone).to_have_attribute("aria-pressed", "true")
    expect(panel.get_by_role("button", name="Desktop")).to_have_attribute("aria-pressed", "false")
    frame = page.locator("iframe.live-preview__frame")
    page.wait_for_function(
        "() => document.querySelector('iframe.live-preview__frame')"
        ".getBoundingClientRect().width === 375"
    )
    assert frame.bounding_box()["width"] == 375

    with page.expect_popup() as opened:
        panel.get_by_role("button", name="Open preview in a new tab").click()
    tab = opened.value
    expect(tab.locator("h1")).to_have_text("Projectionists after midnight")
    tab.close()

    panel.get_by_role("button", name="Close preview").click()
    expect(panel).to_be_hidden()
    expect(page.get_by_role("button", name="Preview", exact=True)).to_be_focused()
    page.goto("about:blank")
    essay.refresh_from_db()
    assert essay.title == "Cinemas of the night shift", "a preview must save nothing"
