"""
The long-form editor in a real browser: an 8-section essay that grows, collapses, reorders
and counts its words, and a related panel that never costs the editor what they typed.

`pytest tests/browser/test_editor.py -k screenshots -s` also prints the form's heights for
docs/editor.md and refreshes the screenshots in docs/screenshots/.
"""

import os
import re
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, RelatedLink, Section
from tests.browser.people import log_in
from tests.factories import ArticleFactory, AuthorFactory, RelatedLinkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set FILMCULTURE_SCREENSHOTS=docs/screenshots to refresh the ones docs/editor.md shows;
# otherwise they go to a temporary folder, so a test run leaves the checkout as it was.
SCREENSHOTS = Path(
    os.environ.get("FILMCULTURE_SCREENSHOTS") or tempfile.mkdtemp(prefix="filmculture-shots-")
)

SENTENCES = [
    "The projector hums somewhere behind the audience, and the beam cuts through the warm "
    "night air.",
    "Nobody in the square seems to mind that the reels arrive late, or that the sound comes "
    "from a single speaker tied to a lamp post.",
    "What matters is the screen, a bedsheet stretched between two plane trees, and the faces "
    "turned towards it.",
    "Critics have long argued that cinema needs the dark; these screenings suggest it needs "
    "company more.",
    "The films themselves are an odd mixture of new restorations, local documentaries and "
    "whatever the distributor could spare.",
    "Children sit at the front on cushions brought from home, and the old men keep their "
    "chairs by the café.",
    "When the wind rises, the image ripples, and the whole square laughs at the same moment.",
    "It is hard to think of a better argument for the festival than that shared, unplanned laugh.",
]
HEADINGS = [
    "", "The projectionist's night", "A screen between two trees", "Who comes, and why",
    "The programme as a map", "Weather and other critics", "After the last reel",
    "What the festival could keep",
]  # fmt: skip
PARAGRAPHS = [3, 4, 5, 3, 6, 4, 3, 7]


def paragraph(seed):
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(4 + seed % 3))


def eight_section_essay():
    """A published essay of 8 sections (3 to 7 paragraphs each), with tags, an author, two
    pinned essays and one more that shares a tag."""
    article = ArticleFactory(
        title="Harbour lights: open-air screenings on the Adriatic",
        tags=["festivals", "open-air cinema"],
        authors=[AuthorFactory(name="Mira Kovač")],
        paragraphs__skip=True,
    )
    for position, (heading, count) in enumerate(zip(HEADINGS, PARAGRAPHS, strict=True), 1):
        body = "\n\n".join(paragraph(position + i) for i in range(count))
        Section.objects.create(article=article, position=position, heading=heading, body=body)
    for position, title in enumerate(["Summer cinemas of the south", "Rooftop nights"], 1):
        target = ArticleFactory(title=title, tags=["festivals"])
        RelatedLinkFactory(article=article, target=target, position=position)
    ArticleFactory(title="A season of open-air cinema", tags=["open-air cinema"])
    return article


def log_in_as_chief(page, live_server, username="chief"):
    UserFactory(username=username, is_superuser=True)
    log_in(page, live_server, username)


@pytest.fixture
def essay():
    return eight_section_essay()


@pytest.fixture
def editor_page(page, live_server, essay):
    log_in_as_chief(page, live_server)
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[essay.pk]))
    page.wait_for_selector(".essay-outline__list li")
    return page


def section_order_on_screen(page):
    return page.eval_on_selector_all(
        "#sections-group .inline-related:not(.empty-form) input.section-heading",
        "inputs => inputs.map(input => input.value)",
    )


def saved_headings(essay):
    return list(Section.objects.filter(article=essay).values_list("heading", flat=True))


def save(page):
    page.locator("input[name=_continue]").last.click()
    page.wait_for_selector(".messagelist .success")


def height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def test_screenshots_of_the_8_section_essay_expanded_and_collapsed(editor_page):
    expanded = height(editor_page)
    editor_page.screenshot(path=SCREENSHOTS / "editor-8-sections.png", full_page=True)
    editor_page.get_by_role("button", name="Collapse all").click()
    collapsed = height(editor_page)
    editor_page.screenshot(path=SCREENSHOTS / "editor-8-sections-collapsed.png", full_page=True)
    print(f"\nForm height at 1280x900: {expanded} px expanded, {collapsed} px collapsed")

    assert collapsed < expanded / 2


def test_section_bodies_grow_with_their_text_from_three_rows(editor_page):
    short, long = (
        editor_page.locator("#id_sections-3-body"),
        editor_page.locator("#id_sections-7-body"),
    )
    assert long.bounding_box()["height"] > 1.5 * short.bounding_box()["height"]
    assert editor_page.evaluate("t => t.scrollHeight <= t.clientHeight", long.element_handle()), (
        "a grown body shows all its text, without a scroll bar of its own"
    )

    editor_page.locator("#sections-group .add-row a").click()
    new_body = editor_page.locator("#id_sections-8-body")
    empty = new_body.bounding_box()["height"]
    new_body.fill("One line.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.")
    assert 40 < empty < 120
    assert new_body.bounding_box()["height"] > empty + 80


def test_a_section_collapses_to_its_heading_and_all_can_expand_again(editor_page):
    toggle = editor_page.locator("#sections-1 .section-card__toggle")
    body = editor_page.locator("#id_sections-1-body")
    assert toggle.inner_text() == "The projectionist's night"
    expect(toggle).to_have_attribute("aria-expanded", "true")

    toggle.click()

    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()
    expect(editor_page.locator("#id_sections-2-body")).to_be_visible()

    editor_page.get_by_role("button", name="Collapse all").click()
    expect(editor_page.locator("textarea.section-body:visible")).to_have_count(0)
    editor_page.get_by_role("button", name="Expand all").click()
    expect(editor_page.locator("textarea.section-body:visible")).to_have_count(8)


def test_the_outline_lists_every_section_jumps_to_it_and_follows_new_headings(editor_page):
    outline = editor_page.locator(".essay-outline__list a")
    expect(outline).to_have_text(["Section 1", *HEADINGS[1:]])

    outline.nth(7).click()

    top = editor_page.evaluate("document.getElementById('sections-7').getBoundingClientRect().top")
    assert 0 <= top < 100
    expect(editor_page.locator("#sections-7 .section-card__toggle")).to_be_focused()

    editor_page.fill("#id_sections-0-heading", "Before the film")
    expect(outline.first).to_have_text("Before the film")
    editor_page.locator("#sections-group .add-row a").click()
    expect(outline).to_have_count(9)
    expect(outline.last).to_have_text("Section 9")


def test_move_to_top_brings_the_last_section_first_in_one_action_and_saves(editor_page, essay):
    editor_page.locator("#sections-7 .section-move__top").click()

    assert section_order_on_screen(editor_page)[:2] == [HEADINGS[7], HEADINGS[0]]
    expect(editor_page.locator(".essay-outline__list a").first).to_have_text(HEADINGS[7])
    expect(editor_page.locator("#sections-7 .section-move__down")).to_be_focused()
    save(editor_page)
    assert saved_headings(essay) == [HEADINGS[7], *HEADINGS[:7]]


def test_dragging_sections_by_their_handles_reorders_them_and_the_order_is_saved(
    editor_page, essay
):
    # Collapsed, the way one reorders long sections: every handle on one screen.
    editor_page.get_by_role("button", name="Collapse all").click()

    editor_page.drag_and_drop("#sections-6 .section-drag", "#sections-1 .section-drag")
    editor_page.drag_and_drop("#sections-0 .section-drag", "#sections-7 .section-drag")

    expected = [HEADINGS[6], *HEADINGS[1:6], HEADINGS[0], HEADINGS[7]]
    assert section_order_on_screen(editor_page) == expected
    save(editor_page)
    assert saved_headings(essay) == expected


def test_dragging_an_outline_entry_moves_its_section_even_when_expanded(editor_page, essay):
    entries = editor_page.locator(".essay-outline__list a")

    editor_page.drag_and_drop(
        ".essay-outline__list li:nth-child(8) a", ".essay-outline__list li:nth-child(1) a"
    )

    expect(entries.first).to_have_text(HEADINGS[7])
    assert section_order_on_screen(editor_page) == [HEADINGS[7], *HEADINGS[:7]]


def test_the_word_count_matches_the_essay_and_follows_typing(editor_page, essay):
    words = Article.objects.get(pk=essay.pk).word_count
    stats = editor_page.locator(".essay-stats")
    expect(stats).to_contain_text(f"{words:,} words")
    expect(stats).to_contain_text(f"{essay.reading_minutes} min read")

    body = editor_page.locator("#id_sections-2-body")
    body.press("Control+End")
    body.type(" Five more words, typed now.")
    editor_page.fill("#id_sections-3-heading", "Headings do not count toward the total")

    expect(stats).to_contain_text(f"{words + 5:,} words")
    expect(editor_page.locator("#sections-2 .section-card__words")).to_contain_text("words")


def test_pinning_from_the_panel_keeps_unsaved_text_and_does_not_reload(editor_page, essay):
    editor_page.evaluate("window.notReloaded = true")
    editor_page.fill("#id_title", "Harbour lights, revised and not yet saved")
    row = editor_page.locator(".related-panel__row", has_text="A season of open-air cinema")

    row.get_by_role("button", name=re.compile(r"^Pin\b")).click()

    status = editor_page.locator(".related-panel__status")
    expect(status).to_contain_text("Pinned “A season of open-air cinema”")
    assert editor_page.evaluate("window.notReloaded === true")
    assert editor_page.input_value("#id_title") == "Harbour lights, revised and not yet saved"
    pinned_row = editor_page.locator(".related-panel__row", has_text="A season of open-air")
    expect(pinned_row.locator("td").nth(2)).to_have_text("Pinned")
    expect(pinned_row.get_by_role("button", name=re.compile(r"^Unpin\b"))).to_be_focused()
    assert RelatedLink.objects.filter(article=essay).count() == 3

    # The form's pinned-essay rows followed the panel: saving keeps the new pin.
    save(editor_page)
    essay.refresh_from_db()
    assert essay.title == "Harbour lights, revised and not yet saved"
    pins = RelatedLink.objects.filter(article=essay).order_by("position")
    assert [link.target.title for link in pins] == [
        "Summer cinemas of the south",
        "Rooftop nights",
        "A season of open-air cinema",
    ]


def test_unpinning_and_moving_in_the_panel_survive_a_later_save(editor_page, essay):
    editor_page.fill("#id_sections-0-body", "A new opening, typed before pressing the panel.")
    panel = editor_page.locator("#related-panel")
    first = panel.locator(".related-panel__row", has_text="Summer cinemas of the south")

    first.get_by_role("button", name=re.compile(r"^Move down\b")).click()
    expect(panel.locator(".related-panel__status")).to_contain_text("Moved")
    expect(panel.locator(".related-panel__row").first).to_contain_text("Rooftop nights")
    panel.locator(".related-panel__row", has_text="Rooftop nights").get_by_role(
        "button", name=re.compile(r"^Unpin\b")
    ).click()
    expect(panel.locator(".related-panel__status")).to_contain_text("Unpinned “Rooftop nights”")

    assert editor_page.input_value("#id_sections-0-body").startswith("A new opening")
    save(editor_page)
    assert [link.target.title for link in RelatedLink.objects.filter(article=essay)] == [
        "Summer cinemas of the south"
    ]
    assert Section.objects.get(article=essay, position=1).body.startswith("A new opening")


def test_panel_buttons_posted_by_script_get_the_panel_back_as_json(client, essay):
    client.force_login(UserFactory(username="chief", is_superuser=True))
    target = Article.objects.get(title="A season of open-air cinema")
    url = reverse("admin:articles_article_related_pin", args=[essay.pk])

    response = client.post(url, {"target": target.pk}, headers={"accept": "application/json"})
    refused = client.post(url, {"target": essay.pk}, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True
    assert data["message"].startswith("Pinned “A season of open-air cinema”")
    assert 'id="related-panel"' in data["html"]
    assert [pin["title"] for pin in data["pins"]][-1] == "A season of open-air cinema"
    assert refused.status_code == 400
    assert refused.json()["message"] == "An essay cannot be related to itself."
    # Told in the panel, not again on the next page.
    page = client.get(reverse("admin:articles_article_change", args=[essay.pk]))
    assert 'class="messagelist"' not in page.content.decode()
