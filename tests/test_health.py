"""
Health checks for load balancers: /healthz says the process answers, touching nothing;
/readyz says whether it can serve pages (the database answers) and whether the cache does,
quickly, uncached, without a login, and whatever Host or scheme the probe uses.
"""

import time

import pytest
from django.test import Client

from tests.outages import (
    CLOSED_PORT,
    BlackHole,
    database_replaced,
    fresh_failure_state,
    port_is_closed,
    redis_caches,
)

DEAD_POSTGRES = f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/fc_resilience_unreachable"


@pytest.fixture(autouse=True)
def no_failures_remembered():
    fresh_failure_state()
    yield
    fresh_failure_state()


@pytest.fixture
def probe():
    # A load balancer probes by address, not by the site's name.
    return Client(HTTP_HOST="10.0.0.7:8000")


@pytest.fixture
def cache_down(settings):
    assert port_is_closed(CLOSED_PORT)
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{CLOSED_PORT}/4")


def test_healthz_answers_without_touching_the_database(probe):
    # No django_db mark: any query here would fail the test.
    response = probe.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_with_the_cache_and_the_database_down(probe, cache_down, db):
    with database_replaced(DEAD_POSTGRES):
        assert probe.get("/healthz").status_code == 200


def test_probes_over_plain_http_are_answered_when_the_site_redirects_to_https(probe, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert probe.get("/healthz").status_code == 200
    assert probe.get("/readyz").status_code != 301


@pytest.mark.django_db
def test_readyz_is_ok_when_everything_answers(probe, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = probe.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_readyz_with_the_cache_down_stays_in_rotation_and_says_so(probe, cache_down):
    # Pages are served from the database meanwhile; taking every server out of the load
    # balancer because the shared Redis died would turn a slow site into a dead one.
    response = probe.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


@pytest.mark.django_db
def test_readyz_with_the_database_down_is_503_and_names_the_part(probe):
    with database_replaced(DEAD_POSTGRES):
        response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable", "cache": "ok"}
    assert "127.0.0.1" not in response.content.decode()  # details go to the logs only


@pytest.mark.django_db
def test_readyz_with_both_down(probe, cache_down):
    with database_replaced(DEAD_POSTGRES):
        response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable",
        "cache": "unreachable",
    }


@pytest.mark.django_db
def test_readyz_with_a_hung_database_answers_within_the_connect_timeout(probe):
    with (
        BlackHole() as hole,
        database_replaced(
            f"postgres://postgres@127.0.0.1:{hole.port}/x", DJANGO_DB_CONNECT_TIMEOUT="2"
        ),
    ):
        started = time.monotonic()
        response = probe.get("/readyz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert elapsed < 2 + 3


@pytest.mark.django_db
def test_readyz_is_never_cached_so_it_follows_the_database(probe):
    assert probe.get("/readyz").status_code == 200
    with database_replaced(DEAD_POSTGRES):
        assert probe.get("/readyz").status_code == 503
    response = probe.get("/readyz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
