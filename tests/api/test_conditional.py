"""Conditional GET answers 304 only where the object exists (issue 13)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

MISSING = "/api/v1/partnerships/berlin-atlantis"
EXISTING = "/api/v1/partnerships/berlin-paris"


@pytest.mark.parametrize("warm", [False, True])
def test_if_none_match_star_on_a_missing_object_is_404(client, warm):
    if warm:
        assert client.get(MISSING).status_code == 404
    response = client.get(MISSING, headers={"If-None-Match": "*"})
    assert response.status_code == 404


@pytest.mark.parametrize("warm", [False, True])
def test_if_none_match_star_on_an_existing_object_is_304(client, warm):
    if warm:
        assert client.get(EXISTING).status_code == 200
    response = client.get(EXISTING, headers={"If-None-Match": "*"})
    assert response.status_code == 304
    assert response["ETag"]


def test_if_modified_since_on_a_missing_object_is_404(client):
    response = client.get(MISSING, headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert response.status_code == 404


def test_the_etag_of_a_missing_object_gets_no_304(client):
    etag = client.get(EXISTING)["ETag"]
    assert client.get(EXISTING, headers={"If-None-Match": etag}).status_code == 304
    # The same validator sent for a path that names nothing is answered with the 404.
    assert client.get(MISSING, headers={"If-None-Match": "*, " + etag}).status_code == 404
