"""The "report a barrier" form: accessible errors, honeypot, rate limit, redirect after post."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from citypartners.feedback.models import BarrierReport
from tests.urls import url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _post(client, language="en", **data):
    return client.post(url("pages:report_barrier", language), data)


def test_form_page_prefills_the_page_the_visitor_came_from(client):
    html = client.get(
        url("pages:report_barrier") + "?page=/en/partnerships/berlin-paris/"
    ).content.decode()

    assert 'value="/en/partnerships/berlin-paris/"' in html
    assert 'name="description"' in html and 'type="email"' in html
    assert "csrfmiddlewaretoken" in html


def test_valid_report_is_stored_and_redirects_to_thanks(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "de", description="Der Kontrast ist zu schwach.", page_url="/de/")

    assert response.status_code == 302
    assert response["Location"] == url("pages:barrier_thanks", "de")
    report = BarrierReport.objects.get()
    assert report.language == "de" and report.page_url == "/de/"
    thanks = client.get(response["Location"]).content.decode()
    assert 'role="status"' in thanks


def test_missing_description_shows_a_linked_error_summary(client):
    response = _post(client, description="", email="bad")

    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in html
    assert 'role="alert"' in html
    assert 'href="#id_description"' in html and 'href="#id_email"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_description-hint id_description-error"' in html
    assert not BarrierReport.objects.exists()


def test_honeypot_reports_are_thanked_but_not_stored(client):
    response = _post(client, description="Buy now", website="http://spam.example")

    assert response.status_code == 302
    assert not BarrierReport.objects.exists()


def test_rate_limit_stops_floods_from_one_address(client):
    for n in range(5):
        assert _post(client, description=f"Report {n}").status_code == 302

    response = _post(client, description="one too many")

    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert BarrierReport.objects.count() == 5


def test_rate_limit_is_per_address(client):
    for n in range(6):
        _post(client, description=f"Report {n}")

    other = client.post(
        url("pages:report_barrier"), {"description": "another reader"}, REMOTE_ADDR="10.0.0.2"
    )

    assert other.status_code == 302
