"""Failing fast and politely when the database is away, and recovering by itself.

When PostgreSQL restarts, open connections break. `DatabaseUnavailableMiddleware` turns the
resulting `OperationalError`/`InterfaceError` into a short 503 page with `Retry-After` instead
of a 500, and closes the broken connection; with `CONN_HEALTH_CHECKS` the next request opens a
fresh one, so the site recovers as soon as the database is back, without a restart.
"""

import logging

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page; rendered without touching the database."""
    html = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception, extra={"path": request.path})
        for connection in connections.all():
            connection.close_if_unusable_or_obsolete()
        close_old_connections()
        return unavailable_response(request)
