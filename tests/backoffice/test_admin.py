"""The back office: groups with separate permissions, both languages side by side, history kept."""

import pytest
from django.contrib import admin
from django.urls import reverse
from reversion.models import Version

from citypartners.sources.models import Source


@pytest.mark.parametrize(
    ("permission", "editor_may", "reviewer_may", "administrator_may"),
    [
        ("partnerships.change_partnership", True, True, True),
        ("sources.add_claim", True, True, True),
        ("sources.change_claim", False, True, True),
        ("sources.add_source", True, True, True),
        ("sources.change_source", True, True, True),
        ("sources.delete_source", False, False, True),
        ("auth.change_user", False, False, True),
        ("backoffice.view_auditevent", False, False, True),
    ],
)
def test_each_group_has_its_own_permissions(
    db, request, permission, editor_may, reviewer_may, administrator_may
):
    roles = [
        ("editor", editor_may),
        ("reviewer", reviewer_may),
        ("administrator", administrator_may),
    ]
    for role, allowed in roles:
        user = request.getfixturevalue(role)
        assert user.has_perm(permission) is allowed, (role, permission)


def test_only_reviewers_decide_on_claims(client, editor, reviewer, seeds_dir):
    from citypartners.ingest.services import ingest_document

    path = seeds_dir / "001_e16d67338cf7bcad.txt"
    claim = ingest_document(data=path.read_bytes(), path=str(path)).claims[0]
    url = reverse("admin:sources_claim_review", args=[claim.pk])
    client.force_login(editor)
    assert client.get(reverse("admin:sources_claim_upload")).status_code == 200
    assert client.get(url).status_code == 403
    client.force_login(reviewer)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "editor_may"),
    [
        ("admin:partnerships_partnership_changelist", True),
        ("admin:partnerships_partnership_add", True),
        ("admin:activities_activity_add", True),
        ("admin:network_organisation_add", True),
        ("admin:places_place_add", True),
        ("admin:sources_source_changelist", True),
        ("admin:sources_source_add", True),
        ("admin:auth_user_changelist", False),
        ("admin:auth_group_changelist", False),
    ],
)
def test_editors_and_administrators_have_separate_permissions(
    client, editor, administrator, url_name, editor_may
):
    url = reverse(url_name)
    client.force_login(editor)
    assert (client.get(url).status_code == 200) is editor_may
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("admin:partnerships_partnership_changelist"))
    assert response.status_code == 302
    assert "/backoffice/login/" in response["Location"]


def test_change_form_shows_both_languages_side_by_side(editor_client):
    from citypartners.partnerships.models import Partnership

    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    html = editor_client.get(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    ).content.decode()
    assert 'name="description_de"' in html and 'name="description_en"' in html
    assert html.index('name="description_de"') < html.index('name="description_en"')
    assert "Berlin und Mexiko-Stadt arbeiten seit 1993" in html
    assert "Berlin and Mexico City have worked together as partner cities since 1993" in html


def test_every_list_can_be_searched_and_filtered():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"auth", "reversion"}:
            continue
        assert model_admin.search_fields, model
        if model._meta.model_name not in {"programme"}:
            assert model_admin.list_filter, model


def test_a_change_in_the_back_office_is_kept_with_who_when_and_what(editor_client, editor):
    source = Source.objects.get(key="dw-2023-09-14-berlin-kyiv")
    # sources are for administrators; give this editor the right to edit one to see history work
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="change_source"))
    url = reverse("admin:sources_source_change", args=[source.pk])
    form = {
        "key": source.key,
        "title": source.title,
        "language": source.language,
        "kind": "press_report",
        "publisher": "Deutsche Welle (DW)",
        "url": source.url,
        "published_on": "14.09.2023",
        "retrieved_on": ".".join(reversed(source.retrieved_on.isoformat().split("-"))),
        "file_name": "",
        "sha256": "",
        "is_public": "on",  # the form shows whether the source is public; it stays so
        "note_de": source.note_de,
        "note_en": source.note_en,
    }
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    source.refresh_from_db()
    assert source.publisher == "Deutsche Welle (DW)"
    assert source.published_on.isoformat() == "2023-09-14"
    version = Version.objects.get_for_object(source).first()
    assert version.revision.user == editor
    assert "Herausgeber" in version.revision.comment  # the change message names the field
    history = editor_client.get(
        reverse("admin:sources_source_history", args=[source.pk])
    ).content.decode()
    assert "editor" in history and "Herausgeber geändert" in history


def test_a_date_the_back_office_cannot_read_is_refused_with_a_clear_message(editor_client, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="change_source"))
    source = Source.objects.get(key="dw-2023-09-14-berlin-kyiv")
    form = {
        "key": source.key,
        "title": source.title,
        "language": "de",
        "kind": "press_report",
        "published_on": "31. Februar 2023",
        "note_de": "",
        "note_en": "",
    }
    response = editor_client.post(reverse("admin:sources_source_change", args=[source.pk]), form)
    assert response.status_code == 200
    assert "day 31 does not exist in 2023-02" in response.content.decode()
    source.refresh_from_db()
    assert source.published_on.isoformat() == "2023-09-14"
