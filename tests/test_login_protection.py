"""
Logging in to the admin: repeated failures lock a username and an address out for a
cool-off time (django-axes, counted in the database), attempts are rate-limited per
address, and the lockout holds even with the right password.
"""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"
LOCKED = "Login locked for now"


@pytest.fixture
def staff(db):
    return UserFactory(username="critic")


def log_in(client, username="critic", password=PASSWORD, address="203.0.113.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        headers=headers,
    )


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_right_password_logs_in(client, staff):
    response = log_in(client)
    assert response.status_code == 302
    assert logged_in(client)


def test_twenty_wrong_passwords_then_the_right_one_is_refused_with_the_lockout_message(
    client, staff
):
    for _ in range(20):
        response = log_in(client, password="wrong guess")
        assert not logged_in(client)
    response = log_in(client)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert int(response["Retry-After"]) == 15 * 60
    assert not logged_in(client)


def test_a_locked_username_stays_locked_from_another_address(client, staff):
    for _ in range(10):
        log_in(client, password="wrong guess", address="203.0.113.7")
    response = log_in(client, address="198.51.100.2")
    assert response.status_code == 429
    assert not logged_in(client)


def test_an_address_guessing_many_usernames_is_locked_out_for_all_of_them(client, staff):
    for number in range(10):
        log_in(client, username=f"guess{number}", password="wrong guess")
    response = log_in(client)
    assert response.status_code == 429
    assert not logged_in(client)
    # Another address is not held to that address's failures.
    other = log_in(client, address="198.51.100.2")
    assert other.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, staff):
    from axes.models import AccessAttempt

    for _ in range(10):
        log_in(client, password="wrong guess")
    assert log_in(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = log_in(client)
    assert response.status_code == 302
    assert logged_in(client)


def test_an_administrator_cleans_up_expired_attempts_from_the_admin(client, staff):
    from axes.models import AccessAttempt

    # Logging in cleans up expired attempts too: the administrator is in first.
    client.force_login(UserFactory(username="chief", is_superuser=True))
    AccessAttempt.objects.create(
        username="critic", ip_address="203.0.113.7", user_agent="", failures_since_start=3
    )
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=2))

    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "cleanup_expired_attempts",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Cleaned up 1 expired access attempts."
    ]
    assert not AccessAttempt.objects.exists()


def test_nine_failures_then_the_right_password_still_logs_in_and_resets_the_count(client, staff):
    for _ in range(9):
        log_in(client, password="wrong guess")
    assert log_in(client).status_code == 302
    client.logout()
    for _ in range(9):
        log_in(client, password="wrong guess")
    assert log_in(client).status_code == 302


def test_forwarded_for_is_not_trusted_by_default(client, staff):
    # A client cannot dodge its address's lockout by writing a new X-Forwarded-For each time.
    for number in range(10):
        log_in(client, password="wrong guess", **{"X-Forwarded-For": f"192.0.2.{number}"})
    response = log_in(client, username="someone-else", **{"X-Forwarded-For": "192.0.2.99"})
    assert response.status_code == 429


@override_settings(FILMCULTURE_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_address_it_saw_is_the_clients(client, staff):
    proxy = "10.0.0.2"
    for _ in range(10):
        log_in(
            client,
            username="nobody",
            password="wrong guess",
            address=proxy,
            **{"X-Forwarded-For": "forged, 192.0.2.50"},
        )
    assert log_in(client, address=proxy, **{"X-Forwarded-For": "192.0.2.50"}).status_code == 429
    other_client = log_in(client, address=proxy, **{"X-Forwarded-For": "forged, 192.0.2.51"})
    assert other_client.status_code == 302


@override_settings(RATE_LIMITS={"login": "5/300", "preview_link": "60/60", "search": "60/60"})
def test_login_posts_past_the_rate_limit_get_429_with_retry_after(client, staff):
    for _ in range(5):
        log_in(client, username="nobody", password="wrong guess", address="192.0.2.1")
    response = log_in(client, username="nobody", password="wrong guess", address="192.0.2.1")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 300
    assert "Too many requests" in response.content.decode()
    # Reading the login form is not limited, and other addresses are not affected.
    assert client.get(LOGIN, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert log_in(client, address="192.0.2.2").status_code == 302


def test_a_hundred_login_posts_in_a_row_meet_a_429(client, db):
    statuses = [
        log_in(client, username=f"u{n}", password="x", address="192.0.2.9").status_code
        for n in range(100)
    ]
    assert 429 in statuses
    assert 200 in statuses  # the first attempts get the form back with its error


def test_code_that_authenticates_without_a_request_still_checks_the_password(staff):
    # An operator's shell or a command has no client to lock out.
    from django.contrib.auth import authenticate

    assert authenticate(username="critic", password=PASSWORD) == staff
    assert authenticate(username="critic", password="wrong guess") is None
