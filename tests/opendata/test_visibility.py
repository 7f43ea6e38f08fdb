"""The open-data API shows the registry's unpublished part (private sources, claims not yet
accepted) to no one outside the homes it concerns, asked by direct URL: anonymous readers and
accounts that do not review see public sources and accepted claims; a borough's reviewer sees
its own borough's work in progress only; the State's reviewers their boroughs' too; national
administrators everything. The list filter and the back office's rule (django-rules) agree."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import rules

from citypartners.backoffice.roles import ADMINISTRATORS, EDITORS, REVIEWERS
from citypartners.editors.services import record_submission
from citypartners.sources.models import Claim, Source
from tests.conftest import make_staff
from tests.editors.conftest import boroughs  # noqa: F401  (the fixture)
from tests.editors.test_review_scope import make_claim
from tests.factories import make_source


@dataclass
class Upload:
    source: Source
    claim: Claim


@pytest.fixture
def uploads(boroughs) -> dict[str, Upload]:  # noqa: F811
    """A private document with one pending claim from each of Reinickendorf and Spandau, and
    one of the State's office (submitted by no home)."""
    found = {}
    for name, home, city in [
        ("reinickendorf", boroughs.reinickendorf, "Antony"),
        ("spandau", boroughs.spandau, "Siegburg"),
        ("state", boroughs.state, "Lyon"),
    ]:
        source = make_source(is_public=False, title=f"Draft of {name}")
        claim = make_claim(source, home_slug=home.place.slug, city=city)
        if name != "state":
            record_submission(source_id=source.pk, home_id=home.pk, user_id=None)
        found[name] = Upload(source, claim)
    return found


def _account(kind: str, boroughs):  # noqa: F811
    match kind:
        case "anonymous":
            return None
        case "borough editor":
            return make_staff("r-editor", EDITORS, home=boroughs.reinickendorf)
        case "borough reviewer":
            return make_staff("r-reviewer", REVIEWERS, home=boroughs.reinickendorf)
        case "State editor":
            return make_staff("state-editor", EDITORS, home=boroughs.state)
        case "State reviewer":
            return make_staff("state-reviewer", REVIEWERS, home=boroughs.state)
        case "national administrator":
            return make_staff("national-admin", ADMINISTRATORS)
    raise AssertionError(kind)


# Which private uploads each account may read; everyone else reads none.
SEES = {
    "anonymous": set(),
    "borough editor": set(),  # editors see their work in the back office, not in the API
    "borough reviewer": {"reinickendorf"},
    "State editor": set(),
    "State reviewer": {"reinickendorf", "spandau", "state"},
    "national administrator": {"reinickendorf", "spandau", "state"},
}


@pytest.mark.parametrize("kind", list(SEES))
def test_private_sources_and_pending_claims_only_within_the_readers_homes(
    client,
    uploads,
    boroughs,  # noqa: F811
    kind,
):
    account = _account(kind, boroughs)
    if account is not None:
        client.force_login(account)
    sources = client.get("/api/v1/sources?page_size=200").json()["results"]
    listed_sources = {s["key"] for s in sources}
    claims = client.get("/api/v1/claims?review_status=any&page_size=200").json()["results"]
    listed_claims = {c["id"] for c in claims}
    pending = client.get("/api/v1/claims?review_status=pending&page_size=200").json()
    for name, upload in uploads.items():
        expected = name in SEES[kind]
        assert (upload.source.key in listed_sources) is expected, (kind, name, "source list")
        assert (upload.claim.pk in listed_claims) is expected, (kind, name, "claim list")
        source = client.get(f"/api/v1/sources/{upload.source.key}")
        claim = client.get(f"/api/v1/claims/{upload.claim.pk}")
        assert source.status_code == (200 if expected else 404), (kind, name)
        assert claim.status_code == (200 if expected else 404), (kind, name)
        if expected:
            assert source.json()["title"] == upload.source.title
            assert claim.json()["value"]["city"] == upload.claim.value["city"]
            assert "private" in claim["Cache-Control"]
        else:
            assert upload.source.title not in source.content.decode()
            assert upload.claim.value["city"] not in claim.content.decode()
        # Filtering by the document's key shows nothing of it either.
        by_source = client.get(f"/api/v1/claims?source={upload.source.key}&review_status=any")
        assert (by_source.json()["count"] == 1) is expected, (kind, name, "by source")
    assert pending["count"] == len(SEES[kind])


@pytest.mark.parametrize("kind", ["borough reviewer", "State reviewer"])
def test_the_api_lists_exactly_what_the_back_office_rules_let_the_reviewer_view(
    client,
    uploads,
    boroughs,  # noqa: F811
    kind,
):
    account = _account(kind, boroughs)
    client.force_login(account)
    listed = {
        c["id"]
        for c in client.get("/api/v1/claims?review_status=any&page_size=200").json()["results"]
    }
    unpublished = Claim.objects.exclude(review_status="accepted", source__is_public=True)
    allowed = {c.pk for c in unpublished if rules.has_perm("sources.view_claim", account, c)}
    assert listed & set(unpublished.values_list("pk", flat=True)) == allowed
    assert allowed  # each of these reviewers has some work in progress of its own


def test_a_borough_reviewers_answer_is_never_served_to_another_reader(
    client,
    uploads,
    boroughs,  # noqa: F811
):
    reviewer = _account("borough reviewer", boroughs)
    url = "/api/v1/claims?review_status=pending"
    client.force_login(reviewer)
    first = client.get(url)
    assert first.json()["count"] == 1
    client.logout()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.json()["count"] == 0
