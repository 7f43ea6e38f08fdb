"""Two-factor authentication can be required for every back-office account, with backup codes;
the first administrator (`createeditor --admin`) must always set it up before using the back
office."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.backoffice.test_two_factor_and_audit import PASSWORD, _code

SETUP = "/backoffice/two-factor/"


def _set_up(client, user) -> list[str]:
    """Set up an authenticator the way a person does; returns the backup codes shown."""
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"token": _code(device)}, follow=True)
    assert response.status_code == 200
    codes = re.findall(r"\b[a-z0-9]{8}\b", response.content.decode())
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10
    shown = {code for code in codes if code in stored}
    assert shown == stored  # every backup code is shown once, right after the set-up
    return sorted(shown)


@pytest.fixture
def required(settings):
    settings.CITYPARTNERS_REQUIRE_TWO_FACTOR = True


def test_required_two_factor_sends_an_account_without_it_to_set_up(required, editor_client, editor):
    for url in ("/backoffice/", "/backoffice/partnerships/partnership/"):
        response = editor_client.get(url)
        assert response.status_code == 302 and response["Location"] == SETUP, url
    response = editor_client.post("/backoffice/partnerships/partnership/add/", {})
    assert response.status_code == 302 and response["Location"] == SETUP
    _set_up(editor_client, editor)
    assert editor_client.get("/backoffice/").status_code == 200


def test_not_required_by_default(editor_client):
    assert editor_client.get("/backoffice/").status_code == 200


def test_a_backup_code_logs_in_once(required, editor_client, editor):
    _set_up(editor_client, editor)
    code = StaticToken.objects.filter(device__user=editor).first().token
    fresh = Client()
    fields = {"username": "editor", "password": PASSWORD, "otp_token": code}
    assert fresh.post("/backoffice/login/", fields).status_code == 302
    assert fresh.get("/backoffice/").status_code == 200
    again = Client()
    again.post("/backoffice/login/", fields)
    assert "_auth_user_id" not in again.session


def test_required_two_factor_cannot_be_switched_off(required, editor_client, editor):
    _set_up(editor_client, editor)
    device = TOTPDevice.objects.get(user=editor)
    device.last_t = -1
    device.save()
    editor_client.post(SETUP, {"token": _code(device)})
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_first_administrator_must_set_up_two_factor(db, monkeypatch, capsys):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "correct horse battery staple")
    call_command("createeditor", "bob", "--admin")
    assert "Two-factor authentication is required" in capsys.readouterr().out
    client = Client()
    fields = {"username": "bob", "password": "correct horse battery staple"}
    assert client.post("/backoffice/login/", fields).status_code == 302
    response = client.get("/backoffice/auth/user/")
    assert response.status_code == 302 and response["Location"] == SETUP
    _set_up(client, User.objects.get(username="bob"))
    assert client.get("/backoffice/auth/user/").status_code == 200


def test_the_log_in_page_asks_for_the_one_time_code(db):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/backoffice/login/").content.decode()
    field = re.search(r"<input[^>]*name=\"otp_token\"[^>]*>", page)
    assert field is not None and 'autocomplete="one-time-code"' in field.group()
    assert 'aria-describedby="id_otp_token_helptext"' in field.group()
    assert 'id="id_otp_token_helptext"' in page and "backup codes" in page
    assert '<label for="id_otp_token">' in page
