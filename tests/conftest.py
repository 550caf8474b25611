import pytest
from django.core.cache import cache

from tests.factories import UserFactory

WRITER_PERMISSIONS = [
    "view_article",
    "add_article",
    "change_article",
    "view_section",
    "add_section",
    "change_section",
    "delete_section",
    "view_relatedlink",
    "add_relatedlink",
    "change_relatedlink",
    "delete_relatedlink",
    "view_category",
    "view_author",
    "view_tag",
]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    """An editor-in-chief: may do everything, publishing included."""
    return UserFactory(username="editor", is_superuser=True)


@pytest.fixture
def writer(db):
    """A staff writer: edits essays and saves drafts, but may not publish."""
    return UserFactory(username="writer", permissions=WRITER_PERMISSIONS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client
