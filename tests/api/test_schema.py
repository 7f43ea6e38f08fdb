"""Schemathesis against the OpenAPI description: generated requests to every endpoint get no
server error, and every answer matches the schema (status code, content type, body).

The schema is taken from the API object (no database needed at collection time); the calls go
through Django's WSGI handler in the test transaction, with the Berlin dataset loaded.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from citypartners.api.routers import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))


@pytest.fixture
def wsgi_app(settings):
    """Django's WSGI app as a server runs it, minus closing the test's database connection
    between requests (which Django's own test client also leaves out)."""
    settings.CITYPARTNERS_API_RATE_LIMIT = 0
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("CITYPARTNERS_SCHEMA_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, wsgi_app):
    case.call_and_validate(app=wsgi_app)
