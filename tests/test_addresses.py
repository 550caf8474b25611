"""Essays', sections', tags' and authors' addresses are exactly what `reverse()` gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from articles.addresses import address

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
