"""
Failing parts: a dead or hung Redis makes pages slower, never errors; a dead, hung or
broken database gives readers a 503 with Retry-After in seconds, never a 500 or a
traceback; each failure is logged once per interval with a count, not once per request.
"""

import logging
import threading
import time

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from filmculture import circuit_breaker
from filmculture.degrading_cache import DegradingCache
from filmculture.throttled_logging import OncePerInterval
from filmculture.unavailable import is_outage
from tests.admin_forms import change_url, essay_form
from tests.factories import ArticleFactory, CategoryFactory
from tests.outages import (
    CLOSED_PORT,
    BlackHole,
    database_replaced,
    fresh_failure_state,
    port_is_closed,
    redis_caches,
)

HOME = reverse("articles:home")


@pytest.fixture(autouse=True)
def no_failures_remembered():
    fresh_failure_state()
    yield
    fresh_failure_state()


class Clock:
    """The circuit breaker's clock, moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock()
    monkeypatch.setattr(circuit_breaker, "_clock", frozen)
    return frozen


@pytest.fixture
def essay(db):
    return ArticleFactory(
        title="Night trains of the Balkan cinema",
        slug="night-trains",
        category=CategoryFactory(name="National cinemas", slug="national-cinemas"),
        tags=["rail films"],
    )


def reader_pages(essay):
    return [
        HOME,
        essay.get_absolute_url(),
        reverse("articles:category", args=["national-cinemas"]),
        reverse("articles:tag", args=["rail-films"]),
    ]


def failure_lines(caplog, name):
    return [record for record in caplog.records if record.name == name]


# --- Redis down: a closed port ------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    assert port_is_closed(CLOSED_PORT), f"port {CLOSED_PORT} must be free for this test"
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{CLOSED_PORT}/4")
    return settings.CACHES


def test_settings_wrap_redis_so_that_it_degrades(redis_down):
    entry = redis_down["default"]
    assert entry["BACKEND"] == "filmculture.degrading_cache.DegradingCache"
    assert entry["OPTIONS"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    redis_options = entry["OPTIONS"]["OPTIONS"]
    assert 0 < redis_options["socket_connect_timeout"] <= 1
    assert 0 < redis_options["socket_timeout"] <= 1
    assert entry["OPTIONS"]["COOLDOWN"] > 0


def test_with_redis_down_readers_get_every_page_from_the_database(redis_down, essay):
    for url in reader_pages(essay):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "Night trains of the Balkan cinema" in response.content.decode(), url


def test_with_redis_down_an_essay_save_through_the_admin_works(redis_down, essay, editor_client):
    response = editor_client.post(change_url(essay), essay_form(essay, title="Day trains"))

    assert response.status_code == 302
    essay.refresh_from_db()
    assert essay.title == "Day trains"
    assert "Day trains" in Client().get(essay.get_absolute_url()).content.decode()


def test_with_redis_down_editors_stay_signed_in(redis_down, editor_client):
    # Sessions live in the database, not the cache.
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Log in" not in response.content.decode()


def test_with_redis_down_two_hundred_requests_log_a_handful_of_lines(redis_down, essay, caplog):
    caplog.set_level(logging.INFO)
    reader = Client()
    for _ in range(200):
        assert reader.get(HOME).status_code == 200

    cache_lines = failure_lines(caplog, "filmculture.cache")
    assert 1 <= len(cache_lines) <= 3
    assert "unreachable" in cache_lines[0].getMessage()
    assert not failure_lines(caplog, "django.request")


def test_a_cache_save_that_cannot_reach_redis_raises_nothing(redis_down):
    cache.set("k", "v")
    cache.set_many({"a": 1})
    cache.delete("k")
    cache.delete_many(["a"])
    cache.clear()
    assert cache.get("k", "missing") == "missing"
    assert cache.get_or_set("k", "computed") == "computed"
    assert cache.add("k", "v") is False
    with pytest.raises(ValueError):  # Django's answer for a counter that is not there
        cache.incr("hits")


# --- Redis black-holed: accepts and never answers -----------------------------------------


def test_a_black_holed_redis_costs_one_timeout_per_cooldown_not_one_per_call(
    settings, essay, clock, caplog
):
    with BlackHole() as hole:
        settings.CACHES = redis_caches(f"redis://127.0.0.1:{hole.port}/4")
        cooldown = settings.CACHES["default"]["OPTIONS"]["COOLDOWN"]
        reader = Client()

        for _ in range(50):
            assert reader.get(HOME).status_code == 200
        # One connection tried and timed out; the breaker answered every other call.
        assert hole.accepted == 1

        clock.now += cooldown + 1
        for _ in range(50):
            assert reader.get(essay.get_absolute_url()).status_code == 200
        assert hole.accepted == 2

    assert len(failure_lines(caplog, "filmculture.cache")) == 1  # the second one throttled


def test_a_black_holed_redis_answers_within_its_socket_timeout(settings):
    with BlackHole() as hole:
        settings.CACHES = redis_caches(f"redis://127.0.0.1:{hole.port}/4", REDIS_TIMEOUT_MS="200")
        started = time.monotonic()
        assert cache.get("anything") is None
        assert time.monotonic() - started < 2  # not redis-py's default of retrying for seconds


# --- The wrapper around any backend -------------------------------------------------------


class FlakyCache(LocMemCache):
    """Local memory that fails like a network server while `down`."""

    down = False
    calls = 0

    def _fail_if_down(self):
        type(self).calls += 1
        if type(self).down:
            raise ConnectionResetError("connection reset by peer")

    def get(self, *args, **kwargs):
        self._fail_if_down()
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        self._fail_if_down()
        return super().set(*args, **kwargs)

    def has_key(self, *args, **kwargs):
        self._fail_if_down()
        return super().has_key(*args, **kwargs)


@pytest.fixture
def flaky(monkeypatch):
    monkeypatch.setattr(FlakyCache, "down", False)
    monkeypatch.setattr(FlakyCache, "calls", 0)
    return DegradingCache(
        "flaky",
        {
            "OPTIONS": {
                "BACKEND": "tests.test_failing_parts.FlakyCache",
                "COOLDOWN": 5,
                "MAX_TIMEOUT": 60,
            },
            "KEY_PREFIX": "p",
        },
    )


def test_the_wrapper_passes_everything_through_while_the_backend_works(flaky):
    flaky.set("k", "v")
    assert flaky.get("k") == "v"
    assert flaky.make_key("k") == flaky.backend.make_key("k") == "p:1:k"


def test_after_a_failure_the_backend_is_left_alone_until_the_cooldown_ends(flaky, clock):
    flaky.set("k", "v")
    FlakyCache.down = True

    assert flaky.get("k", "miss") == "miss"
    calls = FlakyCache.calls
    for _ in range(100):
        assert flaky.get("k", "miss") == "miss"
    assert FlakyCache.calls == calls

    clock.now += 5
    FlakyCache.down = False
    assert flaky.get("k") == "v"  # one call tried, it worked, the breaker closes
    assert flaky.get("k") == "v"
    assert FlakyCache.calls == calls + 2


def test_a_backend_that_comes_back_is_logged_with_what_it_missed(flaky, clock, caplog):
    FlakyCache.down = True
    for _ in range(10):
        flaky.get("k")
    clock.now += 30
    FlakyCache.down = False
    flaky.get("k")

    back = failure_lines(caplog, "filmculture.cache")[-1].getMessage()
    assert "reachable again after 30 s" in back
    assert "9 calls were answered without it" in back


def test_no_entry_outlives_the_cap_so_a_missed_invalidation_is_stale_for_a_bounded_time(
    flaky, monkeypatch
):
    timeouts = []
    monkeypatch.setattr(
        FlakyCache, "set", lambda self, key, value, timeout, version=None: timeouts.append(timeout)
    )
    flaky.set("forever", 1, timeout=None)
    flaky.set("default", 1)
    flaky.set("short", 1, timeout=10)
    assert timeouts == [60, 60, 10]


def test_programming_errors_are_not_hidden_as_outages(flaky):
    with pytest.raises(TypeError):
        flaky.set("k", threading.Lock())  # cannot be pickled


# --- Throttled logging --------------------------------------------------------------------


def record(message, *args, name="filmculture.cache"):
    return logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)


def test_a_failure_is_logged_once_per_interval_with_a_count_of_the_rest(monkeypatch):
    throttle = OncePerInterval(seconds=60)
    now = [0.0]
    monkeypatch.setattr(throttle, "clock", lambda: now[0])

    passed = []
    for second in range(0, 150):
        now[0] = float(second)
        entry = record("Cache %s unreachable: %s", "redis", f"error at {second}")
        if throttle.filter(entry):
            passed.append(entry.getMessage())

    assert passed == [
        "Cache redis unreachable: error at 0",
        "Cache redis unreachable: error at 60 [59 more like this in the last 60 s]",
        "Cache redis unreachable: error at 120 [59 more like this in the last 60 s]",
    ]


def test_different_failures_are_throttled_separately():
    throttle = OncePerInterval(seconds=60)
    assert throttle.filter(record("Cache %s unreachable", "a"))
    assert throttle.filter(record("Database unavailable: %s", "b", name="filmculture.database"))
    assert not throttle.filter(record("Cache %s unreachable", "c"))


# --- The database down or hung ------------------------------------------------------------


POSTGRES = "postgres://postgres@127.0.0.1:{port}/fc_resilience_unreachable"


def assert_friendly_503(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Back in a moment" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert "no-cache" in response["Cache-Control"]


# A 404 for an unknown address renders the 404 page, whose header needs the sections from
# the database: that failure takes Django's 500 path, where the test client would re-raise.
def reader():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [HOME, "/essays/no-such-essay/", "/no/such/address/"])
def test_a_refused_database_connection_gives_readers_a_503(url):
    assert port_is_closed(CLOSED_PORT)
    with database_replaced(POSTGRES.format(port=CLOSED_PORT)):
        assert_friendly_503(reader().get(url))


@pytest.mark.django_db
@pytest.mark.parametrize("url", [HOME, "/no/such/address/"])
def test_a_database_that_never_answers_gives_a_503_within_the_connect_timeout(url):
    with (
        BlackHole() as hole,
        database_replaced(POSTGRES.format(port=hole.port), DJANGO_DB_CONNECT_TIMEOUT="2"),
    ):
        started = time.monotonic()
        response = reader().get(url)
        elapsed = time.monotonic() - started

    assert_friendly_503(response)
    assert hole.accepted >= 1
    assert elapsed < 2 + 3  # the connect timeout (2 s, libpq's least), not 45 s


@pytest.mark.django_db
def test_after_a_hung_connection_the_next_requests_get_their_503_at_once(clock):
    with (
        BlackHole() as hole,
        database_replaced(POSTGRES.format(port=hole.port), DJANGO_DB_CONNECT_TIMEOUT="2"),
    ):
        assert_friendly_503(reader().get(HOME))  # waited for the connect timeout
        for _ in range(20):
            assert_friendly_503(reader().get(HOME))
        assert hole.accepted == 1  # the others did not try: no thread tied up for seconds

        clock.now += 60
        assert_friendly_503(reader().get(HOME))
        assert hole.accepted == 2  # one try per cooldown


def test_pages_still_in_the_cache_are_served_while_the_database_is_down(essay):
    assert Client().get(essay.get_absolute_url()).status_code == 200  # now cached

    with database_replaced(POSTGRES.format(port=CLOSED_PORT)):
        cached = reader().get(essay.get_absolute_url())
        not_cached = reader().get(HOME)

    assert cached.status_code == 200
    assert "Night trains of the Balkan cinema" in cached.content.decode()
    assert not_cached.status_code == 503


@pytest.mark.django_db
def test_an_editor_in_the_admin_gets_a_503_too():
    editor = reader()
    editor.cookies["sessionid"] = "a" * 32  # signed in: the session is read from the database
    with database_replaced(POSTGRES.format(port=CLOSED_PORT)):
        assert_friendly_503(editor.get(reverse("admin:index")))
        assert_friendly_503(editor.get(reverse("admin:articles_article_changelist")))


@pytest.mark.django_db
def test_an_outage_is_logged_once_not_once_per_request(caplog):
    caplog.set_level(logging.INFO)
    with database_replaced(POSTGRES.format(port=CLOSED_PORT)):
        for _ in range(50):
            assert reader().get(HOME).status_code == 503

    # The failed connection, and the 503s it caused: a line each.
    lines = [line.getMessage() for line in failure_lines(caplog, "filmculture.database")]
    assert len(lines) == 2, lines
    assert not failure_lines(caplog, "django.request")


def test_settings_bound_postgresql_connections_and_statements():
    from tests.outages import configured

    options = configured(
        {"DATABASE_URL": POSTGRES.format(port=5432), "DJANGO_DB_STATEMENT_TIMEOUT": "7"},
        "DATABASES['default']['OPTIONS']",
    )
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c statement_timeout=7000"


@pytest.mark.django_db
def test_a_query_longer_than_the_statement_timeout_is_cut_off_as_an_outage():
    # Against the real server, with the settings' own options (1 s instead of 30 s).
    with database_replaced(
        "postgres://postgres@127.0.0.1:5432/postgres", DJANGO_DB_STATEMENT_TIMEOUT="1"
    ) as database:
        try:
            database.ensure_connection()
        except OperationalError:
            pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
        with pytest.raises(OperationalError) as cut_off, database.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")
    assert is_outage(cut_off.value)
    assert "statement timeout" in str(cut_off.value)


@pytest.mark.django_db
def test_a_file_that_is_not_a_database_gives_a_503(tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database, it was overwritten " * 200)
    with database_replaced(f"sqlite:///{broken}"):
        assert_friendly_503(reader().get(HOME))


@pytest.mark.django_db
def test_a_database_file_that_cannot_be_opened_gives_a_503(tmp_path):
    with database_replaced(f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}"):
        assert_friendly_503(reader().get(HOME))


@pytest.mark.django_db
def test_a_locked_sqlite_database_gives_a_503(tmp_path):
    import sqlite3

    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # a writer that holds the lock (a hung import, say)
    try:
        with database_replaced(f"sqlite:///{path}", DJANGO_SQLITE_TIMEOUT="1"):
            assert_friendly_503(reader().get(HOME))
    finally:
        holder.close()


def test_bugs_stay_500s_and_are_not_passed_off_as_outages():
    from django.db import DatabaseError, IntegrityError, ProgrammingError

    assert is_outage(OperationalError("server closed the connection unexpectedly"))
    assert is_outage(DatabaseError("file is not a database"))
    assert not is_outage(IntegrityError("duplicate key"))
    assert not is_outage(ProgrammingError("syntax error"))
