"""
Uploaded media in the production setup (DEBUG off): a lead image is served from MEDIA_ROOT
with the right type and cache headers, and nothing outside MEDIA_ROOT, no folder listing
and no upload a browser would run as a page is ever served.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "orange").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def essay_with_image():
    essay = ArticleFactory(title="Night screenings", lead_image_alt="A screen by the sea")
    essay.lead_image.save("night.png", ContentFile(png_bytes()))
    return essay


def test_a_lead_image_is_served_with_debug_off(client, essay_with_image):
    assert settings.DEBUG is False
    page = client.get(reverse("articles:detail", kwargs={"slug": essay_with_image.slug}))
    url = essay_with_image.lead_image.url
    assert f'src="{url}"' in page.content.decode()

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["X-Content-Type-Options"] == "nosniff"
    seconds = settings.FILMCULTURE_MEDIA_CACHE_SECONDS
    assert response["Cache-Control"] == f"public, max-age={seconds}"
    assert "attachment" not in response.get("Content-Disposition", "")
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


@pytest.fixture
def secret_beside_media(tmp_path):
    """A file next to MEDIA_ROOT, a hidden one inside it, and a link inside pointing out."""
    root = Path(settings.MEDIA_ROOT)
    secret = root.parent / f"{root.name}-secret.txt"
    secret.write_text("the secret key")
    (root / ".env").write_text("DJANGO_SECRET_KEY=x")
    (root / "lead").mkdir(exist_ok=True)
    (root / "lead" / "photo.png").write_bytes(png_bytes())
    link = root / "outside.txt"
    if not link.exists():
        os.symlink(secret, link)
    yield secret
    secret.unlink()


@pytest.mark.parametrize(
    "path",
    [
        "../{secret}",
        "%2e%2e/{secret}",
        "..%2f{secret}",
        "lead/../../{secret}",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        ".env",
        "outside.txt",
        "lead/",
        "lead",
        "nothing-here.png",
        "lead/photo.png%00.txt",
    ],
)
def test_nothing_outside_media_root_nor_any_folder_listing_is_served(
    client, secret_beside_media, path
):
    url = settings.MEDIA_URL + path.format(secret=secret_beside_media.name)
    response = client.get(url)
    assert response.status_code == 404, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"secret" not in body
    assert b"photo.png" not in body


def test_an_upload_that_is_not_an_image_is_a_download_a_browser_will_not_run(client):
    default_storage.save("lead/page.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(settings.MEDIA_URL + "lead/page.html")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_media_answers_only_reads(client, secret_beside_media):
    response = client.post(settings.MEDIA_URL + "lead/photo.png")
    assert response.status_code == 405
