"""A database outage answers the friendly 503 at every stage of a request, not only in views.

During a PostgreSQL restart the error may come from the session or authentication middleware,
the log-in lock-out or the page cache, where the view-level middleware never sees it (issue 13:
one request got a 500). The middlewares below stand in for those stages: they raise what the
database driver raises while the server restarts.
"""

from __future__ import annotations

import psycopg
import pytest
from django.db import IntegrityError, InterfaceError, OperationalError
from django.test import Client

from citypartners.core.resilience import is_database_outage

pytestmark = pytest.mark.django_db

ERRORS = {
    "django-operational": lambda: OperationalError("server closed the connection unexpectedly"),
    "django-interface": lambda: InterfaceError("connection already closed"),
    "psycopg-admin-shutdown": lambda: psycopg.errors.AdminShutdown(
        "terminating connection due to administrator command"
    ),
    "psycopg-interface": lambda: psycopg.InterfaceError("the connection is closed"),
    "integrity": lambda: IntegrityError("duplicate key"),
}
raised: dict[str, str] = {}


class RaisingMiddleware:
    """Raises the chosen database error on the way in, as a middleware stage would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise ERRORS[raised["name"]]()


class RaisingOnTheWayOutMiddleware(RaisingMiddleware):
    """Raises after the view answered, as the session middleware saving a session would."""

    def __call__(self, request):
        self.get_response(request)
        raise ERRORS[raised["name"]]()


def _get(settings, middleware: str, name: str, position: str):
    raised["name"] = name
    stack = list(settings.MIDDLEWARE)
    stack.insert(stack.index(position) + 1, f"{__name__}.{middleware}")
    settings.MIDDLEWARE = stack
    return Client(raise_request_exception=False).get("/health/live")


@pytest.mark.parametrize("name", [n for n in ERRORS if n != "integrity"])
@pytest.mark.parametrize(
    ("middleware", "position"),
    [
        ("RaisingMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"),
        ("RaisingOnTheWayOutMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"),
        ("RaisingMiddleware", "citypartners.pagecache.middleware.PageCacheMiddleware"),
        ("RaisingMiddleware", "axes.middleware.AxesMiddleware"),
    ],
)
def test_database_outage_in_any_middleware_answers_503(settings, name, middleware, position):
    response = _get(settings, middleware, name, position)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "No data has been lost" in response.content.decode()


def test_an_integrity_error_is_not_an_outage(settings):
    response = _get(
        settings,
        "RaisingMiddleware",
        "integrity",
        "django.contrib.sessions.middleware.SessionMiddleware",
    )
    assert response.status_code == 500


def test_is_database_outage_looks_through_wrapping():
    try:
        try:
            raise psycopg.OperationalError("connection refused")
        except psycopg.OperationalError as error:
            raise RuntimeError("while loading the session") from error
    except RuntimeError as wrapped:
        assert is_database_outage(wrapped)
    assert not is_database_outage(ValueError("no"))
    assert not is_database_outage(psycopg.errors.UniqueViolation("dup"))
