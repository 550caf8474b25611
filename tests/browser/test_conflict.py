"""Two editors on one essay in two browsers: the second save is refused, and loses nothing."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Section
from articles.services.permissions import EDITORS
from tests.admin_forms import change_url
from tests.browser.people import log_in, open_page, staff_member
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def quick_heartbeat(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "PRESENCE_SECONDS": 1}


def test_the_second_of_two_editors_gets_the_conflict_page_with_their_text_kept(
    browser, live_server
):
    essay = ArticleFactory(draft=True, title="A shared essay", paragraphs__skip=True)
    Section.objects.create(article=essay, position=1, heading="", body="Opening lines.")
    Section.objects.create(article=essay, position=2, heading="Middle", body="Middle lines.")
    staff_member("maria", EDITORS, first_name="Maria", last_name="Costa")
    staff_member("tomas", EDITORS, first_name="Tomas", last_name="Lind")
    maria, tomas = open_page(browser), open_page(browser)
    url = live_server.url + change_url(essay)
    try:
        for page, name in ((maria, "maria"), (tomas, "tomas")):
            log_in(page, live_server, name)
            page.goto(url)
        # Each is warned of the other before anyone saves.
        expect(maria.locator("#autosave-presence")).to_contain_text(
            "Tomas Lind is also editing this essay"
        )
        expect(tomas.locator("#autosave-presence")).to_contain_text(
            "Maria Costa is also editing this essay"
        )

        maria.fill("#id_sections-1-heading", "Centre")
        maria.locator("input[name=_continue]").last.click()
        expect(maria.locator(".messagelist .success")).to_be_visible()

        tomas.fill("#id_title", "A shared essay, Tomas's title")
        tomas.fill("#id_sections-0-body", "Tomas rewrote the opening.")
        tomas.locator("input[name=_continue]").last.click()

        notice = tomas.locator("#edit-conflict")
        expect(notice).to_contain_text("Maria Costa saved this essay while you were editing it")
        expect(notice.locator("del", has_text="Middle")).to_be_visible()
        expect(notice.locator("ins", has_text="Centre")).to_be_visible()
        expect(tomas.locator("#id_title")).to_have_value("A shared essay, Tomas's title")
        expect(tomas.locator("#id_sections-0-body")).to_have_value("Tomas rewrote the opening.")
        essay.refresh_from_db()
        assert essay.title == "A shared essay"

        # Tomas keeps Maria's heading by hand and saves again: this time it goes through.
        tomas.fill("#id_sections-1-heading", "Centre")
        tomas.locator("input[name=_continue]").last.click()
        expect(tomas.locator(".messagelist .success")).to_be_visible()
        essay = Article.objects.get(pk=essay.pk)
        assert essay.title == "A shared essay, Tomas's title"
        assert [(s.heading, s.body) for s in essay.sections.all()] == [
            ("", "Tomas rewrote the opening."),
            ("Centre", "Middle lines."),
        ]
    finally:
        maria.context.close()
        tomas.context.close()
