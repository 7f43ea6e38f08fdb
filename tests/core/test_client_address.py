"""The proxy-aware client address, and everything that keys on it (issue 13, item 1).

Behind the shipped nginx every request comes from 127.0.0.1; before this, every visitor was
that one address for the rate limits, the log-in lock-out and the audit log.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from citypartners.backoffice.models import AuditEvent
from citypartners.core.clientaddr import client_address
from citypartners.core.config import check_networks

PASSWORD = "the-right-long-passphrase"


def _address(settings, trusted, remote, forwarded=None) -> str:
    settings.CITYPARTNERS_TRUSTED_PROXIES = trusted
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_client_address_ignores_forwarded_for_by_default(settings):
    assert _address(settings, [], "127.0.0.1", "203.0.113.5") == "127.0.0.1"


def test_client_address_believes_a_trusted_proxy(settings):
    assert _address(settings, ["127.0.0.1"], "127.0.0.1", "203.0.113.5") == "203.0.113.5"


def test_client_address_takes_the_hop_the_trusted_proxy_saw_not_a_spoofed_one(settings):
    # The client sent "X-Forwarded-For: 198.51.100.1"; nginx appended the address it saw.
    spoofed = "198.51.100.1, 203.0.113.5"
    assert _address(settings, ["127.0.0.1"], "127.0.0.1", spoofed) == "203.0.113.5"


def test_client_address_walks_through_trusted_networks(settings):
    chain = "203.0.113.5, 10.1.2.3"  # client, then a load balancer in 10/8, then nginx
    assert _address(settings, ["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", chain) == "203.0.113.5"


def test_client_address_ignores_forwarded_for_from_an_untrusted_peer(settings):
    assert _address(settings, ["127.0.0.1"], "192.0.2.44", "203.0.113.5") == "192.0.2.44"


def test_client_address_survives_junk_and_ipv6(settings):
    assert _address(settings, ["127.0.0.1"], "127.0.0.1", "junk, [2001:db8::7]:443") == (
        "2001:db8::7"
    )
    assert _address(settings, ["127.0.0.1"], "127.0.0.1", "not-an-address") == "127.0.0.1"
    assert _address(settings, ["::1"], "::1", "2001:db8::9") == "2001:db8::9"


def test_trusted_proxies_setting_refuses_a_typo():
    assert check_networks("X", ["127.0.0.1", "10.0.0.0/8", "::1"]) == [
        "127.0.0.1",
        "10.0.0.0/8",
        "::1",
    ]
    with pytest.raises(SystemExit, match="not an IP address or network"):
        check_networks("X", ["127.0.0.l"])


def _behind_nginx(visitor: str) -> Client:
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=visitor)


@pytest.mark.django_db
def test_lockout_behind_the_proxy_locks_the_attacker_not_the_editor(settings):
    settings.CITYPARTNERS_TRUSTED_PROXIES = ["127.0.0.1"]
    User.objects.create_user("alice", "alice@example.org", PASSWORD, is_staff=True)
    attacker = _behind_nginx("198.51.100.66")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/backoffice/login/", {"username": "alice", "password": "wrong"})
    locked = attacker.post("/backoffice/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    editor = _behind_nginx("203.0.113.10")
    response = editor.post("/backoffice/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in editor.session


@pytest.mark.django_db
def test_audit_log_records_the_forwarded_client_address(settings):
    settings.CITYPARTNERS_TRUSTED_PROXIES = ["127.0.0.1"]
    User.objects.create_user("bob", "bob@example.org", PASSWORD, is_staff=True)
    _behind_nginx("203.0.113.77").post(
        "/backoffice/login/", {"username": "bob", "password": "wrong"}
    )
    assert list(AuditEvent.objects.values_list("ip_address", flat=True)) == ["203.0.113.77"]


@pytest.mark.django_db
def test_login_without_a_client_address_is_recorded_without_one(settings):
    """Log-ins made in code (the test client's `force_login`, a management command) carry no
    REMOTE_ADDR; the lock-out's address column is an IP, so "unknown" must not reach it
    (PostgreSQL refuses it)."""
    user = User.objects.create_user("carol", "carol@example.org", PASSWORD, is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get("/backoffice/").status_code == 200
