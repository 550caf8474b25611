"""
A database that is down, hung or locked answers readers with a 503 and Retry-After.

Connection failures, timeouts (connect_timeout, statement_timeout, SQLite's busy timeout)
and a broken database file reach the code as OperationalError, InterfaceError or plain
DatabaseError; they are an outage to wait out, not a bug, so the reader gets the static
templates/503.html (rendered without a request: no context processor, no query) instead
of a 500. Errors that are bugs (IntegrityError, ProgrammingError, DataError, ...) stay
500s. Outages are logged on "filmculture.database", which LOGGING throttles, and marked as
logged so django.request does not add a line per request.

Two ways in, because Django turns an exception into a response at every middleware layer:
the middleware catches what views and their templates raise; `server_error` (handler500)
catches the rest, such as the 404 page failing to load the header's sections.
"""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger("filmculture.database")


def is_outage(error):
    return isinstance(error, (OperationalError, InterfaceError)) or type(error) is DatabaseError


def unavailable_response(request, error):
    logger.error(
        "Database unavailable, answering 503 (%s): %s: %s",
        request.path,
        type(error).__name__,
        error,
    )
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(settings.UNAVAILABLE_RETRY_AFTER)
    add_never_cache_headers(response)
    response._has_been_logged = True  # django.request would log it once per request
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_outage(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request):
    """handler500: a database outage is a 503; anything else Django's plain 500 page."""
    error = sys.exc_info()[1]
    if error is not None and is_outage(error):
        return unavailable_response(request, error)
    return defaults.server_error(request)
