"""Bad input and abuse: each case gets a clear page and changes nothing it should not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from citypartners.jobs.worker import run_due_tasks
from citypartners.newsletter import links, services
from citypartners.newsletter.enums import ConsentChannel, SubscriberStatus
from citypartners.newsletter.models import ConsentRecord, ConsentText, Subscriber
from tests.newsletter.helpers import make_subscriber, signup_form

pytestmark = pytest.mark.django_db


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(
    "email",
    [
        "not-an-address",
        "two@@example.org",
        "a@b",
        "victim@example.org\r\nBcc: everyone@example.org",
        "victim@example.org\nSubject: spam",
        "x" * 250 + "@example.org",
        "",
    ],
)
def test_malformed_or_injected_address_is_refused_with_the_form_again(client, email):
    response = client.post(_url("newsletter:subscribe"), signup_form(email))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please check your entries" in html
    assert 'aria-invalid="true"' in html
    assert Subscriber.objects.count() == 0
    assert not DBTaskResult.objects.exists()


def test_sign_up_without_consent_is_refused(client):
    response = client.post(_url("newsletter:subscribe"), signup_form("a@example.org", consent=""))
    assert "Please agree to the consent text to subscribe." in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_unknown_consent_version_is_refused(client):
    response = client.post(
        _url("newsletter:subscribe"), signup_form("a@example.org", consent_version="999")
    )
    assert "The consent text has changed" in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_oversized_body_fields_are_refused(client):
    response = client.post(
        _url("newsletter:subscribe"), signup_form("a@example.org", language="x" * 10000)
    )
    assert response.status_code == 400
    assert Subscriber.objects.count() == 0


def test_honeypot_gets_the_normal_answer_and_nothing_happens(client):
    response = client.post(
        _url("newsletter:subscribe"), signup_form("bot@example.org", website="x")
    )
    assert response["Location"] == _url("newsletter:thanks")
    assert Subscriber.objects.count() == 0
    assert not DBTaskResult.objects.exists()


def test_rate_limit_per_email_gives_a_polite_429(client, settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL = 2
    for _ in range(2):
        assert (
            client.post(_url("newsletter:subscribe"), signup_form("flood@example.org")).status_code
            == 302
        )
    response = client.post(_url("newsletter:subscribe"), signup_form("flood@example.org"))
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.CITYPARTNERS_RATE_WINDOW)
    assert "Please wait a little" in response.content.decode()
    assert (
        DBTaskResult.objects.filter(
            task_path="citypartners.newsletter.tasks.send_confirmation"
        ).count()
        == 2
    )


def test_rate_limit_per_client_address(client, settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT = 3
    answers = [
        client.post(_url("newsletter:subscribe"), signup_form(f"p{n}@example.org")).status_code
        for n in range(4)
    ]
    assert answers == [302, 302, 302, 429]
    other = client.post(
        _url("newsletter:subscribe"), signup_form("q@example.org"), REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302


@pytest.mark.parametrize("token", ["nonsense", "A" * 43, "x" * 5000])
def test_tampered_confirmation_token_gets_a_clear_page(client, token):
    make_subscriber(email="p@example.org", status=SubscriberStatus.PENDING, confirmed_at=None)
    for method in (client.get, client.post):
        response = method(_url("newsletter:confirm", token=token))
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.get(email="p@example.org").status == SubscriberStatus.PENDING


def _pending_with_link(mailserver, client, email="e@example.org"):
    client.post(_url("newsletter:subscribe"), signup_form(email))
    run_due_tasks()
    [link] = mailserver.to(email)[-1].links()
    return link.split("8000", 1)[1]


def test_expired_confirmation_link_changes_nothing(client, mailserver, settings):
    path = _pending_with_link(mailserver, client)
    subscriber = Subscriber.objects.get(email="e@example.org")
    subscriber.tokens.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_replayed_older_link_after_confirmation_changes_nothing(client, mailserver):
    old = _pending_with_link(mailserver, client, "n@example.org")
    new = _pending_with_link(mailserver, client, "n@example.org")
    assert old != new
    assert "Your subscription is confirmed" in client.post(new).content.decode()
    records = ConsentRecord.objects.filter(subscriber__email="n@example.org").count()
    replay = client.post(old)
    assert "Already confirmed" in replay.content.decode()
    assert ConsentRecord.objects.filter(subscriber__email="n@example.org").count() == records


def test_link_used_after_unsubscribing_does_not_resubscribe(client, mailserver):
    path = _pending_with_link(mailserver, client, "u@example.org")
    subscriber = Subscriber.objects.get(email="u@example.org")
    services.unsubscribe(subscriber=subscriber, channel=ConsentChannel.UNSUBSCRIBE_PAGE)
    response = client.post(path)
    assert "This link is not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


@pytest.mark.parametrize("salt", [links.UNSUBSCRIBE_SALT, links.PREFERENCES_SALT])
def test_tampered_signed_links_change_nothing(client, salt):
    reader = make_subscriber(email="s@example.org")
    good = links.sign(reader.public_id, salt=salt)
    other = make_subscriber(email="t@example.org")
    forged = f"{other.public_id}:{good.split(':', 1)[1]}"
    wrong_purpose = links.sign(
        reader.public_id,
        salt=links.PREFERENCES_SALT if salt == links.UNSUBSCRIBE_SALT else links.UNSUBSCRIBE_SALT,
    )
    name = "newsletter:unsubscribe" if salt == links.UNSUBSCRIBE_SALT else "newsletter:preferences"
    for token in (forged, wrong_purpose, good[:-3] + "abc", "garbage"):
        response = client.post(_url(name, token=token), {"language": "de"})
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    for subscriber in (reader, other):
        subscriber.refresh_from_db()
        assert (subscriber.status, subscriber.language) == (SubscriberStatus.CONFIRMED, "de")


def test_link_of_an_erased_subscriber_is_dead(client):
    reader = make_subscriber(email="erase@example.org")
    token = links.sign(reader.public_id, salt=links.UNSUBSCRIBE_SALT)
    services.erase_subscriber(subscriber=reader, by="test")
    response = client.post(_url("newsletter:unsubscribe", token=token))
    assert response.status_code == 404
    assert not Subscriber.objects.filter(email="erase@example.org").exists()


def test_consent_log_refuses_updates_in_the_database():
    reader = make_subscriber(email="log@example.org")
    services.unsubscribe(subscriber=reader, channel=ConsentChannel.UNSUBSCRIBE_PAGE)
    record = ConsentRecord.objects.get(subscriber=reader)
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).update(note="rewritten")
    record.refresh_from_db()
    assert record.note == ""


def test_purge_deletes_only_old_unconfirmed_sign_ups():
    old = timezone.now() - dt.timedelta(days=30)
    make_subscriber(
        email="old@example.org",
        status=SubscriberStatus.PENDING,
        confirmed_at=None,
        requested_at=old,
    )
    make_subscriber(email="new@example.org", status=SubscriberStatus.PENDING, confirmed_at=None)
    make_subscriber(email="kept@example.org", requested_at=old)
    assert services.purge_unconfirmed() == 1
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "kept@example.org",
        "new@example.org",
    ]


def test_export_holds_everything_stored_about_the_address(client, mailserver):
    path = _pending_with_link(mailserver, client, "me@example.org")
    client.post(path)
    data = services.export_subscriber_data(
        subscriber=Subscriber.objects.get(email="me@example.org")
    )
    assert data["email"] == "me@example.org"
    assert data["status"] == "confirmed"
    assert [e["event"] for e in data["consent_log"]] == [
        "requested",
        "confirmation_sent",
        "confirmed",
    ]
    assert (
        data["consent_log"][0]["consent_text"]["version"] == ConsentText.objects.current().version
    )
    assert data["consent_log"][0]["consent_text"]["en"].startswith("Yes, I would like")
