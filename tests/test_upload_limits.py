"""
What one request may carry: the body as a whole, its fields and files, one import's files
together, and an essay's texts. Past a limit the answer names it; never a 500, never
half-written data.
"""

import io
import random
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from articles import services
from articles.importing.sources import PageSource
from articles.models import Article
from articles.uploads import RequestSizeLimitMiddleware
from tests.admin_forms import ADD_URL, change_url, essay_form, new_essay_form
from tests.factories import ArticleFactory, CategoryFactory
from tests.test_import import page_text

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:articles_article_import")
MB = 1024 * 1024


def limit(settings, **caps):
    settings.FILMCULTURE = {**settings.FILMCULTURE, **caps}


def visible_text(response):
    return " ".join(response.content.decode().split())


# --- The request as a whole ----------------------------------------------------------------


def test_a_request_over_the_cap_is_refused_with_a_413_page_naming_it(editor_client, settings):
    limit(settings, MAX_REQUEST_BYTES=1 * MB)
    data = new_essay_form(CategoryFactory())
    data["lead_image"] = SimpleUploadedFile("big.png", b"\x00" * (2 * MB))

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 413
    assert "A request may carry at most 1 MB" in visible_text(response)
    assert not Article.objects.exists()


def test_the_request_cap_is_checked_before_the_body_is_read(settings):
    limit(settings, MAX_REQUEST_BYTES=1 * MB)

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

    request = RequestFactory().post("/admin/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(5 * MB)
    request.META["wsgi.input"] = Unreadable()
    middleware = RequestSizeLimitMiddleware(lambda request: request.body)

    response = middleware(request)

    assert response.status_code == 413
    assert response["Connection"] == "close"


def test_too_much_form_text_is_a_413_page_not_a_500(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    data = new_essay_form(CategoryFactory(), sections=[(1, "", "word " * 40_000)])

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 413
    assert "more than 98 KB" in visible_text(response)
    assert not Article.objects.exists()


def test_too_many_fields_is_a_400_page_naming_the_limit(editor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = new_essay_form(CategoryFactory())

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 400
    assert "The form sent more than 10 fields" in visible_text(response)
    assert not Article.objects.exists()


def test_too_many_files_is_a_400_page_naming_the_limit(editor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [
        SimpleUploadedFile(f"page-{n}.txt", page_text(f"Essay {n}").encode()) for n in range(5)
    ]

    response = editor_client.post(IMPORT_URL, {"files": files})

    assert response.status_code == 400
    assert "At most 3 files may be uploaded at once" in visible_text(response)
    assert not Article.objects.exists()


# --- One import's files together -----------------------------------------------------------


def archive(name, text, *, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as zipped:
        zipped.writestr("page.txt", text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def wordy_page(title, size):
    words = random.Random(title).choices(["reel", "frame", "cut", "light", "dock"], k=size // 5)
    return page_text(title, body=[" ".join(words)])


def test_three_big_archives_in_one_import_are_refused_together(editor_client, settings):
    limit(settings, MAX_IMPORT_BYTES=1 * MB)
    archives = [archive(f"part-{n}.zip", wordy_page(f"Part {n}", 400_000)) for n in range(3)]
    assert all(a.size < 1 * MB for a in archives)  # each alone would pass

    response = editor_client.post(IMPORT_URL, {"files": archives})

    assert response.status_code == 200
    text = visible_text(response)
    assert "One import may bring at most 1 MB of files together" in text
    assert "these come to 1.2 MB as uploaded" in text
    assert not Article.objects.exists()


def test_small_archives_that_unpack_past_the_cap_together_are_refused(editor_client, settings):
    limit(settings, MAX_IMPORT_BYTES=1 * MB)
    archives = [
        archive(f"part-{n}.zip", wordy_page(f"Part {n}", 400_000), compression=zipfile.ZIP_DEFLATED)
        for n in range(3)
    ]
    assert sum(a.size for a in archives) < 1 * MB

    response = editor_client.post(IMPORT_URL, {"files": archives})

    assert "unpacked. Import them in several batches." in visible_text(response)
    assert not Article.objects.exists()


def test_an_import_within_the_cap_goes_through(editor_client, settings):
    limit(settings, MAX_IMPORT_BYTES=1 * MB)
    desk = CategoryFactory()
    archives = [archive(f"part-{n}.zip", wordy_page(f"Part {n}", 50_000)) for n in range(3)]

    response = editor_client.post(IMPORT_URL, {"files": archives, "default_category": desk.pk})

    assert "3 files: 3 created" in visible_text(response)


# --- An essay's texts ----------------------------------------------------------------------


def test_a_standfirst_over_the_cap_is_a_form_error_beside_it(editor_client):
    data = new_essay_form(CategoryFactory(), standfirst="s" * 601)

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["standfirst"] == [
        "The standfirst is 601 characters long; at most 600 are accepted. Shorten it."
    ]
    assert not Article.objects.exists()


def test_a_section_over_the_cap_is_a_form_error_on_that_section(editor_client, settings):
    limit(settings, MAX_SECTION_CHARS=1000)
    article = ArticleFactory()
    data = essay_form(article)
    data["sections-0-body"] = "x" * 1001

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    section_errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert "1,001 characters long; at most 1,000 are accepted" in section_errors["body"][0]
    article.refresh_from_db()
    assert "x" * 1001 not in article.sections.get().body


def test_the_default_caps_leave_room_for_a_long_essay(editor_client):
    paragraph = "The long take waits, and so do we, for the cut that never comes. " * 8
    body = "\n\n".join([paragraph] * 100)  # about 8,500 words in one section
    assert len(body) < 60_000

    response = editor_client.post(
        ADD_URL, new_essay_form(CategoryFactory(), sections=[(1, "", body)])
    )

    assert response.status_code == 302


def test_the_service_refuses_texts_past_the_caps_whoever_calls_it(editor, settings):
    limit(settings, MAX_SECTION_CHARS=1000)
    article = Article(title="Long", standfirst="Fine.", category=CategoryFactory())

    with pytest.raises(ValidationError, match="section 2 is 1,001 characters long"):
        services.article_save(
            article=article,
            by=editor,
            sections=[services.SectionData("", "fine"), services.SectionData("", "y" * 1001)],
        )
    assert not Article.objects.exists()


def test_an_imported_page_past_a_cap_is_refused_naming_file_and_line(editor, settings):
    from articles.importing.importer import import_pages

    limit(settings, MAX_SECTION_CHARS=1000)
    desk = CategoryFactory()
    long_body = page_text(body=["A short opening.", "The long part", "z" * 1001])
    long_standfirst = page_text("Another", standfirst="w" * 601)
    sources = [
        PageSource("long-body.txt", long_body.encode),
        PageSource("long-standfirst.txt", long_standfirst.encode),
    ]

    report = import_pages(sources, default_category=desk, by=editor)

    assert [str(failure) for failure in report.failures] == [
        "long-body.txt:6: the text of section 2 is 1,001 characters long; at most 1,000 are "
        "accepted. Split it into several sections",
        "long-standfirst.txt:2: the standfirst is 601 characters long; at most 600 are "
        "accepted. Shorten it",
    ]
    assert not Article.objects.exists()
