import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from articles.services.permissions import EDITORS, WRITERS
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def member_of(role, **fields):
    """A staff user in one of the roles the data migration creates."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    """An editor-in-chief: may do everything, publishing included."""
    return UserFactory(username="editor", is_superuser=True, email="chief@example.org")


@pytest.fixture
def desk_editor(db):
    """A member of the Editors group, with exactly the role's permissions."""
    return member_of(EDITORS, username="desk-editor", email="desk@example.org")


@pytest.fixture
def writer(db):
    """A staff writer: writes and submits their own essays, may not publish."""
    return member_of(WRITERS, username="writer", email="writer@example.org")


@pytest.fixture
def other_writer(db):
    return member_of(WRITERS, username="other-writer", email="other@example.org")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def lead_image():
    """Gives an essay a real 40x20 PNG lead image, as an upload through the admin would."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def attach(article, alt="A projector beam in a dark hall"):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 20), "#335577").save(buffer, format="PNG")
        article.lead_image = SimpleUploadedFile("beam.png", buffer.getvalue(), "image/png")
        article.lead_image_alt = alt
        article.save()
        return article

    return attach
