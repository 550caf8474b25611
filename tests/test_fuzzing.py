"""
Whatever a visitor types into an address, no page answers with a server error.

Hypothesis fills every public route's path parameters and the query parameters pages read
(plus made-up ones), and every admin change list's filters, date drill-down, ordering,
search and bulk actions, and the admin's autocomplete endpoints. Routes, filters and
actions are read from the URL resolver and the admin site, not from a hand-made list, so a
new page or filter is fuzzed as soon as it exists. The test client re-raises any exception
a view lets escape, so a would-be 500 fails the test with its traceback.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

FUZZ_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text that has broken web apps before: NUL bytes, huge and negative numbers, percent
# signs, quotes, SQL and LIKE wildcards, path tricks, lone surrogates' neighbours.
nasty_text = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "", "0", "-1", "1e309", "99999999999999999999", "\x00", "a\x00b", "%00", "%",
            "'", '"', "' OR 1=1 --", "%_", "../../etc/passwd", "/\\evil.example", "ünïcødé",
            "\u202e", "😀", " " * 300, "x" * 5000, "2026-02-30", "9999-12-31", "0001-01-01",
            "null", "None", "[]", "{}", "true", "NaN",
        ]
    ),
)  # fmt: skip


def public_routes():
    """Every route outside the admin, as the resolver knows it (e.g. `essays/<slug:slug>/`)."""
    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("admin/"):
                    walk(pattern.url_patterns, route)
            else:
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return routes


PATH_PARAMETER = re.compile(r"<(?:[^>:]+:)?[^>]+>")

# The query parameters public pages read, and a few nobody reads.
QUERY_NAMES = ["page", "p", "q", "section", "year", "month", "format", "utm_source", "o"]


@pytest.fixture
def corpus(db):
    desk = CategoryFactory(name="Festivals")
    critic = AuthorFactory(name="Ada Critic", slug="ada-critic")
    ArticleFactory(slug="rotterdam", category=desk, tags=["Rotterdam", "Café"], authors=[critic])
    ArticleFactory(slug="draft-piece", draft=True, category=desk, tags=["Unseen"])
    ArticleFactory(slug="coming-soon", scheduled=True, category=desk)


@FUZZ_SETTINGS
@given(data=st.data())
def test_no_public_address_answers_with_a_server_error(client, corpus, data):
    route = data.draw(st.sampled_from(public_routes()), label="route")
    path = PATH_PARAMETER.sub(
        lambda _: quote(data.draw(nasty_text, label="path parameter"), safe=""), route
    )
    query = data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES), nasty_text, max_size=3))

    response = client.get(f"/{path}", query)

    assert response.status_code < 500, (path, query)


def changelists():
    """(model admin, change list URL) for every model the admin shows."""
    return [
        (model_admin, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        for model, model_admin in admin.site._registry.items()
    ]


def filter_parameters(model_admin):
    """The query parameters a change list's filters, date drill-down and search read."""
    names = ["q", "o", "p", "all", "e", "_popup", "_to_field"]
    for list_filter in model_admin.list_filter:
        if isinstance(list_filter, type) and issubclass(list_filter, SimpleListFilter):
            names.append(list_filter.parameter_name)
        else:
            field = list_filter if isinstance(list_filter, str) else list_filter[0]
            names += [f"{field}__exact", f"{field}__id__exact", f"{field}__isnull"]
            names += [f"{field}__gte", f"{field}__lt"]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


# A date filter's value arrives without a time zone; Django warns and assumes the site's.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")
@FUZZ_SETTINGS
@given(data=st.data())
def test_no_change_list_filter_answers_with_a_server_error(client, editor, corpus, data):
    client.force_login(editor)
    model_admin, url = data.draw(st.sampled_from(changelists()), label="change list")
    names = filter_parameters(model_admin)
    query = data.draw(st.dictionaries(st.sampled_from(names), nasty_text, max_size=4))

    response = client.get(url, query)

    assert response.status_code < 500, (url, query)


@FUZZ_SETTINGS
@given(data=st.data())
def test_no_bulk_action_request_answers_with_a_server_error(client, editor, corpus, data):
    client.force_login(editor)
    model_admin, url = data.draw(st.sampled_from(changelists()), label="change list")
    request = type("Request", (), {"user": editor, "GET": {}})()
    action_names = [*list(model_admin.get_actions(request)), "no_such_action"]
    action = data.draw(st.one_of(st.sampled_from(action_names), nasty_text), label="action")
    ids = data.draw(st.lists(nasty_text, max_size=4), label="ids")

    # Without `post=yes` a confirming action (delete) only shows its confirmation page.
    response = client.post(url, {"action": action, "_selected_action": ids, "index": "0"})

    assert response.status_code < 500, (url, action, ids)


def autocomplete_requests():
    """(URL, fixed parameters) for every autocomplete endpoint of the admin."""
    requests = [(reverse("admin:articles_article_tag_autocomplete"), {})]
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin] + [inline(model, admin.site) for inline in model_admin.inlines]
        for each in admins:
            for field_name in each.autocomplete_fields:
                requests.append(
                    (
                        reverse("admin:autocomplete"),
                        {
                            "app_label": each.model._meta.app_label,
                            "model_name": each.model._meta.model_name,
                            "field_name": field_name,
                        },
                    )
                )
    return requests


def test_every_autocomplete_endpoint_is_fuzzed():
    assert len(autocomplete_requests()) >= 3


@FUZZ_SETTINGS
@given(data=st.data())
def test_no_autocomplete_request_answers_with_a_server_error(client, editor, corpus, data):
    client.force_login(editor)
    url, fixed = data.draw(st.sampled_from(autocomplete_requests()), label="endpoint")
    term = data.draw(nasty_text, label="term")
    page = data.draw(nasty_text, label="page")

    response = client.get(f"{url}?{urlencode({**fixed, 'term': term, 'page': page})}")

    assert response.status_code < 500, (url, term, page)
