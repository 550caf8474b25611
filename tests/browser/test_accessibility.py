"""axe-core in the browser on the pages editors live in: no serious or critical violations."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles import services
from tests.browser.axe import assert_accessible
from tests.browser.test_editor import (
    eight_section_essay,
    log_in_as_chief,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(page, live_server):
    log_in_as_chief(page, live_server)
    return page


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


def test_the_essay_form_has_no_serious_violations(axe, admin_page, live_server, essay):
    admin_page.goto(live_server.url + reverse("admin:articles_article_change", args=[essay.pk]))
    admin_page.wait_for_selector(".essay-outline__list li")
    admin_page.wait_for_selector("#id_authors + .select2 .select2-search__field")

    assert_accessible(admin_page, axe, blocking_only=True)

    admin_page.get_by_role("button", name="Collapse all").click()
    assert_accessible(admin_page, axe, blocking_only=True)


def test_the_essay_form_has_no_serious_violations_in_the_dark_theme(
    axe, admin_page, live_server, essay
):
    admin_page.emulate_media(color_scheme="dark")
    admin_page.goto(live_server.url + reverse("admin:articles_article_change", args=[essay.pk]))
    admin_page.wait_for_selector(".essay-outline__list li")

    assert_accessible(admin_page, axe, blocking_only=True)


def test_the_revision_comparison_has_no_serious_violations(axe, admin_page, live_server, essay):
    admin_page.goto(
        live_server.url + reverse("admin:articles_article_revisions_compare", args=[essay.pk])
    )
    admin_page.wait_for_selector(".comparison")

    assert_accessible(admin_page, axe, blocking_only=True)


def test_the_dashboard_has_no_serious_violations(axe, admin_page, live_server, essay):
    admin_page.goto(live_server.url + reverse("admin:index"))

    assert_accessible(admin_page, axe, blocking_only=True)
