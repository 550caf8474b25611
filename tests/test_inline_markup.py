"""The inline marks editors may type in paragraphs, rendered to safe HTML."""

import pytest
from django.utils.html import escape

from articles.inline_markup import render_inline


@pytest.mark.parametrize(
    "typed",
    [
        "[x](javascript:void0)",
        "[x](JavaScript:alert1)",
        "[x](data:text/html,abc)",
        "[x](data:text/html,<script>alert1</script>)",
        "[x](vbscript:msgbox)",
        "[x](//elsewhere.example/page)",
    ],
)
def test_a_link_to_a_url_that_is_not_allowed_stays_text_as_typed(typed):
    html = render_inline(f"Before {typed} after.")

    assert "<a" not in html
    assert html == escape(f"Before {typed} after.")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/page",
        "https://example.org/page",
        "HTTPS://Example.org/Page",
        "mailto:editors@example.org",
        "/essays/the-last-projectionist/",
        "/",
    ],
)
def test_a_link_to_an_allowed_url_becomes_an_anchor(url):
    html = render_inline(f"See [the programme]({url}) tonight.")

    assert html == f'See <a href="{url}">the programme</a> tonight.'


def test_html_inside_a_link_label_is_shown_as_typed():
    html = render_inline("[<b>bold</b>](https://example.org)")

    assert html == '<a href="https://example.org">&lt;b&gt;bold&lt;/b&gt;</a>'
    assert "<b>" not in html


def test_a_quote_or_ampersand_in_a_link_url_cannot_leave_the_href_attribute():
    html = render_inline('[x](https://example.org/?a=1&b="onmouseover=alert1)')

    assert html == '<a href="https://example.org/?a=1&amp;b=&quot;onmouseover=alert1">x</a>'


def test_emphasis_and_strong_apply_inside_a_link_label():
    html = render_inline("[a **loud** and *quiet* film](https://example.org)")

    assert html == (
        '<a href="https://example.org">a <strong>loud</strong> and <em>quiet</em> film</a>'
    )


@pytest.mark.parametrize(
    "url",
    ["/\\evil.example", "/\\/evil.example", "/\\\\evil.example"],
    ids=["slash-backslash", "slash-backslash-slash", "slash-two-backslashes"],
)
def test_a_link_a_browser_would_rewrite_to_leave_the_site_stays_text(url):
    html = render_inline(f"[x]({url})")

    assert "<a" not in html
