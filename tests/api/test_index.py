"""`/api/v1/` answers with an index of the API instead of 404 (issue 14)."""

from __future__ import annotations


def test_api_root_lists_every_collection_the_docs_and_the_schema(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    data = response.json()
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["documentation"] == "http://testserver/api/v1/docs"
    assert set(data["collections"]) == {
        "partnerships",
        "activities",
        "places",
        "organisations",
        "topics",
        "sources",
        "claims",
    }
    for address in data["collections"].values():
        assert client.get(address.removeprefix("http://testserver")).status_code == 200


def test_api_root_is_in_the_openapi_description(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "/api/v1/" in paths
