"""Optional two-factor authentication for editors, and the audit log of log-ins."""

from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from citypartners.backoffice.models import AuditEvent

PASSWORD = "a-long-test-passphrase"


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _wait_out_throttling(device: TOTPDevice) -> None:
    """After a wrong code django-otp refuses codes for a while; stand in for that wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None, last_t=-1
    )
    device.refresh_from_db()


def _switch_on(client, user) -> TOTPDevice:
    page = client.get("/backoffice/two-factor/").content.decode()
    assert "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/backoffice/two-factor/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert (
        "The code is not right" in wrong.content.decode()
        or "Code ist nicht richtig" in wrong.content.decode()
    )
    _wait_out_throttling(device)
    client.post("/backoffice/two-factor/", {"token": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_editor_with_two_factor_needs_the_code_to_log_in(editor_client, editor):
    device = _switch_on(editor_client, editor)
    fresh = Client()
    without = fresh.post("/backoffice/login/", {"username": "editor", "password": PASSWORD})
    assert without.status_code == 200 and "_auth_user_id" not in fresh.session
    wrong = fresh.post(
        "/backoffice/login/", {"username": "editor", "password": PASSWORD, "otp_token": "12345x"}
    )
    assert "_auth_user_id" not in fresh.session
    assert wrong.content.decode().count("errornote") == 1
    _wait_out_throttling(device)
    right = fresh.post(
        "/backoffice/login/",
        {"username": "editor", "password": PASSWORD, "otp_token": _code(device)},
    )
    assert right.status_code == 302 and fresh.session["_auth_user_id"] == str(editor.pk)
    assert "otp_device_id" in fresh.session


def test_an_editor_without_two_factor_logs_in_with_the_password(db, editor):
    client = Client()
    response = client.post("/backoffice/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(editor.pk)


def test_switching_off_needs_a_current_code(editor_client, editor):
    device = _switch_on(editor_client, editor)
    editor_client.post(
        "/backoffice/two-factor/", {"token": "999999" if _code(device) != "999999" else "888888"}
    )
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    _wait_out_throttling(device)
    editor_client.post("/backoffice/two-factor/", {"token": _code(device)})
    assert not TOTPDevice.objects.filter(user=editor).exists()
    kinds = list(AuditEvent.objects.filter(user=editor).values_list("kind", flat=True))
    assert "2fa_enabled" in kinds and "2fa_disabled" in kinds


def test_logins_failures_and_logouts_are_audited(db, editor):
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.post("/backoffice/login/", {"username": "editor", "password": "wrong"})
    client.post("/backoffice/login/", {"username": "editor", "password": PASSWORD})
    client.post("/backoffice/logout/")
    events = list(
        AuditEvent.objects.order_by("at", "pk").values_list("kind", "username", "ip_address")
    )
    assert events == [
        ("login_failed", "editor", "192.0.2.7"),
        ("login", "editor", "192.0.2.7"),
        ("logout", "editor", "192.0.2.7"),
    ]


def test_the_audit_log_is_for_administrators_and_read_only(client, editor, administrator):
    AuditEvent.objects.create(kind="login", username="someone")
    client.force_login(editor)
    assert client.get("/backoffice/backoffice/auditevent/").status_code == 403
    client.force_login(administrator)
    page = client.get("/backoffice/backoffice/auditevent/")
    assert page.status_code == 200 and "someone" in page.content.decode()
    assert client.get("/backoffice/backoffice/auditevent/add/").status_code == 403
    assert User.objects.filter(username="administrator").exists()
