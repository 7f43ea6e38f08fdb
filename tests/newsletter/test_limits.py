"""Sign-up limits behind the proxy and per mailbox, however the mailbox is spelled (issue 13)."""

from __future__ import annotations

import pytest
from django.test import Client

from citypartners.messaging.limits import normalise_mailbox
from citypartners.newsletter.enums import ConsentEvent
from citypartners.newsletter.models import ConsentRecord
from tests.newsletter.helpers import signup_form, signup_url

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "victim@example.org",
    "Victim@Example.ORG",
    "victim+1@example.org",
    "victim+news@example.org",
    '"victim"@example.org',
    '"VICTIM+2"@example.org',
    "vIcTiM+4@example.org",
    "VICTIM+3@EXAMPLE.org",
]
IDN_SPELLINGS = ["anna@bücher.example", "ANNA+x@xn--bcher-kva.example", "anna@BÜCHER.example"]


def test_normalise_mailbox_gives_one_spelling_per_mailbox():
    assert {normalise_mailbox(spelling) for spelling in SPELLINGS} == {"victim@example.org"}
    assert {normalise_mailbox(spelling) for spelling in IDN_SPELLINGS} == {
        "anna@xn--bcher-kva.example"
    }
    assert normalise_mailbox("other@example.org") != normalise_mailbox("victim@example.org")


def test_eight_spellings_of_one_mailbox_ask_for_at_most_the_limit_of_mails(settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL = 3
    answers = [
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(signup_url(), signup_form(spelling)).status_code
        for n, spelling in enumerate(SPELLINGS, start=10)
    ]
    assert answers == [302, 302, 302] + [429] * 5
    assert ConsentRecord.objects.filter(event=ConsentEvent.REQUESTED).count() == 3


def test_idn_spellings_share_one_limit(settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL = 1
    answers = [Client().post(signup_url(), signup_form(s)).status_code for s in IDN_SPELLINGS]
    assert answers == [302, 429, 429]


def test_visitors_behind_the_proxy_are_counted_apart(settings):
    settings.CITYPARTNERS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT = 2
    answers = [
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        .post(signup_url(), signup_form(f"reader{n}@example.org"))
        .status_code
        for n in range(5)
    ]
    assert answers == [302] * 5
    same = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99")
    repeated = [
        same.post(signup_url(), signup_form(f"x{n}@example.org")).status_code for n in range(3)
    ]
    assert repeated == [302, 302, 429]
