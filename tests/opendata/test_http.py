"""Conditional GET, the response cache and its invalidation, CORS and the rate limit."""

from __future__ import annotations

import pytest
from django.utils.http import http_date

from citypartners.jobs.worker import run_due_tasks
from tests.factories import make_city, make_partnership

pytestmark = pytest.mark.django_db


def fetch(client, url, **headers):
    """GET, reading a streamed (file) answer to its end, which closes it and its file."""
    response = client.get(url, headers=headers)
    if response.status_code == 503 and url.startswith("/downloads/"):
        run_due_tasks()  # the file is written by a worker for this registry version
        response = client.get(url, headers=headers)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


ENDPOINTS = [
    "/api/v1/partnerships",
    "/api/v1/partnerships/berlin-mexico-city",
    "/api/v1/activities?kind=anniversary",
    "/api/v1/openapi.json",
    "/downloads/partnerships.csv",
    "/downloads/dataset.zip",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_if_none_match_gets_304_while_the_registry_is_unchanged(client, url):
    first = fetch(client, url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    again = fetch(client, url, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


@pytest.mark.parametrize("url", ENDPOINTS[:3])
def test_if_modified_since_gets_304_unless_older_than_the_last_change(client, url):
    first = client.get(url)
    last_modified = first["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    older = http_date(0)
    assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200


def test_an_edit_changes_the_etag_and_the_answer(client, home):
    url = "/api/v1/partnerships?page_size=200"
    first = client.get(url)
    make_partnership(home=home, partner=make_city(slug="newtown"))
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.json()["count"] == first.json()["count"] + 1
    assert "newtown" in {p["partner"]["slug"] for p in second.json()["results"]}


def test_an_edit_through_a_model_save_invalidates_the_cached_answer(client):
    from citypartners.places.models import Place

    url = "/api/v1/places/mexico-city?lang=en"
    assert client.get(url).json()["name"] == "Mexico City"
    place = Place.objects.get(slug="mexico-city")
    place.name_en = "Ciudad de México"
    place.save()
    assert client.get(url).json()["name"] == "Ciudad de México"


def test_a_repeated_request_is_served_from_the_cache_with_one_query(
    client, django_assert_num_queries
):
    url = "/api/v1/partnerships?page_size=200"
    first = client.get(url)
    with django_assert_num_queries(1):  # the registry version
        second = client.get(url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == "de"


def test_languages_have_their_own_validators(client):
    url = "/api/v1/partnerships/berlin-mexico-city"
    german = client.get(url, headers={"Accept-Language": "de"})
    english = client.get(url, headers={"Accept-Language": "en"})
    assert german["ETag"] != english["ETag"]
    assert german["Vary"] == "Accept-Language"
    assert english.json()["partner"]["name"] == "Mexico City"


@pytest.mark.parametrize("url", ["/api/v1/partnerships", "/downloads/partnerships.csv"])
def test_any_origin_may_read(client, url):
    response = fetch(client, url, Origin="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_preflight_allows_get_with_conditional_headers(client):
    response = client.options(
        "/api/v1/partnerships",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_head_answers_with_the_headers_of_get(client):
    # The WSGI server (gunicorn, runserver) leaves out the body of a HEAD answer.
    response = client.head("/api/v1/partnerships")
    assert response.status_code == 200
    assert response["ETag"] == client.get("/api/v1/partnerships")["ETag"]


def test_writes_are_not_allowed(client):
    response = client.post("/api/v1/partnerships", data={})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_rate_limit_answers_429_in_json_with_retry_after(client, settings):
    settings.CITYPARTNERS_API_RATE_LIMIT = 3
    settings.CITYPARTNERS_API_RATE_WINDOW = 60
    statuses = [client.get("/api/v1/topics").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/topics")
    body = limited.json()
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert body["retry_after"] == int(limited["Retry-After"])
    assert "at most 3 requests per 60 seconds" in body["detail"]
    assert limited["Access-Control-Allow-Origin"] == "*"


def test_rate_limit_counts_each_client_apart(client, settings):
    settings.CITYPARTNERS_API_RATE_LIMIT = 1
    assert client.get("/api/v1/topics", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/v1/topics", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/v1/topics", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_rate_limit_reads_the_forwarded_address_from_a_trusted_proxy(client, settings):
    settings.CITYPARTNERS_API_RATE_LIMIT = 1
    settings.CITYPARTNERS_TRUSTED_PROXIES = ["127.0.0.1"]
    headers = {"X-Forwarded-For": "192.0.2.7"}
    assert client.get("/api/v1/topics", headers=headers).status_code == 200
    assert client.get("/api/v1/topics", headers=headers).status_code == 429
    assert client.get("/api/v1/topics", headers={"X-Forwarded-For": "192.0.2.8"}).status_code == 200


def test_public_pages_are_not_rate_limited(client, settings):
    settings.CITYPARTNERS_API_RATE_LIMIT = 1
    assert [client.get("/en/open-data/").status_code for _ in range(3)] == [200, 200, 200]
