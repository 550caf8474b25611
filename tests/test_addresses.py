"""Addresses of essays, sections, tags, authors and archive periods are what `reverse()` gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from articles.addresses import address, archive_address, fixed_address

VIEWS = ["articles:detail", "articles:category", "articles:tag", "articles:author"]
SLUGS = ["the-long-take", "a", "under_score-9", "slug0stand0in", "UPPER-case", "2026"]


@pytest.fixture
def prefix():
    set_script_prefix("/magazine/")
    yield "/magazine/"
    set_script_prefix("/")


@pytest.mark.parametrize("view_name", VIEWS)
@pytest.mark.parametrize("slug", SLUGS)
def test_an_address_is_what_reverse_gives(view_name, slug):
    assert address(view_name, slug) == reverse(view_name, kwargs={"slug": slug})


def test_a_tag_with_letters_beyond_ascii_is_percent_encoded_as_reverse_does():
    assert address("articles:tag", "ciné-club") == "/tags/cin%C3%A9-club/"


@pytest.mark.parametrize("view_name", VIEWS)
def test_addresses_follow_the_script_prefix(view_name, prefix):
    assert address(view_name, "the-long-take").startswith(prefix)
    assert address(view_name, "the-long-take") == reverse(
        view_name, kwargs={"slug": "the-long-take"}
    )


@pytest.mark.parametrize("slug", ["", "two words", "a/b"])
def test_a_slug_no_address_can_hold_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        address("articles:detail", slug)


@pytest.mark.parametrize("month", [None, 1, 12])
def test_the_archive_s_years_and_months_are_what_reverse_gives_under_any_prefix(month, prefix):
    view, args = (
        ("articles:archive_year", [2024])
        if month is None
        else ("articles:archive_month", [2024, month])
    )

    assert archive_address(2024, month) == reverse(view, args=args)
    assert archive_address(2024, month).startswith(prefix)
    set_script_prefix("/")
    assert archive_address(2024, month) == reverse(view, args=args)


@pytest.mark.parametrize("view_name", ["articles:home", "articles:archive", "feed_rss", "feeds"])
def test_the_pages_every_page_links_to_are_what_reverse_gives_under_any_prefix(view_name, prefix):
    assert fixed_address(view_name) == reverse(view_name)
    assert fixed_address(view_name).startswith(prefix)
    set_script_prefix("/")
    assert fixed_address(view_name) == reverse(view_name)
