"""
Limits on what a request may send (docs/uploads.md), and the page that says which one
was passed.

- `RequestSizeLimitMiddleware`: a body larger than FILMCULTURE["MAX_REQUEST_BYTES"] is
  refused (413) from its Content-Length, before any of it is read.
- `ImageSizeLimitUploadHandler`: an image field's upload stops being kept past
  FILMCULTURE["MAX_IMAGE_BYTES"]; the form then names the cap (`articles.images`).
- `bad_request`: Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE, ..._NUMBER_FIELDS,
  ..._NUMBER_FILES) raise exceptions that end here, as a page saying what was too much
  rather than a bare "Bad Request".
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.template.loader import render_to_string

from articles import images


def limit_page(request, *, status, title, message):
    """The friendly page for a refused request, or plain text where templates fail."""
    try:
        body = render_to_string(
            "400.html", {"title": title, "message": message, "status": status}, request=request
        )
        content_type = "text/html; charset=utf-8"
    except Exception:  # a broken template must not turn a 413 into a 500
        body, content_type = f"{title}\n\n{message}\n", "text/plain; charset=utf-8"
    return HttpResponse(body, status=status, content_type=content_type)


def request_too_large(request, size=None):
    limit = settings.FILMCULTURE["MAX_REQUEST_BYTES"]
    sent = f" This one was {images.size_in_words(size)}." if size else ""
    return limit_page(
        request,
        status=413,
        title="Too much to upload at once",
        message=(
            f"A request may carry at most {images.size_in_words(limit)}.{sent} Upload fewer or "
            "smaller files at a time."
        ),
    )


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads an unreadable length as an empty body
        if length > settings.FILMCULTURE["MAX_REQUEST_BYTES"]:
            # Nothing of the body has been read; the server drops the rest with the
            # connection instead of reading it (Connection: close).
            response = request_too_large(request, length)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


def bad_request(request, exception=None):
    """handler400: say which of the request limits was passed (Django hides the reason)."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return limit_page(
            request,
            status=413,
            title="Too much text at once",
            message=(
                f"The form's text came to more than {images.size_in_words(limit)}, the most one "
                "request may carry besides its files. Split the work into smaller saves."
            ),
        )
    if isinstance(exception, TooManyFieldsSent):
        return limit_page(
            request,
            status=400,
            title="Too many fields",
            message=(
                f"The form sent more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields. "
                "Save an essay with fewer sections or pinned links at a time."
            ),
        )
    if isinstance(exception, TooManyFilesSent):
        return limit_page(
            request,
            status=400,
            title="Too many files",
            message=(
                f"At most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files may be uploaded at "
                "once. Upload them in smaller batches, or as a zip archive."
            ),
        )
    return limit_page(
        request,
        status=400,
        title="Bad request",
        message="The request could not be understood. Go back and try again.",
    )


class ImageSizeLimitUploadHandler(FileUploadHandler):
    """
    First of FILE_UPLOAD_HANDLERS. For an image field, the handlers after it (memory,
    temporary file) are passed at most the cap; past it they are passed nothing more, and
    the form gets an `images.OversizeUpload` saying how much arrived, which it refuses.
    Other files (import archives) pass untouched: the request's own cap bounds them.
    """

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.limit = images.max_bytes() if field_name in images.IMAGE_FIELDS else None
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.limit is None:
            return raw_data
        self.received += len(raw_data)
        return raw_data if self.received <= self.limit else None

    def file_complete(self, file_size):
        if self.limit is not None and self.received > self.limit:
            return images.OversizeUpload(
                name=self.file_name, content_type=self.content_type, received=self.received
            )
        return None
