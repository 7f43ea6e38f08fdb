"""Failing fast and politely when the database is away, and recovering by itself.

When PostgreSQL restarts, open connections break, and the error can surface anywhere: in a
view, in the session or authentication middleware, in the log-in lock-out, in the page cache
in front of Django. Every such error becomes the same short 503 page with `Retry-After`
instead of a 500, and the broken connection is closed; with `CONN_HEALTH_CHECKS` the next
request opens a fresh one, so the site recovers as soon as the database is back.

Two places catch it: `DatabaseUnavailableMiddleware` for views (`process_exception`), and
`server_error`, the `handler500` that Django calls for an exception raised in any middleware,
so no stage of the request answers 500 for an outage.
"""

import logging
import sys

import psycopg
from django.db import (
    DataError,
    IntegrityError,
    NotSupportedError,
    ProgrammingError,
    close_old_connections,
    connections,
)
from django.db import Error as DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10

# Errors that are the code's or the data's fault, not the database being away: these stay 500.
_NOT_AN_OUTAGE = (
    IntegrityError,
    DataError,
    ProgrammingError,
    NotSupportedError,
    psycopg.IntegrityError,
    psycopg.DataError,
    psycopg.ProgrammingError,
    psycopg.NotSupportedError,
)


def is_database_outage(exception: BaseException | None) -> bool:
    """True for a database error that means "unreachable or restarting", also when wrapped."""
    seen = 0
    while exception is not None and seen < 10:
        if isinstance(exception, DatabaseError | psycopg.Error):
            return not isinstance(exception, _NOT_AN_OUTAGE)
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return False


def unavailable_response(request: HttpRequest | None = None) -> HttpResponse:
    """The 503 page; rendered without touching the database."""
    html = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _forget_broken_connections() -> None:
    for connection in connections.all():
        try:
            connection.close_if_unusable_or_obsolete()
        except Exception:  # closing a broken connection may fail too
            logger.warning("could not close a broken database connection", exc_info=True)
    close_old_connections()


def answer_outage(request: HttpRequest | None, exception: BaseException) -> HttpResponse:
    path = getattr(request, "path", "")
    logger.error("database unavailable: %s", exception, extra={"path": path})
    _forget_broken_connections()
    return unavailable_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: the friendly 503 when the uncaught exception is a database outage."""
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return answer_outage(request, exception)
    return django_server_error(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        return answer_outage(request, exception)
