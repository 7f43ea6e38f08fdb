"""Claims in the review follow the homes: seen by the homes they concern or that submitted
them, decided by reviewers of those homes (or national ones), never by a home's editor."""

from __future__ import annotations

from django.urls import reverse

from citypartners.backoffice.roles import EDITORS, REVIEWERS
from citypartners.editors.services import record_submission
from citypartners.sources.enums import Comparison, ReviewStatus
from citypartners.sources.models import Claim
from tests.conftest import make_staff
from tests.factories import make_source


def make_claim(source, *, home_slug: str, city: str, since: str = "1990") -> Claim:
    text = f"{home_slug} – {city} {since}"
    claim = Claim(
        source=source,
        subject=f"partner:{city}",
        property="partner_since",
        value={"home": home_slug, "city": city, "country": "FR", "since": since},
        evidence_start=0,
        evidence_end=len(text),
        evidence_text=text,
        comparison=Comparison.NEW,
    )
    claim.full_clean()
    claim.save()
    return claim


def review(client, claim, decision="reject"):
    url = reverse("admin:sources_claim_review", args=[claim.pk])
    return client.post(url, {"decision": decision, "reason": "Not in the source"})


def test_borough_reviewer_gets_403_on_another_boroughs_claim(client, boroughs):
    reviewer = make_staff("reinickendorf-reviewer", REVIEWERS, home=boroughs.reinickendorf)
    source = make_source(is_public=False)
    theirs = make_claim(source, home_slug=boroughs.spandau.place.slug, city="Siegburg")
    ours = make_claim(source, home_slug=boroughs.reinickendorf.place.slug, city="Antony")
    client.force_login(reviewer)
    assert client.get(reverse("admin:sources_claim_review", args=[theirs.pk])).status_code == 403
    assert review(client, theirs).status_code == 403
    theirs.refresh_from_db()
    assert theirs.review_status == ReviewStatus.PENDING
    # Its own borough's claim it decides.
    assert review(client, ours).status_code == 302
    ours.refresh_from_db()
    assert ours.review_status == ReviewStatus.REJECTED
    # The document's page shows only what concerns it.
    page = client.get(reverse("admin:sources_claim_review_source", args=[source.pk]))
    assert "Antony" in page.content.decode() and "Siegburg" not in page.content.decode()


def test_state_reviewer_decides_a_boroughs_claim(client, boroughs, reviewer):
    claim = make_claim(make_source(), home_slug=boroughs.spandau.place.slug, city="Siegburg")
    client.force_login(reviewer)
    assert review(client, claim).status_code == 302
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.REJECTED and claim.reviewed_by == reviewer


def test_a_homes_editor_sees_its_submitted_claims_but_never_decides(client, boroughs):
    editor = make_staff("reinickendorf-editor", EDITORS, home=boroughs.reinickendorf)
    source = make_source(is_public=False)
    claim = make_claim(source, home_slug=boroughs.reinickendorf.place.slug, city="Antony")
    record_submission(source_id=source.pk, home_id=boroughs.reinickendorf.pk, user_id=editor.pk)
    client.force_login(editor)
    page = client.get(reverse("admin:sources_claim_review_source", args=[source.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Antony" in html and 'value="accept"' not in html
    assert review(client, claim, "accept").status_code == 403
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.PENDING


def test_another_homes_document_answers_403(client, boroughs):
    editor = make_staff("reinickendorf-editor", EDITORS, home=boroughs.reinickendorf)
    source = make_source(is_public=False)
    make_claim(source, home_slug=boroughs.spandau.place.slug, city="Siegburg")
    record_submission(source_id=source.pk, home_id=boroughs.spandau.pk, user_id=None)
    client.force_login(editor)
    url = reverse("admin:sources_claim_review_source", args=[source.pk])
    assert client.get(url).status_code == 403
    listed = client.get(reverse("admin:sources_claim_changelist")).content.decode()
    assert "Siegburg" not in listed
    confirm = reverse("admin:sources_claim_accept_confirming", args=[source.pk])
    assert client.post(confirm).status_code == 403


def test_accepting_confirming_claims_decides_only_the_reviewers(client, boroughs):
    reviewer = make_staff("reinickendorf-reviewer", REVIEWERS, home=boroughs.reinickendorf)
    source = make_source()
    theirs = make_claim(source, home_slug=boroughs.spandau.place.slug, city="Siegburg")
    ours = make_claim(source, home_slug=boroughs.reinickendorf.place.slug, city="Antony")
    Claim.objects.filter(pk__in=[theirs.pk, ours.pk]).update(comparison=Comparison.CONFIRMS)
    client.force_login(reviewer)
    client.post(reverse("admin:sources_claim_accept_confirming", args=[source.pk]))
    theirs.refresh_from_db()
    ours.refresh_from_db()
    assert theirs.review_status == ReviewStatus.PENDING
    assert ours.review_status == ReviewStatus.ACCEPTED
