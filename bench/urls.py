"""The site's addresses plus the benchmark's floor: a minimal view, no database, no template."""

import os

from django.http import HttpResponse
from django.urls import include, path

# As many bytes as the page the floor is compared with (serve.py measures and passes it).
FLOOR_BYTES = int(os.environ.get("BENCH_FLOOR_BYTES", "20000"))
FLOOR_PAGE = (b"<!doctype html><title>floor</title><p>" + b"x" * FLOOR_BYTES)[:FLOOR_BYTES]


def floor(request):
    return HttpResponse(FLOOR_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/floor/", floor),
    path("", include("filmculture.urls")),
]
