"""Unreviewed claims and uploaded sources are not public: the API serves accepted claims to
everyone and the rest to signed-in reviewers only; an uploaded source stays off the site, the
sitemap, the open data and the search until a claim from it is accepted or it is published."""

import io
import re
import zipfile
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from citypartners.ingest.services import accept_claim, ingest_document
from citypartners.jobs.worker import run_due_tasks
from citypartners.search.services import rebuild_index
from citypartners.sources.models import Claim
from citypartners.sources.services import publish_source

TEXT = (
    "Städtepartnerschaften der Stadt Berlin\n"
    "Berlin und Lyon sind seit dem 3. März 2026 Partnerstädte. "
    "Im Jahr 2027 ist ein Jugendaustausch mit Lyon geplant.\n"
).encode()


@pytest.fixture
def upload(db):
    result = ingest_document(data=TEXT, path="Vertraulicher Entwurf Lyon.txt")
    assert result.claims and not result.source.is_public
    return result


def _api(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_pending_claims_are_not_listed_without_signing_in(client, upload):
    assert Claim.objects.filter(review_status="pending").exists()
    for status in ("pending", "rejected", "any"):
        body = _api(client, f"/api/v1/claims?review_status={status}")
        assert body["count"] == 0 and body["results"] == [], status
    claim = upload.claims[0]
    assert client.get(f"/api/v1/claims/{claim.pk}").status_code == 404


def test_signed_in_editor_who_is_not_reviewer_sees_no_pending_claim(client, upload, editor):
    client.force_login(editor)
    assert _api(client, "/api/v1/claims?review_status=pending")["count"] == 0


def test_reviewer_sees_pending_claims_and_answer_is_not_shared(client, upload, reviewer):
    url = "/api/v1/claims?review_status=pending"
    client.force_login(reviewer)
    response = client.get(url)
    assert response.json()["count"] == len(upload.claims)
    assert "private" in response["Cache-Control"]
    client.logout()  # the same address right after, without a session: nothing from the cache
    assert _api(client, url)["count"] == 0


def test_accepted_claims_are_public(client, upload, reviewer):
    lyon = next(c for c in upload.claims if c.value.get("city") == "Lyon")
    accept_claim(claim=lyon, user=reviewer)
    upload.source.refresh_from_db()
    assert upload.source.is_public  # accepting publishes the source
    body = _api(client, f"/api/v1/claims?source={upload.source.key}")
    assert [claim["id"] for claim in body["results"]] == [lyon.pk]


def _download(client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code == 503:  # written by a worker for this registry version
        run_due_tasks()
        response = client.get(url)
    return b"".join(response.streaming_content) if response.streaming else response.content


def _sitemaps(client) -> str:
    """The sitemap index and every sitemap it lists."""
    index = client.get("/sitemap.xml").content.decode()
    parts = [urlsplit(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", index)]
    pages = [client.get(part.path, dict(parse_qsl(part.query))) for part in parts]
    return index + "".join(page.content.decode() for page in pages)


def _public_places(client, key: str, title: str) -> dict[str, bool]:
    rebuild_index()
    zipped = zipfile.ZipFile(io.BytesIO(_download(client, reverse("downloads:dataset-zip"))))
    return {
        "api list": key in str(_api(client, "/api/v1/sources?page_size=200")),
        "api detail": client.get(f"/api/v1/sources/{key}").status_code == 200,
        "page": client.get(reverse("web:source", args=[key])).status_code == 200,
        "list page": title in client.get(reverse("web:sources")).content.decode(),
        "sitemap": key in _sitemaps(client),
        "search": f"/en/sources/{key}/" in client.get("/en/search/", {"q": title}).content.decode(),
        "dataset zip": key in zipped.read("dataset/sources.yaml").decode(),
    }


def test_uploaded_source_is_private_until_published(client, upload):
    key, title = upload.source.key, upload.source.title
    assert not any(_public_places(client, key, title).values())
    publish_source(source=upload.source)
    assert all(_public_places(client, key, title).values())
