"""
A reader searches from the header of any page, sees the matching passages highlighted and
opens an essay; the search page has no WCAG 2.1 A/AA violations at phone and desktop widths.
Screenshots go to FILMCULTURE_SCREENSHOTS (or a temporary folder).
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.services import SectionData
from tests.browser.axe import WCAG_21_A_AA, assert_accessible
from tests.factories import CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get("FILMCULTURE_SCREENSHOTS") or tempfile.mkdtemp(prefix="filmculture-shots-")
)
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def essays():
    desk = CategoryFactory(name="National cinemas", slug="national-cinemas")
    written = []
    for n, (title, body) in enumerate(
        [
            ("Tbilisi after dark", "Long before the festival, the ciné-club met in a "
             "basement near Rustaveli Avenue, where the projector ran all night."),
            ("Harbour lights", "Open-air screenings by the sea, and a ciné on the quay "
             "that showed Georgian films every summer."),
            ("The archive in winter", "Nitrate reels, cold rooms and the patience of keepers."),
        ]
    ):  # fmt: skip
        article = services.article_save(
            article=Article(title=title, standfirst=f"An essay, number {n + 1}.", category=desk),
            by=None,
            sections=[SectionData("", body)],
        )
        services.article_publish(
            article=article, by=None, at=timezone.now() - timedelta(days=n + 1)
        )
        written.append(article)
    return written


def test_a_reader_searches_from_the_header_and_opens_a_result(page, live_server, essays):
    page.goto(live_server.url + reverse("articles:home"))

    box = page.get_by_role("searchbox", name="Search essays")
    box.fill("cine")
    box.press("Enter")

    page.wait_for_url("**/search/?q=cine")
    assert "2 essays match" in page.locator(".search-summary").inner_text()
    marks = page.locator(".search-result mark").all_inner_texts()
    assert marks and {mark.lower() for mark in marks} == {"ciné"}
    page.get_by_role("link", name="Tbilisi after dark").click()

    page.wait_for_url(f"**{essays[0].get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Tbilisi after dark"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_page_has_no_wcag_violations(axe, page, live_server, essays, width):
    page.set_viewport_size(WIDTHS[width])
    search = live_server.url + reverse("articles:search")

    for name, query in [("results", "?q=cine"), ("nothing", "?q=cinematheqe"), ("form", "")]:
        page.goto(search + query)
        page.screenshot(path=SCREENSHOTS / f"search-{name}-{width}.png", full_page=True)
        assert_accessible(page, axe, tags=WCAG_21_A_AA)
