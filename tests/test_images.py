"""
Lead images: only real JPEG, PNG, WebP or GIF pictures are kept, re-encoded without their
metadata, under a name of the site's choosing; a replaced one leaves the disk.
"""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from PIL import Image

from articles import services
from articles.models import Article
from tests.admin_forms import ADD_URL, change_url, essay_form, new_essay_form
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture(image_format="PNG", size=(40, 20), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, image_format, **save)
    return buffer.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims `width` x `height` pixels (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def post_image(client, content, name, *, article=None):
    category = CategoryFactory()
    if article is None:
        data = new_essay_form(category, lead_image_alt="A harbour at night")
        url = ADD_URL
    else:
        data = essay_form(article, lead_image_alt="A harbour at night")
        url = change_url(article)
    data["lead_image"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


def image_error(response):
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["adminform"].form.errors["lead_image"])


def stored_files():
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_a_real_picture_is_stored_under_a_generated_name_with_its_real_extension(editor_client):
    response = post_image(editor_client, picture("PNG"), "My Holiday (private).jpg")

    assert response.status_code == 302
    name = Article.objects.get().lead_image.name
    assert name.startswith("lead-images/")
    assert name.endswith(".png")  # the content is a PNG, whatever the name said
    assert "holiday" not in name.lower() and "private" not in name.lower()
    assert len(Path(name).stem) == 32  # a uuid
    assert (Article.objects.get().lead_image_width, Article.objects.get().lead_image_height) == (
        40,
        20,
    )


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_each_accepted_format_is_kept(editor_client, image_format):
    response = post_image(editor_client, picture(image_format), f"still.{image_format.lower()}")

    assert response.status_code == 302
    with Article.objects.get().lead_image.open() as stored, Image.open(stored) as image:
        assert image.format == image_format


def test_a_text_file_named_like_a_picture_is_refused(editor_client):
    response = post_image(editor_client, b"<?php system($_GET['c']); ?>\n", "shell.php.jpg")

    assert "not a JPEG, PNG, WebP or GIF image" in image_error(response)
    assert not Article.objects.exists()
    assert stored_files() == []


def test_an_svg_is_refused_even_under_an_image_name(editor_client):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script></svg>"
    )
    for name in ("drawing.svg", "drawing.png"):
        assert "SVG and other formats are not accepted" in image_error(
            post_image(editor_client, svg, name)
        )
    assert not Article.objects.exists()


def test_a_gif_that_is_also_an_html_page_is_kept_only_as_a_picture(editor_client):
    html = b"<html><script>alert(document.cookie)</script></html>"
    buffer = io.BytesIO()
    Image.new("P", (8, 8), 1).save(buffer, "GIF", comment=html)
    polyglot = buffer.getvalue() + html
    assert html in polyglot

    response = post_image(editor_client, polyglot, "funny.gif")

    assert response.status_code == 302
    with Article.objects.get().lead_image.open() as stored:
        kept = stored.read()
    assert kept.startswith(b"GIF8")
    assert b"<script" not in kept and b"<html" not in kept


def test_a_picture_claiming_144_megapixels_is_refused_before_it_is_decoded(editor_client):
    bomb = png_claiming(12_000, 12_000)
    assert len(bomb) < 200

    message = image_error(post_image(editor_client, bomb, "huge.png"))

    assert "The image is 144.0 megapixels" in message
    assert "at most 40 megapixels" in message
    assert not Article.objects.exists()


def test_the_pixel_cap_is_a_setting(editor_client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "MAX_IMAGE_PIXELS": 500}

    message = image_error(post_image(editor_client, picture(size=(40, 20)), "still.png"))

    assert "The image is 800 pixels; at most 0.0005 megapixels" in message


def test_exif_is_stripped_and_its_orientation_applied(editor_client):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    exif[0x010F] = "SecretCam Industries"  # make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    original = picture("JPEG", size=(60, 20), exif=exif)
    assert b"SecretCam" in original

    response = post_image(editor_client, original, "IMG_0001.JPG")

    assert response.status_code == 302
    with Article.objects.get().lead_image.open() as stored:
        kept = stored.read()
    assert b"SecretCam" not in kept and b"Exif" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (20, 60)  # turned upright, as the camera meant
    assert (Article.objects.get().lead_image_width, Article.objects.get().lead_image_height) == (
        20,
        60,
    )


def test_an_image_over_the_byte_cap_is_refused_without_keeping_it(
    editor_client, settings, monkeypatch
):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "MAX_IMAGE_BYTES": 200 * 1024}
    kept = {}  # offset in the file -> bytes handed on to be stored
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        receive = handler.receive_data_chunk

        def counting(self, raw_data, start, receive=receive):
            if self.field_name == "lead_image":
                kept[start] = len(raw_data)
            return receive(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    big = picture("PNG") + b"\x00" * (3 * 1024 * 1024)

    message = image_error(post_image(editor_client, big, "big.png"))

    assert "The image is larger than 200 KB" in message
    assert 0 < sum(kept.values()) <= 200 * 1024  # the rest of the 3 MB was never stored
    assert not Article.objects.exists()


def test_the_byte_cap_names_its_size_in_megabytes(editor_client, settings):
    settings.FILMCULTURE = {**settings.FILMCULTURE, "MAX_IMAGE_BYTES": 1024 * 1024}

    message = image_error(post_image(editor_client, b"\xff" * (2 * 1024 * 1024), "big.jpg"))

    assert "The image is larger than 1 MB" in message


def test_a_replaced_lead_image_leaves_the_disk_once_the_save_commits(
    editor_client, django_capture_on_commit_callbacks
):
    post_image(editor_client, picture("PNG"), "first.png")
    article = Article.objects.get()
    first = Path(article.lead_image.path)
    assert first.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_image(editor_client, picture("JPEG"), "second.jpg", article=article)

    assert response.status_code == 302
    article.refresh_from_db()
    assert Path(article.lead_image.path).exists()
    assert not first.exists()
    assert stored_files() == [Path(article.lead_image.path)]


def test_a_removed_lead_image_leaves_the_disk(editor_client, django_capture_on_commit_callbacks):
    post_image(editor_client, picture("PNG"), "first.png")
    article = Article.objects.get()
    path = Path(article.lead_image.path)

    data = essay_form(article, lead_image_alt="", **{"lead_image-clear": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.lead_image
    assert not path.exists()


def test_a_save_that_is_refused_keeps_the_old_image(editor_client, writer):
    post_image(editor_client, picture("PNG"), "first.png")
    article = Article.objects.get()
    path = Path(article.lead_image.path)
    article.lead_image = SimpleUploadedFile("second.png", picture("PNG"))

    with pytest.raises(PermissionDenied):
        services.article_save(article=article, by=writer)

    assert path.exists()


def test_the_service_checks_images_whoever_sets_them(editor):
    article = ArticleFactory.build(category=CategoryFactory(), draft=True, owner=None)
    article.lead_image = SimpleUploadedFile("shell.php.jpg", b"<?php echo 1; ?>")

    with pytest.raises(ValidationError) as refusal:
        services.article_save(article=article, by=editor)

    assert "lead_image" in refusal.value.message_dict
    assert not Article.objects.exists()


def test_restoring_a_revision_whose_image_was_replaced_keeps_the_current_image(
    editor_client, editor, django_capture_on_commit_callbacks
):
    post_image(editor_client, picture("PNG"), "first.png")
    article = Article.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        post_image(editor_client, picture("JPEG"), "second.jpg", article=article)
    article.refresh_from_db()
    current = article.lead_image.name

    services.revision_restore(revision=article.revisions.get(number=1), by=editor)

    article.refresh_from_db()
    assert article.lead_image.name == current
    assert Path(article.lead_image.path).exists()
