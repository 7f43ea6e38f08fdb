"""When reviewers decide what a home submitted, the home's office and the editor who submitted
it get a mail in the home's language: what was decided, and why for a rejection. Decisions are
told once, batched per mail; documents no home submitted mail nobody."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from citypartners.backoffice.roles import EDITORS, NATIONAL, REVIEWERS
from citypartners.core.dates import PartialDate
from citypartners.editors.services import record_submission, register_partnership
from citypartners.homes.enums import HomeKind
from citypartners.jobs.worker import run_due_tasks
from citypartners.network.models import Organisation
from citypartners.sources.enums import ReviewStatus
from tests.conftest import make_staff
from tests.editors.test_review_scope import make_claim
from tests.factories import make_city, make_home, make_source

OFFICE = "partnerschaften@musterstadt.example"
REASON = "Die Urkunde nennt einen anderen Partner."


@pytest.fixture
def town(db):
    place = make_city(slug="musterstadt", name_de="Musterstadt", name_en="Model Town",
                      country_code="DE")  # fmt: skip
    office = Organisation.objects.create(
        slug="musterstadt-buero", name="Büro für Städtepartnerschaften", kind="government",
        email=OFFICE,
    )  # fmt: skip
    return make_home(place=place, kind=HomeKind.MUNICIPALITY, slug="musterstadt", office=office)


@pytest.fixture
def town_editor(town):
    return make_staff("musterstadt-editor", EDITORS, home=town)


@pytest.fixture
def national_reviewer(db):
    user = make_staff("national-reviewer", REVIEWERS)
    user.groups.add(Group.objects.get(name=NATIONAL))
    return user


def _register(town, editor, city: str = "Lyon"):
    return register_partnership(
        home=town, user=editor, kind="city_partnership", since=PartialDate.from_iso("1990"),
        partner_name=city, partner_country="FR", title=f"Ratsbeschluss {city}",
        url=f"https://musterstadt.example/{city.lower()}",
    )  # fmt: skip


def _decide(client, claim, decision: str, reason: str = ""):
    url = reverse("admin:sources_claim_review", args=[claim.pk])
    return client.post(url, {"decision": decision, "reason": reason})


def test_rejection_mails_office_and_editor_with_the_reason_in_german(
    client, town, town_editor, national_reviewer, mailoutbox
):
    claim = _register(town, town_editor)
    client.force_login(national_reviewer)
    assert _decide(client, claim, "reject", REASON).status_code == 302
    assert mailoutbox == []  # sent by the worker, not in the request
    run_due_tasks()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([OFFICE, town_editor.email])
    for message in mailoutbox:
        assert message.extra_headers["Content-Language"] == "de"
        assert message.subject == "Prüfung von „Ratsbeschluss Lyon“: 1 abgelehnt"
        assert "Musterstadt – Lyon, Partnerstädte seit 1990: abgelehnt." in message.body
        assert f"Begründung: {REASON}" in message.body
        html = message.alternatives[0][0]
        assert '<html lang="de">' in html and REASON in html
        assert f"/sources/claim/source/{claim.source_id}/" in message.body


def test_acceptance_is_told_in_english_when_that_is_the_homes_language(
    client, town, town_editor, national_reviewer, mailoutbox
):
    town.language = "en"
    town.save()
    claim = _register(town, town_editor)
    client.force_login(national_reviewer)
    assert _decide(client, claim, "accept").status_code == 302
    run_due_tasks()
    assert len(mailoutbox) == 2
    message = mailoutbox[0]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == "Review of “Ratsbeschluss Lyon”: 1 accepted"
    assert "Model Town – Lyon, partners since 1990: accepted." in message.body
    assert "Reason" not in message.body


def test_a_rejection_without_reason_is_refused_and_mails_nothing(
    client, town, town_editor, national_reviewer, mailoutbox
):
    claim = _register(town, town_editor)
    client.force_login(national_reviewer)
    response = _decide(client, claim, "reject", "  ")
    assert response.status_code == 200  # the form again, with the error
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.PENDING
    run_due_tasks()
    assert mailoutbox == []


def test_decisions_taken_in_a_row_come_in_one_mail_and_are_told_once(
    client, town, town_editor, national_reviewer, mailoutbox
):
    source = make_source(is_public=False, title="Partnerschaftsliste")
    record_submission(source_id=source.pk, home_id=town.pk, user_id=town_editor.pk, upload=True)
    lyon = make_claim(source, home_slug=town.place.slug, city="Lyon")
    nantes = make_claim(source, home_slug=town.place.slug, city="Nantes")
    waiting = make_claim(source, home_slug=town.place.slug, city="Brest")
    client.force_login(national_reviewer)
    assert _decide(client, lyon, "reject", REASON).status_code == 302
    assert _decide(client, nantes, "reject", "Kein Beleg").status_code == 302
    run_due_tasks()
    assert len(mailoutbox) == 2  # one each for the office and the editor, both decisions in it
    body = mailoutbox[0].body
    assert "Lyon" in body and "Nantes" in body and "Brest" not in body
    assert "Eine weitere Angabe wartet" in body
    assert mailoutbox[0].subject.endswith(": 2 abgelehnt")
    assert _decide(client, waiting, "reject", "Doppelt").status_code == 302
    run_due_tasks()
    assert len(mailoutbox) == 4
    assert "Brest" in mailoutbox[2].body and "Lyon" not in mailoutbox[2].body


def test_claims_of_documents_no_home_submitted_mail_nobody(client, reviewer, mailoutbox):
    claim = make_claim(make_source(is_public=False), home_slug="berlin", city="Lyon")
    client.force_login(reviewer)
    assert _decide(client, claim, "reject", REASON).status_code == 302
    run_due_tasks()
    assert mailoutbox == []


def test_a_home_without_an_office_address_still_tells_its_editor(
    client, town, town_editor, national_reviewer, mailoutbox
):
    town.office.email = ""
    town.office.save()
    claim = _register(town, town_editor)
    client.force_login(national_reviewer)
    _decide(client, claim, "reject", REASON)
    run_due_tasks()
    assert [m.to for m in mailoutbox] == [[town_editor.email]]
