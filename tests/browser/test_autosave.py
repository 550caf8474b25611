"""Autosave and the concurrent-editing notice in a real browser, with one-second intervals."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Autosave
from articles.services.autosave import autosave_store
from articles.services.permissions import EDITORS
from tests.browser.axe import assert_accessible
from tests.browser.people import log_in, open_page
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def quick_intervals(settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "AUTOSAVE_SECONDS": 1, "PRESENCE_SECONDS": 1}


@pytest.fixture
def essay():
    article = ArticleFactory(draft=True, title="Harbour lights", paragraphs__skip=True)
    SectionFactory(article=article, position=1, heading="", body="The saved first section.")
    return article


def desk_editor(username, first_name):
    user = UserFactory(username=username, first_name=first_name, last_name="Example")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_typed_text_survives_a_reload_and_comes_back_on_restore(browser, live_server, essay):
    desk_editor("maria", "Maria")
    url = live_server.url + reverse("admin:articles_article_change", args=[essay.pk])
    page = open_page(browser)
    try:
        log_in(page, live_server, "maria")
        page.goto(url)
        status = page.locator("#autosave-status")

        page.fill("#id_title", "Harbour lights, typed again")
        body = page.locator("#id_sections-0-body")
        body.press("Control+End")
        body.press_sequentially(" And a sentence typed after it.")
        page.locator("#sections-group .add-row a").click()
        page.fill("#id_sections-1-body", "A second section, new in this visit.")
        expect(status).to_have_attribute("data-state", "saved")
        expect(status).to_contain_text("Saved")

        # Leaving with text no real save has kept asks first.
        prompts = []
        page.on("dialog", lambda dialog: (prompts.append(dialog.type), dialog.accept()))
        page.reload()
        assert prompts == ["beforeunload"]

        offer = page.get_by_role("region", name="Unsaved changes from")
        expect(offer).to_be_visible()
        expect(page.locator("#id_title")).to_have_value("Harbour lights")
        assert Article.objects.get(pk=essay.pk).title == "Harbour lights"

        offer.get_by_role("button", name="Restore").click()

        expect(offer).to_be_hidden()
        expect(page.locator("#id_title")).to_have_value("Harbour lights, typed again")
        expect(body).to_have_value("The saved first section. And a sentence typed after it.")
        expect(page.locator("#id_sections-1-body")).to_have_value(
            "A second section, new in this visit."
        )

        # A real save keeps it and empties the slot; nothing is offered any more.
        page.locator("input[name=_save]").last.click()
        expect(page.locator(".messagelist .success")).to_be_visible()
        saved = Article.objects.get(pk=essay.pk)
        assert saved.title == "Harbour lights, typed again"
        assert [section.body for section in saved.sections.all()] == [
            "The saved first section. And a sentence typed after it.",
            "A second section, new in this visit.",
        ]
        assert not Autosave.objects.exists()
        page.goto(url)
        expect(page.locator("#autosave-offer")).to_have_count(0)
    finally:
        page.context.close()


def test_two_editors_with_the_same_essay_open_each_see_the_other(browser, live_server, essay):
    desk_editor("maria", "Maria")
    desk_editor("tomas", "Tomás")
    url = live_server.url + reverse("admin:articles_article_change", args=[essay.pk])
    maria, tomas = open_page(browser), open_page(browser)
    try:
        log_in(maria, live_server, "maria")
        log_in(tomas, live_server, "tomas")
        maria.goto(url)
        tomas.goto(url)

        expect(maria.locator("#autosave-presence")).to_have_text(
            "Tomás Example is also editing this essay"
        )
        expect(tomas.locator("#autosave-presence")).to_have_text(
            "Maria Example is also editing this essay"
        )

        # Tomás leaves: Maria's notice goes within a heartbeat or so.
        tomas.goto(live_server.url + reverse("admin:index"))
        expect(maria.locator("#autosave-presence")).to_have_text("", timeout=10_000)
    finally:
        maria.context.close()
        tomas.context.close()


def test_the_offer_the_indicator_and_the_notice_pass_axe(axe, browser, live_server, essay):
    maria, tomas = desk_editor("maria", "Maria"), desk_editor("tomas", "Tomás")
    autosave_store(user=maria, article=essay, data={"title": ["Typed"]}, base_version=0)
    url = live_server.url + reverse("admin:articles_article_change", args=[essay.pk])
    pages = open_page(browser), open_page(browser)
    try:
        for page, user in zip(pages, (maria, tomas), strict=True):
            log_in(page, live_server, user.username)
            page.goto(url)
        page = pages[0]
        expect(page.locator("#autosave-presence")).to_contain_text("is also editing")
        page.fill("#id_standfirst", "Typed while the offer waits.")
        expect(page.locator("#autosave-status")).to_contain_text("Not saved yet")

        assert_accessible(
            page, axe, within=["#autosave-offer", ".autosave-bar"], blocking_only=True
        )

        # Alone again, the page has no goodbye to send after the test's database is gone.
        pages[1].goto(live_server.url + reverse("admin:index"))
        expect(page.locator("#autosave-presence")).to_have_text("", timeout=10_000)
    finally:
        for page in pages:
            page.context.close()
