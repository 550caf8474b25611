"""Staff in their own browsers: one context each, logged in through the admin's form."""

from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def staff_member(username, role, **fields):
    user = UserFactory(username=username, email=f"{username}@example.org", **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def open_page(browser, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
