"""Saving an unchanged back-office form writes nothing: no record, no history row, no log entry;
line endings typed in a browser (CRLF) are stored as LF."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership, StatusChange
from tests.adminforms import form_values


def _post_as_shown(client, url: str, change=None):
    html = client.get(url).content.decode()
    data = form_values(html)
    if change:
        change(data)
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return data


@pytest.mark.parametrize(
    ("model", "key", "url_name"),
    [
        (Partnership, "berlin-mexico-city", "admin:partnerships_partnership_change"),
        (Activity, None, "admin:activities_activity_change"),
    ],
)
def test_saving_unchanged_form_writes_nothing(editor_client, model, key, url_name):
    obj = model.objects.get(slug=key) if key else model.objects.exclude(description_en="").first()
    url = reverse(url_name, args=[obj.pk])
    versions, log = Version.objects.count(), LogEntry.objects.count()
    stamp = obj.modified_at
    data = _post_as_shown(editor_client, url)
    assert any("\r\n" in value for value in data.values() if isinstance(value, str)), (
        "test set-up: the form should hold a multi-line text sent with CRLF"
    )
    obj.refresh_from_db()
    assert obj.modified_at == stamp
    assert Version.objects.count() == versions
    assert LogEntry.objects.count() == log


def test_crlf_is_stored_as_lf(editor_client):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])

    def change(data):
        data["description_en"] = "First paragraph.\r\n\r\nSecond paragraph.\rThird line."

    _post_as_shown(editor_client, url, change)
    partnership.refresh_from_db()
    assert partnership.description_en == "First paragraph.\n\nSecond paragraph.\nThird line."
    versions = Version.objects.get_for_object(partnership).count()
    _post_as_shown(editor_client, url)  # saved again without a change: no new history row
    assert Version.objects.get_for_object(partnership).count() == versions


def test_changed_inline_row_alone_is_saved_and_recorded(editor_client):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    first = partnership.status_changes.order_by("position").first()
    versions = Version.objects.get_for_object(partnership).count()

    def change(data):
        data["status_changes-0-note_en"] = "Changed note\r\nover two lines"

    _post_as_shown(editor_client, url, change)
    assert StatusChange.objects.get(pk=first.pk).note_en == "Changed note\nover two lines"
    assert Version.objects.get_for_object(partnership).count() == versions + 1
