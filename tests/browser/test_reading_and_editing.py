"""Readers and editors in a real browser: layout on a phone, and the admin's scripts at work."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def essay():
    article = ArticleFactory(
        title="Harbour lights: open-air screenings on the Adriatic",
        tags=["festivals", "open-air cinema"],
        paragraphs__skip=True,
    )
    SectionFactory(article=article, position=1, heading="", paragraphs=4)
    SectionFactory(article=article, position=2, heading="The projectionist's night", paragraphs=4)
    ArticleFactory(title="Summer cinemas of the south", tags=["open-air cinema"])
    return article


def test_article_reads_on_a_phone_without_sideways_scrolling(browser, live_server, essay):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + essay.get_absolute_url())

    assert page.locator("h1").inner_text() == essay.title
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator(".ad-slot").count() == 2
    assert page.locator(".related__item").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    context.close()


def test_editor_writes_an_essay_reorders_sections_and_tags_with_suggestions(
    page, live_server, essay
):
    CategoryFactory(name="Festivals")
    UserFactory(username="chief", is_superuser=True)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")

    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.type("#id_title", "Night trains and film festivals")
    assert page.input_value("#id_slug") == "night-trains-and-film-festivals"
    page.fill("#id_standfirst", "Travelling between festivals by rail, one screening at a time.")
    page.select_option("#id_category", label="Festivals")

    page.type("#id_tags", "open", delay=30)
    # A function, not an expression: Playwright evaluates expressions with eval(), which the
    # Content Security Policy refuses.
    page.wait_for_function(
        "() => document.querySelectorAll('#id_tags-suggestions option').length > 0"
    )
    suggestion = page.eval_on_selector("#id_tags-suggestions option", "o => o.label")
    assert suggestion == "open-air cinema"
    page.fill("#id_tags", "open-air cinema, trains")

    add_section = page.locator("#sections-group .add-row a")
    page.fill("#id_sections-0-body", "First the departure board.")
    add_section.click()
    page.fill("#id_sections-1-heading", "Arrivals")
    page.fill("#id_sections-1-body", "Then the arrival, late.")
    add_section.click()
    page.fill("#id_sections-2-heading", "Between stations")
    page.fill("#id_sections-2-body", "In between, the films.")
    # Move "Between stations" above "Arrivals" with the ordering buttons.
    page.locator("#sections-2 .section-move__up").click()

    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get(slug="night-trains-and-film-festivals")
    assert [s.heading for s in article.sections.all()] == ["", "Between stations", "Arrivals"]
    assert sorted(t.name for t in article.tags.all()) == ["open-air cinema", "trains"]
