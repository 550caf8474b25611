"""
The reader pages whose <head> and footer discovery changed (home, essay, section, tag,
author, archive, feed index): axe-core finds no WCAG 2.1 A/AA violations at phone and
desktop widths. Screenshots go to FILMCULTURE_SCREENSHOTS, or a temporary folder.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.axe import WCAG_21_A_AA, axe_violations, described
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get("FILMCULTURE_SCREENSHOTS") or tempfile.mkdtemp(prefix="filmculture-shots-")
)
WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def reader_site():
    critic = AuthorFactory(name="Lena Okafor", slug="lena-okafor", bio="Writes on sound.")
    essay = ArticleFactory(
        title="Harbour lights: open-air screenings on the Adriatic",
        category=CategoryFactory(name="Festivals"),
        authors=[critic],
        tags=["open-air cinema"],
        paragraphs__skip=True,
    )
    SectionFactory(article=essay, position=1, heading="", paragraphs=4)
    SectionFactory(article=essay, position=2, heading="The projectionist's night", paragraphs=3)
    ArticleFactory(title="Summer cinemas of the south", tags=["open-air cinema"])
    return essay


def reader_pages(essay):
    when = essay.published_at
    return {
        "home": reverse("articles:home"),
        "essay": essay.get_absolute_url(),
        "section": essay.category.get_absolute_url(),
        "tag": reverse("articles:tag", args=["open-air-cinema"]),
        "author": reverse("articles:author", args=["lena-okafor"]),
        "archive": reverse("articles:archive"),
        "month": reverse("articles:archive_month", args=[when.year, when.month]),
        "feeds": reverse("feeds"),
    }


@pytest.mark.parametrize("width", list(WIDTHS))
def test_reader_pages_have_no_wcag_a_or_aa_violations(
    axe, browser, live_server, reader_site, width
):
    context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "phone")
    page = context.new_page()
    failures = []
    for name, url in reader_pages(reader_site).items():
        page.goto(live_server.url + url)
        violations = axe_violations(page, axe, tags=WCAG_21_A_AA)
        page.screenshot(path=SCREENSHOTS / f"reader-{name}-{width}.png", full_page=True)
        if violations:
            failures.append(f"{url}\n{described(violations)}")
    context.close()

    assert not failures, "\n".join(failures)
