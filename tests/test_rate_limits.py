"""
filmculture.ratelimits.rate_limit: a fixed window per client address, counted in the
cache; past the limit a 429 page with Retry-After; a failing cache lets requests through.
"""

from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from filmculture import ratelimits
from filmculture.ratelimits import rate_limit

LIMITS = {"login": "30/300", "preview_link": "3/60", "search": "2/10"}
PREVIEW = reverse("articles:shared_preview", args=["some-token"])


@pytest.fixture(autouse=True)
def small_limits():
    with override_settings(RATE_LIMITS=LIMITS):
        yield


def test_a_shared_preview_link_answers_429_past_its_limit(client, db):
    statuses = [client.get(PREVIEW, REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]
    assert statuses[:3] == [404, 404, 404]  # a token that is no link: refused as usual
    assert statuses[3] == 429
    response = client.get(PREVIEW, REMOTE_ADDR="192.0.2.1")
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "Too many requests" in page
    assert f"try again in {response['Retry-After']} second" in page


def test_each_address_has_its_own_count(client, db):
    for _ in range(3):
        client.get(PREVIEW, REMOTE_ADDR="192.0.2.1")
    assert client.get(PREVIEW, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(PREVIEW, REMOTE_ADDR="192.0.2.2").status_code == 404


def test_the_count_starts_again_in_the_next_window(db):
    view = rate_limit("search")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.3")
    with mock.patch.object(ratelimits.time, "time", return_value=1000.0):
        assert [view(request).status_code for _ in range(3)] == [200, 200, 429]
        assert view(request)["Retry-After"] == "10"
    with mock.patch.object(ratelimits.time, "time", return_value=1010.0):
        assert view(request).status_code == 200


def test_only_the_named_methods_are_counted(db):
    view = rate_limit("search", methods=("POST",))(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    assert {view(factory.get("/")).status_code for _ in range(10)} == {200}
    assert [view(factory.post("/")).status_code for _ in range(3)] == [200, 200, 429]


def test_a_failing_cache_lets_requests_through_and_says_so(db, caplog):
    view = rate_limit("search")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    with mock.patch.object(ratelimits.cache, "incr", side_effect=ConnectionError("refused")):
        assert {view(request).status_code for _ in range(5)} == {200}
    assert "Rate limit 'search' not applied: the cache failed" in caplog.text


@pytest.mark.parametrize("text", ["ten per minute", "10", "0/60", "10/0"])
def test_a_malformed_limit_is_refused_when_the_view_is_decorated(text):
    with (
        override_settings(RATE_LIMITS={**LIMITS, "search": text}),
        pytest.raises(ImproperlyConfigured, match="'search'"),
    ):
        rate_limit("search")
