"""Editors scoped to homes in the back office: by address, by POST and through the forms.

An editor of Reinickendorf edits Reinickendorf's partnerships and nothing else; the State's
editors (Berlin) edit the boroughs' too; national administrators edit everything.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership
from tests.adminforms import form_values
from tests.factories import make_activity


def change_url(partnership: Partnership) -> str:
    return reverse("admin:partnerships_partnership_change", args=[partnership.pk])


def test_borough_editor_gets_403_on_another_boroughs_partnership_by_url(borough_client, boroughs):
    response = borough_client.get(change_url(boroughs.other))
    assert response.status_code == 403
    assert "Siegburg-Test" not in response.content.decode()


def test_borough_editor_gets_403_posting_to_another_boroughs_partnership(
    borough_client, boroughs, administrator
):
    # The form as a national administrator sees it, with a new summary, posted by the borough's
    # editor straight to the other borough's partnership.
    national = Client()
    national.force_login(administrator)
    data = form_values(national.get(change_url(boroughs.other)).content.decode())
    data["summary_en"] = "Taken over by Reinickendorf"
    response = borough_client.post(change_url(boroughs.other), data)
    assert response.status_code == 403
    boroughs.other.refresh_from_db()
    assert boroughs.other.summary_en != "Taken over by Reinickendorf"


@pytest.mark.parametrize("view", ["delete", "history"])
def test_borough_editor_gets_403_on_another_boroughs_delete_and_history(
    borough_client, boroughs, view
):
    url = reverse(f"admin:partnerships_partnership_{view}", args=[boroughs.other.pk])
    assert borough_client.get(url).status_code == 403
    assert borough_client.post(url, {"post": "yes"}).status_code == 403
    assert Partnership.objects.filter(pk=boroughs.other.pk).exists()


def test_borough_editor_edits_own_partnership_through_the_form(borough_client, boroughs):
    url = change_url(boroughs.own)
    page = borough_client.get(url)
    assert page.status_code == 200 and "Antony-Test" in page.content.decode()
    data = form_values(page.content.decode())
    data["summary_en"] = "Reinickendorf and Antony since 1966"
    response = borough_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    boroughs.own.refresh_from_db()
    assert boroughs.own.summary_en == "Reinickendorf and Antony since 1966"


def test_borough_editor_cannot_move_own_partnership_to_another_borough(borough_client, boroughs):
    url = change_url(boroughs.own)
    data = form_values(borough_client.get(url).content.decode())
    data["home"] = str(boroughs.spandau.place_id)  # tampered: the form never offers Spandau
    response = borough_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "gültige Auswahl" in (
        response.content.decode()
    )
    boroughs.own.refresh_from_db()
    assert boroughs.own.home_id == boroughs.reinickendorf.place_id


def test_borough_editor_cannot_add_a_partnership_for_another_borough(borough_client, boroughs):
    page = borough_client.get(reverse("admin:partnerships_partnership_add"))
    data = form_values(page.content.decode())
    partner = boroughs.other.partner
    data.update(kind="borough_partnership", operator="borough", partner=str(partner.pk))
    data["home"] = str(boroughs.spandau.place_id)
    response = borough_client.post(reverse("admin:partnerships_partnership_add"), data)
    assert response.status_code == 200
    assert (
        not Partnership.objects.filter(
            home=boroughs.spandau.place, partner=partner, kind="borough_partnership"
        )
        .exclude(pk=boroughs.other.pk)
        .exists()
    )
    # The same form for its own borough is saved.
    data["home"] = str(boroughs.reinickendorf.place_id)
    response = borough_client.post(reverse("admin:partnerships_partnership_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Partnership.objects.filter(home=boroughs.reinickendorf.place, partner=partner).exists()


def test_home_choices_list_only_the_editors_homes(borough_client, boroughs):
    url = reverse("admin:autocomplete")
    params = {"app_label": "partnerships", "model_name": "partnership", "field_name": "home"}
    results = borough_client.get(url, {**params, "term": ""}).json()["results"]
    assert [r["id"] for r in results] == [str(boroughs.reinickendorf.place_id)]
    # The partner is any place.
    params["field_name"] = "partner"
    found = borough_client.get(url, {**params, "term": "Siegburg-Test"}).json()["results"]
    assert [r["text"] for r in found] == ["Siegburg-Test"]


def test_borough_editor_sees_only_own_records_in_lists(borough_client, boroughs):
    changelist = reverse("admin:partnerships_partnership_changelist")
    page = borough_client.get(changelist, {"q": "Test"}).content.decode()
    assert "Antony-Test" in page
    assert "Siegburg-Test" not in page and "Paris" not in page
    make_activity(partnership=boroughs.own, title_en="Antony visit", title_de="Besuch Antony")
    make_activity(partnership=boroughs.other, title_en="Siegburg visit", title_de="Siegburg-Test")
    activities = borough_client.get(reverse("admin:activities_activity_changelist")).content
    assert "Antony visit" in activities.decode() or "Besuch Antony" in activities.decode()
    assert "Siegburg visit" not in activities.decode() and "Siegburg<" not in activities.decode()


def test_borough_editor_gets_403_on_another_boroughs_activity(borough_client, boroughs):
    activity = make_activity(partnership=boroughs.other)
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    assert borough_client.get(url).status_code == 403
    assert borough_client.post(url, {"title_en": "x"}).status_code == 403
    assert Activity.objects.get(pk=activity.pk).title_en == activity.title_en


def test_activity_partnership_choices_are_the_editors(borough_client, boroughs):
    response = borough_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "activities", "model_name": "activity", "field_name": "partnership"},
    )
    found = {int(r["id"]) for r in response.json()["results"]}
    assert boroughs.own.pk in found and boroughs.other.pk not in found
    homes = set(Partnership.objects.filter(pk__in=found).values_list("home_id", flat=True))
    assert homes == {boroughs.reinickendorf.place_id}


def test_state_editor_edits_a_boroughs_partnership(editor_client, boroughs):
    url = change_url(boroughs.other)
    page = editor_client.get(url)
    assert page.status_code == 200
    data = form_values(page.content.decode())
    data["summary_en"] = "Checked by the State"
    assert editor_client.post(url, data).status_code == 302
    boroughs.other.refresh_from_db()
    assert boroughs.other.summary_en == "Checked by the State"
    changelist = reverse("admin:partnerships_partnership_changelist")
    listed = editor_client.get(changelist, {"q": "Test"}).content.decode()
    assert "Antony-Test" in listed and "Siegburg-Test" in listed


def test_national_group_edits_everything(client, boroughs):
    from django.contrib.auth.models import Group

    from citypartners.backoffice.roles import EDITORS, NATIONAL
    from tests.conftest import make_staff

    national = make_staff("national-editor", EDITORS, home=boroughs.spandau)
    national.groups.add(Group.objects.get(name=NATIONAL))
    client.force_login(national)
    for partnership in (boroughs.own, boroughs.other, boroughs.state_partnership):
        assert client.get(change_url(partnership)).status_code == 200


@pytest.mark.parametrize(
    ("who", "own", "other", "state"),
    [
        ("borough", True, False, False),
        ("state", True, True, True),
        ("administrator", True, True, True),
    ],
)
def test_object_permissions_follow_the_homes(
    request, boroughs, borough_editor, who, own, other, state
):
    user = {
        "borough": borough_editor,
        "state": request.getfixturevalue("editor"),
        "administrator": request.getfixturevalue("administrator"),
    }[who]
    for partnership, allowed in [
        (boroughs.own, own),
        (boroughs.other, other),
        (boroughs.state_partnership, state),
    ]:
        for action in ("view", "change", "delete"):
            perm = f"partnerships.{action}_partnership"
            assert user.has_perm(perm, partnership) is allowed, (who, partnership, action)
        status_change = partnership.status_changes.first()
        assert user.has_perm("partnerships.change_statuschange", status_change) is allowed


def test_borough_editor_may_not_change_shared_records(borough_client, boroughs):
    paris = boroughs.state_partnership.partner
    url = reverse("admin:places_place_change", args=[paris.pk])
    page = borough_client.get(url)
    assert page.status_code == 200  # read-only: places are everyone's
    assert 'name="name_en"' not in page.content.decode()
    assert borough_client.post(url, {"name_en": "Lutetia"}).status_code == 403
    paris.refresh_from_db()
    assert paris.name_en != "Lutetia"


def test_any_editor_adds_a_partner_city(borough_client, boroughs):
    from citypartners.places.models import Place

    url = reverse("admin:places_place_add")
    data = form_values(borough_client.get(url).content.decode())
    data.update(kind="city", name_en="Nanterre", name_de="Nanterre", country_code="FR")
    response = borough_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Place.objects.filter(name_en="Nanterre").exists()


def test_a_source_a_borough_editor_adds_is_its_homes(borough_client, boroughs):
    from citypartners.editors.models import Submission
    from citypartners.sources.models import Source

    url = reverse("admin:sources_source_add")
    data = form_values(borough_client.get(url).content.decode())
    data.update(title="Bezirksamt: Antony", language="de", kind="official_page")
    data["url"] = "https://reinickendorf.example/antony"
    response = borough_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get(title="Bezirksamt: Antony")
    assert Submission.objects.get(source=source).home == boroughs.reinickendorf
    change = reverse("admin:sources_source_change", args=[source.pk])
    assert borough_client.get(change).status_code == 200
    # Not another borough's: Spandau's editor neither sees nor changes it.
    from tests.conftest import make_staff

    borough_client.force_login(make_staff("spandau-editor", "editors", home=boroughs.spandau))
    assert borough_client.get(change).status_code == 403
    listed = borough_client.get(reverse("admin:sources_source_changelist"), {"q": "Bezirksamt"})
    assert "Bezirksamt: Antony" not in listed.content.decode()


def test_superusers_still_may_delete_claims(admin_user, reviewer, boroughs):
    from citypartners.sources.models import Claim
    from tests.factories import make_source

    claim = Claim.objects.create(
        source=make_source(), subject="x", property="count", value={}, evidence_start=0,
        evidence_end=1, evidence_text="x",
    )  # fmt: skip
    assert admin_user.has_perm("sources.delete_claim", claim)
    assert not reviewer.has_perm("sources.delete_claim", claim)
