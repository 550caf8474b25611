"""The newsroom in a real browser: a writer, an editor and a reader, each in their own browser."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, ArticleStatus
from articles.services.permissions import EDITORS, WRITERS
from tests.browser.people import log_in, open_page
from tests.factories import CategoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Night buses to the Piazza Grande"
SEND_BACK_COMMENT = "Tighten the second paragraph."
SCHEDULE_AHEAD = timedelta(seconds=5)


def workflow_button(page, value):
    # The submit row is shown above and below the form (save_on_top): press the lower one.
    return page.locator(f"button[name=_transition][value={value}]").last


def press(page, value, expected_message):
    workflow_button(page, value).click()
    expect(page.locator(".messagelist .success", has_text=expected_message)).to_be_visible()


def offered(page):
    return page.locator("button[name=_transition]").evaluate_all(
        "buttons => [...new Set(buttons.map(b => b.value))]"
    )


def test_an_essay_goes_from_writer_to_editor_and_back_then_out_to_readers_on_schedule(
    browser, live_server
):
    CategoryFactory(name="Festivals")
    writer = UserFactory(username="wanda", email="wanda@example.com")
    writer.groups.add(Group.objects.get(name=WRITERS))
    editor = UserFactory(username="eddie", email="eddie@example.com")
    editor.groups.add(Group.objects.get(name=EDITORS))

    writer_page, editor_page, reader_page = (open_page(browser) for _ in range(3))
    try:
        log_in(writer_page, live_server, "wanda")
        log_in(editor_page, live_server, "eddie")

        # 1. The writer drafts the essay and submits it in one go.
        page = writer_page
        page.goto(live_server.url + reverse("admin:articles_article_add"))
        assert offered(page) == ["submit"]
        page.type("#id_title", TITLE)
        page.fill("#id_standfirst", "Getting to the open-air screenings after midnight.")
        page.select_option("#id_category", label="Festivals")
        page.fill("#id_sections-0-body", "The last bus leaves at one.\n\nIt is always full.")
        press(page, "submit", "Submitted for review")

        article = Article.objects.get(title=TITLE)
        assert article.status == ArticleStatus.IN_REVIEW
        assert article.owner == writer
        change_url = reverse("admin:articles_article_change", args=[article.pk])

        # 2. The editor finds it on the dashboard and sends it back with a comment.
        page = editor_page
        page.goto(live_server.url + reverse("admin:index"))
        waiting = page.locator(".editorial-dashboard a", has_text=TITLE)
        expect(waiting).to_have_attribute("href", change_url)
        waiting.click()
        expect(page.locator("#id_title")).to_have_value(TITLE)
        assert offered(page) == ["publish", "send_back"]
        page.fill("#id_transition_comment", SEND_BACK_COMMENT)
        press(page, "send_back", "Sent back to the writer")

        article.refresh_from_db()
        assert article.status == ArticleStatus.DRAFT

        # 3. The writer reads why in the history, revises and submits again.
        page = writer_page
        page.goto(live_server.url + change_url)
        history = page.locator("#workflow-history")
        sent_back = history.locator("tbody tr", has_text="Sent back")
        expect(sent_back).to_contain_text(SEND_BACK_COMMENT)
        expect(sent_back).to_contain_text("eddie")
        assert offered(page) == ["submit"]
        revised = "The last bus leaves at one, full."
        page.fill("#id_sections-0-body", revised)
        press(page, "submit", "Submitted for review")

        article.refresh_from_db()
        assert article.status == ArticleStatus.IN_REVIEW
        assert [section.body for section in article.sections.all()] == [revised]

        # 4. The editor schedules it a few seconds ahead.
        page = editor_page
        page.goto(live_server.url + change_url)
        steps = page.locator("#workflow-history tbody td:nth-child(2)").all_inner_texts()
        assert sorted(steps) == sorted(
            ["Created", "Submitted for review", "Sent back", "Submitted for review"]
        )
        go_live = timezone.localtime(timezone.now() + SCHEDULE_AHEAD).replace(microsecond=0)
        page.fill("#id_published_at_0", f"{go_live:%Y-%m-%d}")
        page.fill("#id_published_at_1", f"{go_live:%H:%M:%S}")
        press(page, "publish", "Scheduled")

        article.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED
        assert article.published_at == go_live
        assert article.is_scheduled

        # 5. A reader gets nothing before its time, then the essay once the time has come,
        # on its own page and on the (cached) home page.
        page = reader_page
        home_url = live_server.url + reverse("articles:home")
        on_home = page.locator("main a", has_text=TITLE)
        response = page.goto(home_url)
        assert response.status == 200
        expect(on_home).to_have_count(0)
        response = page.goto(live_server.url + article.get_absolute_url())
        assert timezone.now() < go_live, "too slow to look for the essay before its time"
        assert response.status == 404

        while timezone.now() < go_live:
            page.wait_for_timeout(200)
        deadline = time.monotonic() + 15
        response = page.reload()
        while response.status == 404 and time.monotonic() < deadline:
            page.wait_for_timeout(500)
            response = page.reload()
        assert response.status == 200, "the essay stayed hidden after its publication time"
        expect(page.locator("h1")).to_have_text(TITLE)

        page.goto(home_url)
        page.reload()  # past the browser's own cache: the site's page cache is what is tested
        expect(on_home).to_have_count(1)
    finally:
        for page in (writer_page, editor_page, reader_page):
            page.context.close()
