"""
Optional TOTP two-factor authentication for staff: enrol an authenticator app from the
admin, then logging in asks for its code; superusers can be required to enrol.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
TWO_FACTOR = reverse("accounts:two_factor")


class Clock:
    """The time django-otp checks codes against, moved on a code (30 s) at a time."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now

    def next_code(self):
        self.now += 30


@pytest.fixture
def clock():
    clock = Clock()
    with mock.patch("django_otp.plugins.otp_totp.models.time", clock):
        yield clock


def code(device, clock):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now
    return f"{totp.token():06d}"


def wrong(device, clock):
    return f"{(int(code(device, clock)) + 1) % 1_000_000:06d}"


def a_moment_later(device):
    """django-otp makes a device wait a second or more after a wrong code."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1)
    )


@pytest.fixture
def critic(db):
    return UserFactory(username="critic")


@pytest.fixture
def enrolled(client, critic, clock):
    """`critic` with a confirmed device, logged out again."""
    client.force_login(critic)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=critic)
    response = client.post(TWO_FACTOR, {"otp_token": code(device, clock)})
    assert response.status_code == 302
    client.logout()
    clock.next_code()
    device.refresh_from_db()
    return device


def log_in(client, username="critic", **extra):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, **extra})


def test_enrolment_shows_a_qr_code_and_the_secret_then_a_code_confirms_it(client, critic, clock):
    client.force_login(critic)
    page = client.get(TWO_FACTOR).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=critic, confirmed=False)
    secret = re.search(r'two-factor__secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32

    refused = client.post(TWO_FACTOR, {"otp_token": wrong(device, clock)})
    assert "That code does not match" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    a_moment_later(device)
    response = client.post(TWO_FACTOR, {"otp_token": code(device, clock)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert "is <strong>on</strong>" in client.get(TWO_FACTOR).content.decode()


def test_login_with_a_device_needs_its_code(client, enrolled, clock):
    response = log_in(client)
    assert response.status_code == 200
    assert "enter the 6-digit code from your authenticator app" in response.content.decode()
    assert client.get(INDEX).status_code == 302

    response = log_in(client, otp_token=code(enrolled, clock))
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_is_refused_and_counts_as_a_failed_login(client, enrolled, clock):
    from axes.models import AccessAttempt

    response = log_in(client, otp_token=wrong(enrolled, clock))
    assert "That authentication code is not right" in response.content.decode()
    assert client.get(INDEX).status_code == 302
    assert AccessAttempt.objects.filter(username="critic").get().failures_since_start == 1


def test_a_code_cannot_be_used_twice(client, enrolled, clock):
    used = code(enrolled, clock)
    assert log_in(client, otp_token=used).status_code == 302
    client.logout()
    assert log_in(client, otp_token=used).status_code == 200


def test_people_without_a_device_log_in_with_their_password_alone(client, critic):
    assert log_in(client).status_code == 302


def test_a_device_is_turned_off_only_with_a_current_code(client, enrolled, clock):
    log_in(client, otp_token=code(enrolled, clock))
    clock.next_code()
    client.post(TWO_FACTOR, {"action": "remove", "otp_token": wrong(enrolled, clock)})
    assert TOTPDevice.objects.filter(user=enrolled.user).exists()
    a_moment_later(enrolled)
    client.post(TWO_FACTOR, {"action": "remove", "otp_token": code(enrolled, clock)})
    assert not TOTPDevice.objects.filter(user=enrolled.user).exists()


@override_settings(FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS=True)
def test_a_superuser_must_enrol_before_using_the_admin_when_the_setting_is_on(client, db, clock):
    chief = UserFactory(username="chief", is_superuser=True)
    assert log_in(client, "chief").status_code == 302
    changelist = reverse("admin:articles_article_changelist")
    response = client.get(changelist)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    page = client.get(response["Location"]).content.decode()
    assert "Superusers must set up two-factor authentication" in page

    device = TOTPDevice.objects.get(user=chief)
    response = client.post(TWO_FACTOR, {"otp_token": code(device, clock), "next": changelist})
    assert response["Location"] == changelist
    assert client.get(changelist).status_code == 200
    # ...and may not turn it off again.
    assert "To turn it off" not in client.get(TWO_FACTOR).content.decode()


@override_settings(FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS=True)
def test_staff_who_are_not_superusers_are_not_forced_to_enrol(client, critic):
    log_in(client)
    assert client.get(INDEX).status_code == 200


@override_settings(FILMCULTURE_REQUIRE_2FA_FOR_SUPERUSERS=True)
def test_an_enrolled_superuser_in_an_older_session_is_asked_for_a_code(client, db, clock):
    chief = UserFactory(username="chief", is_superuser=True)
    device = TOTPDevice.objects.create(user=chief, name="app", confirmed=True)
    client.force_login(chief)  # a session from before the device existed
    response = client.get(INDEX)
    assert response["Location"].startswith(TWO_FACTOR)
    page = client.get(TWO_FACTOR).content.decode()
    assert "Enter the code your authenticator app shows to continue" in page
    client.post(TWO_FACTOR, {"otp_token": code(device, clock)})
    assert client.get(INDEX).status_code == 200


def test_the_two_factor_page_is_for_staff_only(client, db):
    response = client.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
