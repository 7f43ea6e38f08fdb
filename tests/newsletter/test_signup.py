"""Signing up, confirming and the consent log, through the public pages and a real SMTP server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from citypartners.jobs.worker import run_due_tasks
from citypartners.newsletter.enums import ConsentChannel, ConsentEvent, SubscriberStatus
from citypartners.newsletter.models import ConsentRecord, ConsentText, Subscriber
from citypartners.partnerships.models import Partnership, Topic
from tests.newsletter.helpers import signup_form

pytestmark = pytest.mark.django_db


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path


def _sign_up(client, email: str, language: str = "de", **extra):
    return client.post(
        _url("newsletter:subscribe", language), signup_form(email, language, **extra)
    )


@pytest.mark.parametrize(
    ("language", "path", "heading"),
    [("de", "/de/newsletter/", "Newsletter"), ("en", "/en/newsletter/", "Newsletter")],
)
def test_newsletter_page_has_post_form_with_email_field(client, language, path, heading):
    response = client.get(path)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f'<h1 class="kern-heading-x-large">{heading}</h1>' in html
    assert 'method="post"' in html
    assert 'type="email"' in html
    assert ConsentText.objects.current().text_de[:40] in html or (
        ConsentText.objects.current().text_en[:40] in html
    )


@pytest.mark.parametrize("path", ["/de/", "/en/", "/en/sources/", "/en/network/"])
def test_every_page_links_to_the_newsletter(client, path):
    html = client.get(path).content.decode()
    assert ">Newsletter</a>" in html
    assert 'href="/de/newsletter/"' in html or 'href="/en/newsletter/"' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_sign_up_sends_one_confirmation_mail_in_the_chosen_language(client, mailserver, language):
    response = _sign_up(client, "Ada@Example.org", language)
    assert response.status_code == 302
    assert response["Location"] == _url("newsletter:thanks", language)
    assert run_due_tasks() == 1
    [mail] = mailserver.messages
    assert mail.to == "ada@example.org"
    assert mail.message["Content-Language"] == language
    expected = {"de": "Bitte bestätigen Sie", "en": "Please confirm"}[language]
    assert mail.message["Subject"].startswith(expected)
    assert "List-Unsubscribe" not in mail.message  # not a newsletter yet
    [link] = mail.links()
    assert link.startswith("http://127.0.0.1:8000/" + language + "/")
    assert link in mail.html
    subscriber = Subscriber.objects.get(email="ada@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    # the link's secret is not stored anywhere in clear
    secret = _path(link).rstrip("/").rsplit("/", 1)[1]
    assert not subscriber.tokens.filter(token_hash=secret).exists()
    assert secret not in str(list(subscriber.tokens.values()))


def test_confirmation_link_works_when_followed(client, mailserver):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    topic = Topic.objects.order_by("slug").first()
    _sign_up(client, "grace@example.org", "en", partnerships=[partnership.pk], topics=[topic.pk])
    run_due_tasks()
    [link] = mailserver.messages[0].links()
    page = client.get(_path(link))
    assert "Confirm subscription" in page.content.decode()
    assert Subscriber.objects.get(email="grace@example.org").status == SubscriberStatus.PENDING
    done = client.post(_path(link))
    assert "Your subscription is confirmed" in done.content.decode()
    subscriber = Subscriber.objects.get(email="grace@example.org")
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert list(subscriber.partnerships.all()) == [partnership]
    assert list(subscriber.topics.all()) == [topic]
    events = list(subscriber.consent_records.values_list("event", "channel"))
    assert events == [
        (ConsentEvent.REQUESTED, ConsentChannel.WEB_FORM),
        (ConsentEvent.CONFIRMATION_SENT, ConsentChannel.SYSTEM),
        (ConsentEvent.CONFIRMED, ConsentChannel.CONFIRMATION_LINK),
    ]
    confirmed = subscriber.consent_records.get(event=ConsentEvent.CONFIRMED)
    assert confirmed.consent_text == ConsentText.objects.current()
    assert confirmed.interests == {"partnerships": ["berlin-mexico-city"], "topics": [topic.slug]}


def test_double_confirmation_changes_nothing_and_says_so(client, mailserver):
    _sign_up(client, "twice@example.org")
    run_due_tasks()
    [link] = mailserver.messages[0].links()
    client.post(_path(link))
    records = ConsentRecord.objects.filter(subscriber__email="twice@example.org").count()
    again = client.post(_path(link))
    assert "Bereits bestätigt" in again.content.decode()
    assert ConsentRecord.objects.filter(subscriber__email="twice@example.org").count() == records


def test_same_answer_for_known_and_unknown_addresses(client, mailserver):
    first = _sign_up(client, "known@example.org")
    run_due_tasks()
    [link] = mailserver.messages[0].links()
    client.post(_path(link))
    known = _sign_up(client, "known@example.org")
    unknown = _sign_up(client, "unknown@example.org")
    assert known.status_code == unknown.status_code == first.status_code == 302
    assert known["Location"] == unknown["Location"]
    page_known = client.get(known["Location"]).content
    page_unknown = client.get(unknown["Location"]).content
    assert page_known == page_unknown


def test_confirmed_address_signing_up_again_keeps_its_settings(client, mailserver):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    _sign_up(client, "keep@example.org", "en", partnerships=[partnership.pk])
    run_due_tasks()
    [link] = mailserver.messages[0].links()
    client.post(_path(link))
    _sign_up(client, "keep@example.org", "de")
    run_due_tasks()
    subscriber = Subscriber.objects.get(email="keep@example.org")
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.language == "en"
    assert list(subscriber.partnerships.all()) == [partnership]
    notice = mailserver.messages[-1]
    assert notice.message["Subject"] == "You already receive our newsletter"
    assert any("/preferences/" in u for u in notice.links())


def test_nothing_but_the_confirmation_goes_to_an_unconfirmed_address(client, mailserver):
    from citypartners.newsletter.models import Edition
    from citypartners.newsletter.services import send_edition

    _sign_up(client, "pending@example.org")
    run_due_tasks()
    edition = Edition.objects.create(subject_de="Ausgabe", subject_en="Edition")
    send_edition(edition=edition)
    run_due_tasks()
    assert [m.message["Subject"] for m in mailserver.to("pending@example.org")] == [
        "Bitte bestätigen Sie Ihr Newsletter-Abonnement"
    ]


def test_subscribe_box_on_partnership_page_preselects_the_partnership(client, mailserver):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    html = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert 'action="/en/newsletter/"' in html
    assert f'name="partnerships" value="{partnership.pk}"' in html
    assert 'type="email"' in html
    assert "/en/privacy/" in html
