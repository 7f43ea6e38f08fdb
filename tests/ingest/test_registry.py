"""Ingestion into the registry: Sources and Claims, comparison, review, disagreements, commands."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from citypartners.activities.models import Activity
from citypartners.ingest.disagreements import find_disagreements
from citypartners.ingest.services import accept_claim, ingest_document, reject_claim
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from citypartners.sources.models import Claim, Source

LYON_TEXT = (
    "Städtepartnerschaften der Stadt Berlin\n"
    "Berlin und Lyon sind seit dem 3. März 2026 Partnerstädte. "
    "Berlin und Mexiko-Stadt sind seit dem 1. September 1994 städtepartnerschaftlich verbunden. "
    "Im Jahr 2027 ist ein Jugendaustausch mit Lyon geplant.\n"
).encode()


def _ingest_seeds(seeds_dir):
    return {
        path.name: ingest_document(data=path.read_bytes(), path=str(path))
        for path in sorted(seeds_dir.iterdir())
    }


def test_seeds_attach_to_their_sources_and_compare_with_the_registry(seeds_dir, db):
    sources = Source.objects.count()
    results = _ingest_seeds(seeds_dir)
    assert Source.objects.count() == sources  # the four documents are already Sources (same hash)
    mexico = results["000_be7cae953c875478.txt"]
    assert mexico.source.key == "berlin-mexico-city-de"
    since = next(c for c in mexico.claims if c.property == "partner_since")
    assert since.value["since"] == "1993-09-01" and since.comparison == "confirms"
    assert since.evidence_text == mexico.source.text[since.evidence_start : since.evidence_end]
    counts = Claim.objects.filter(property="count", source__key="berlin-city-partnerships-en")
    assert {c.comparison for c in counts} == {"conflicts"}
    assert "registry counts 19" in counts.first().comparison_note


def test_the_same_document_twice_creates_nothing_new(seeds_dir, db):
    _ingest_seeds(seeds_dir)
    claims = Claim.objects.count()
    again = _ingest_seeds(seeds_dir)
    assert Claim.objects.count() == claims
    assert all(result.created_claims == 0 for result in again.values())


def test_dry_run_stores_nothing(db):
    before = (Source.objects.count(), Claim.objects.count())
    result = ingest_document(data=LYON_TEXT, path="lyon.txt", dry_run=True)
    assert {p["city"] for p in result.extraction["partnerships"]} == {"Lyon", "Mexico City"}
    assert (Source.objects.count(), Claim.objects.count()) == before


def test_accepting_a_new_partner_adds_it_to_the_registry_with_its_source(db, editor, client):
    result = ingest_document(data=LYON_TEXT, path="lyon.txt")
    lyon = next(c for c in result.claims if c.value.get("city") == "Lyon")
    assert lyon.comparison == "new"
    accept_claim(claim=lyon, user=editor)
    partnership = Partnership.objects.get(home__slug="berlin", partner__name_en="Lyon")
    assert partnership.since.isoformat() == "2026-03-03"
    assert result.source in partnership.sources.all()
    assert partnership.partner.parent.slug == "country-fr"
    assert "Berlin has 20 partner cities" in client.get("/en/").content.decode()
    lyon.refresh_from_db()
    assert lyon.review_status == "accepted" and lyon.reviewed_by == editor


def test_a_corrected_partner_missing_from_the_gazetteer_takes_no_namesakes_place(db, editor):
    """A reviewer names the London borough of Lewisham; the gazetteer knows only the Lewisham
    in New South Wales. The new place keeps its country and gets no coordinates from abroad."""
    result = ingest_document(data=LYON_TEXT, path="lyon.txt")
    claim = next(c for c in result.claims if c.value.get("city") == "Lyon")
    claim.value = claim.value | {"city": "Lewisham", "country": "GB", "geonames_id": None}
    claim.save()
    accept_claim(claim=claim, user=editor)
    place = Partnership.objects.get(home__slug="berlin", partner__name_en="Lewisham").partner
    assert place.country_code == "GB"
    assert place.latitude is None and place.longitude is None


def test_a_date_accepted_for_an_undated_partnership_becomes_its_partner_since(db, editor):
    """A borough partnership known without a date gets its year from a later document (a test
    text): the public "partner since" shows it at once."""
    undated = Partnership.objects.get(slug="berlin-tempelhof-schoeneberg-levallois-perret")
    assert not undated.since.is_known
    text = "Tempelhof-Schöneberg und Levallois-Perret sind seit 1977 Partnerstädte.\n".encode()
    result = ingest_document(data=text, path="levallois.txt", home="Tempelhof-Schöneberg")
    claim = next(c for c in result.claims if c.value.get("city") == "Levallois-Perret")
    assert claim.value["since"] == "1977"
    accept_claim(claim=claim, user=editor)
    undated.refresh_from_db()
    assert undated.since.isoformat() == "1977"


def test_a_conflicting_date_is_flagged_and_accepting_keeps_both_with_their_sources(db, editor):
    result = ingest_document(data=LYON_TEXT, path="lyon.txt")
    mexico = next(c for c in result.claims if c.value.get("city") == "Mexico City")
    assert mexico.comparison == "conflicts"
    assert "1993-09-01" in mexico.comparison_note and "1994-09-01" in mexico.comparison_note
    accept_claim(claim=mexico, user=editor)
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    dates = {change.on.isoformat(): change for change in partnership.status_changes.all()}
    assert set(dates) == {"1993-09-01", "1994-09-01"}
    assert result.source in dates["1994-09-01"].sources.all()
    assert partnership.since.isoformat() == "1993-09-01"


def test_rejecting_needs_a_reason_and_changes_nothing(db, editor):
    result = ingest_document(data=LYON_TEXT, path="lyon.txt")
    claim = next(c for c in result.claims if c.value.get("city") == "Lyon")
    with pytest.raises(ValidationError, match="Say why"):
        reject_claim(claim=claim, user=editor, reason="  ")
    reject_claim(claim=claim, user=editor, reason="Only planned, not signed.")
    assert not Place.objects.filter(name_en="Lyon").exists()
    with pytest.raises(ValidationError, match="reviewed already"):
        accept_claim(claim=claim, user=editor)


def test_a_confirming_event_adds_its_source_to_the_activity(seeds_dir, db, editor):
    results = _ingest_seeds(seeds_dir)
    claim = next(
        c
        for c in results["000_be7cae953c875478.txt"].claims
        if c.property == "event" and c.value["date"] == "2013"
    )
    assert claim.comparison == "confirms"
    accept_claim(claim=claim, user=editor)
    activity = Activity.objects.get(slug="mexico-city-2013-20-years")
    assert claim.source in activity.sources.all()


def test_a_new_event_is_accepted_into_the_documents_one_partnership(db, editor):
    text = (
        "Berlin und Mexiko-Stadt sind seit dem 1. September 1993 städtepartnerschaftlich verbunden. "
        "Im März 2026 besuchte eine Delegation aus Berlin die Partnerstadt."
    ).encode()
    result = ingest_document(data=text, path="visit.txt")
    claim = next(c for c in result.claims if c.property == "event" and c.value["date"] == "2026-03")
    assert claim.comparison == "new"
    accept_claim(claim=claim, user=editor)
    activity = Activity.objects.get(partnership__slug="berlin-mexico-city", starts="2026-03")
    assert not activity.is_published and result.source in activity.sources.all()
    assert (
        activity.starts_on.isoformat() == "2026-03-01"
        and activity.ends_on.isoformat() == "2026-03-31"
    )


def test_an_event_of_a_document_about_several_partnerships_needs_a_choice(db, editor):
    result = ingest_document(data=LYON_TEXT, path="lyon.txt")
    event = next(c for c in result.claims if c.property == "event")
    with pytest.raises(ValidationError, match="Choose the partnership"):
        accept_claim(claim=event, user=editor)


def test_disagreements_name_the_count_and_the_missing_partner(seeds_dir, db):
    _ingest_seeds(seeds_dir)
    messages = [d.message for d in find_disagreements()]
    assert any(
        "17 in “City Partnerships” (en); 18 in “Städtepartnerschaften” (de)" in m for m in messages
    )
    assert any(
        m.startswith(
            "Kyiv is listed by “Städtepartnerschaften” (de) but missing from “City Partnerships” (en)"
        )
        for m in messages
    )


def test_disagreements_name_differing_dates_and_the_newer_source(seeds_dir, db):
    _ingest_seeds(seeds_dir)
    result = ingest_document(data=LYON_TEXT, path="lyon.txt")
    result.source.published_on = "2026-05-01"
    result.source.save()
    Source.objects.filter(key="berlin-mexico-city-de").update(published_on="2024")
    # The English overview is read from the Internet Archive's copy of 2013.
    Source.objects.filter(key="berlin-city-partnerships-en").update(published_on="2013")
    with translation.override("en"):
        found = [d for d in find_disagreements() if d.kind == "dates-differ"]
    assert len(found) == 1
    assert (
        "Mexico City" in found[0].message
        and "1 September 1993" in found[0].message
        and "1 September 1994" in found[0].message
    )
    assert found[0].label == "The sources give different start dates"
    assert found[0].newer == result.source


def test_ingest_command_prints_the_json_shape(seeds_dir, db, capsys):
    call_command(
        "ingest", str(seeds_dir / "001_e16d67338cf7bcad.txt"), "--dry-run", "--format", "json"
    )
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {
        "source",
        "home",
        "partnerships",
        "events",
        "counts",
        "organisations",
        "conflicts",
    }
    assert document["home"] == {"name": "Berlin", "country": "DE", "geonames_id": 2950159}
    assert {"city": "Los Angeles", "since": "1967-06-27", "precision": "day"}.items() <= document[
        "partnerships"
    ][0].items()
    assert document["counts"][0]["stated"] == 17


def test_ingest_command_names_bad_files_stores_the_good_and_fails(db, tmp_path, capsys):
    (tmp_path / "good.txt").write_bytes(LYON_TEXT)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(CommandError, match="3 document"):
        call_command("ingest", str(tmp_path))
    errors = capsys.readouterr().err
    for name in ["empty.txt", "binary.bin", "broken.pdf"]:
        assert name in errors
    assert Source.objects.filter(file_name="good.txt").exists()
    assert not Source.objects.filter(
        file_name__in=["empty.txt", "binary.bin", "broken.pdf"]
    ).exists()


def test_ingest_command_refuses_a_file_over_the_size_limit(db, tmp_path, capsys):
    (tmp_path / "big.txt").write_bytes(LYON_TEXT * 100)
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "big.txt"), "--max-bytes", "1000")
    assert "big.txt" in capsys.readouterr().err
    assert not Source.objects.filter(file_name="big.txt").exists()


def test_evaluate_command_prints_scores_and_the_baseline(seeds_dir, db, capsys):
    from tests.ingest.conftest import GOLD_DIR

    call_command("evaluate", str(GOLD_DIR / "seeds.json"))
    out = capsys.readouterr().out
    assert "partnerships" in out and "baseline" in out.lower() and "1.000" in out


def test_back_office_upload_and_review(seeds_dir, db, editor, client):
    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    _ingest_seeds(seeds_dir)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_claim", "view_claim"])
    )
    # Deciding also needs a reviewer's membership of the home the claims are about (Berlin).
    from citypartners.editors.services import grant_membership
    from citypartners.homes.models import Home
    from citypartners.jobs.worker import run_due_tasks

    grant_membership(user=editor, home=Home.objects.get(slug="berlin"), role="reviewer")

    client.force_login(editor)
    response = client.post(
        reverse("admin:sources_claim_upload"),
        {"document": SimpleUploadedFile("lyon.txt", LYON_TEXT)},
    )
    assert response.status_code == 302
    # ingested by a worker, not in the request: the editor sees it waiting, then the result
    assert not Source.objects.filter(file_name="lyon.txt").exists()
    waiting = client.get(response["Location"]).content.decode()
    assert "data-upload-pending" in waiting and "lyon.txt" in waiting
    assert run_due_tasks() == 1
    done = client.get(response["Location"]).content.decode()
    source = Source.objects.get(file_name="lyon.txt")
    review = reverse("admin:sources_claim_review_source", args=[source.pk])
    assert "data-upload-pending" not in done and f'href="{review}"' in done
    claim = Claim.objects.get(source__file_name="lyon.txt", value__city="Lyon")
    page = client.get(reverse("admin:sources_claim_review", args=[claim.pk])).content.decode()
    assert "<mark>" in page and "Lyon" in page
    response = client.post(
        reverse("admin:sources_claim_review", args=[claim.pk]), {"decision": "reject", "reason": ""}
    )
    assert "Say why" in response.content.decode() or "Begründ" in response.content.decode()
    client.post(reverse("admin:sources_claim_review", args=[claim.pk]), {"decision": "accept"})
    assert Partnership.objects.filter(partner__name_en="Lyon").exists()
    report = client.get(reverse("admin:sources_claim_disagreements")).content.decode()
    assert "unterschiedliche Anfangsdaten" in report and "Mexico City" in report
    empty = client.post(
        reverse("admin:sources_claim_upload"), {"document": SimpleUploadedFile("e.txt", b"")}
    )
    assert 'class="errorlist' in empty.content.decode()
    binary = client.post(
        reverse("admin:sources_claim_upload"),
        {"document": SimpleUploadedFile("b.bin", bytes(range(256)) * 4)},
    )
    run_due_tasks()
    refused = client.get(binary["Location"]).content.decode()
    assert "b.bin" in refused and "errornote" in refused
    assert not Source.objects.filter(file_name__in=["e.txt", "b.bin"]).exists()
