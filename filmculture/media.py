"""
Uploaded media (lead images) served by the app itself, for a single server without a CDN
or object storage in front (FILMCULTURE_SERVE_MEDIA; docs/deploy.md).

Unlike django.views.static.serve, it never lists a folder, never leaves MEDIA_ROOT (nor
follows a link out of it), serves only files of the types editors upload, and sends headers
that keep a browser from running an upload as a page: nosniff, a sandboxing Content
Security Policy, and an attachment disposition for anything that is not an image.
"""

import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotAllowed, HttpResponseNotModified
from django.utils.http import http_date
from django.views.static import was_modified_since

INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})


def serve_media(request, path):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    file = media_file(path)
    stat = file.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(file.name)
    if content_type is None or encoding is not None:
        # A compressed file is sent as it is stored, never for the browser to unpack.
        content_type = "application/octet-stream"
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES,
        filename=file.name,
    )
    response.headers["Last-Modified"] = http_date(stat.st_mtime)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Stored names are never reused (Django's storage renames a clash), so a file may be
    # kept long; an editor replacing a lead image uploads a new name.
    seconds = settings.FILMCULTURE_MEDIA_CACHE_SECONDS
    response.headers["Cache-Control"] = f"public, max-age={seconds}"
    return response


def media_file(path):
    """The regular file at `path` under MEDIA_ROOT, or 404: no folders, nothing outside."""
    root = Path(settings.MEDIA_ROOT).resolve()
    parts = Path(path).parts
    if not parts or any(part in ("..", ".") or part.startswith(".") for part in parts):
        raise Http404("No such file.")
    try:
        file = (root / path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        raise Http404("No such file.") from None
    if not file.is_relative_to(root) or not file.is_file() or not os.access(file, os.R_OK):
        raise Http404("No such file.")
    return file
