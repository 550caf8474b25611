"""
A person's sessions can be ended together: "Log out everywhere" ends every browser's
session, and changing the password ends every session but the one that changed it.
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import UserSession
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
INDEX = reverse("admin:index")


@pytest.fixture
def person(db):
    return UserFactory(username="critic")


def browser_logged_in(username="critic"):
    browser = Client()
    response = browser.post(reverse("admin:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def is_logged_in(browser):
    return browser.get(INDEX).status_code == 200


def test_each_login_is_a_session_that_knows_its_person(person):
    browser_logged_in()
    browser_logged_in()
    assert UserSession.objects.filter(user=person).count() == 2


def test_logging_out_ends_only_this_browsers_session(person):
    laptop, phone = browser_logged_in(), browser_logged_in()
    laptop.post(reverse("admin:logout"))
    assert not is_logged_in(laptop)
    assert is_logged_in(phone)


def test_log_out_everywhere_ends_every_session_of_the_person(person):
    laptop, phone = browser_logged_in(), browser_logged_in()
    UserFactory(username="colleague")
    colleague = browser_logged_in("colleague")

    response = laptop.post(reverse("accounts:logout_everywhere"))
    assert response.status_code == 200
    assert "You are logged out everywhere" in response.content.decode()

    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert is_logged_in(colleague)
    assert not UserSession.objects.filter(user=person).exists()


def test_log_out_everywhere_is_offered_in_the_admin_and_needs_a_post(person):
    laptop = browser_logged_in()
    page = laptop.get(INDEX).content.decode()
    assert reverse("accounts:logout_everywhere") in page
    assert laptop.get(reverse("accounts:logout_everywhere")).status_code == 405
    assert is_logged_in(laptop)


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one(person):
    laptop, phone = browser_logged_in(), browser_logged_in()
    response = laptop.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new and long passphrase",
            "new_password2": "a new and long passphrase",
        },
    )
    assert response.status_code == 302
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
