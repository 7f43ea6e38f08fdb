"""Mails in the site's design and language, from a named sender, with a Message-ID of the
site's own domain (issue 14)."""

from __future__ import annotations

from email.header import decode_header, make_header
from email.utils import parseaddr
from types import SimpleNamespace

import pytest

from citypartners.messaging.emails import build_email

CONSENT = SimpleNamespace(version=3, text_de="Ich stimme zu.", text_en="I agree.")
SITE = {"de": "Städtepartnerschaften", "en": "City partnerships"}


def _confirmation(language: str):
    return build_email(
        "newsletter/email/confirm",
        language=language,
        context={
            "confirm_url": "https://partner.example.org/confirm/abc/",
            "hours": 48,
            "consent_text": CONSENT,
            "language": language,
        },
        to="reader@example.org",
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_mail_comes_from_the_site_by_name_in_the_readers_language(settings, language):
    settings.DEFAULT_FROM_EMAIL = "partnerschaften@example.berlin"
    settings.CITYPARTNERS_OWNER = "Land Berlin"

    message = _confirmation(language).message()

    name, address = parseaddr(str(message["From"]))
    name = str(make_header(decode_header(name)))  # RFC 2047 for the umlaut
    assert address == "partnerschaften@example.berlin"
    assert name == f"{SITE[language]} – Land Berlin"


def test_a_display_name_in_the_setting_is_kept(settings):
    settings.DEFAULT_FROM_EMAIL = "Partnerbüro <buero@example.berlin>"

    message = _confirmation("de").message()

    name, address = parseaddr(str(message["From"]))
    assert (str(make_header(decode_header(name))), address) == (
        "Partnerbüro",
        "buero@example.berlin",
    )


def test_message_id_is_in_the_sites_domain(settings):
    settings.CITYPARTNERS_BASE_URL = "https://partnerschaften.example.berlin"

    message = _confirmation("en").message()

    assert str(message["Message-ID"]).endswith("@partnerschaften.example.berlin>")


@pytest.mark.parametrize("language", ["de", "en"])
def test_html_part_carries_the_sites_frame_and_language(settings, language):
    settings.CITYPARTNERS_BASE_URL = "https://partnerschaften.example.berlin"

    html = _confirmation(language).alternatives[0][0]

    assert f'<html lang="{language}">' in html
    assert SITE[language] in html
    assert "border-top:4px solid #1a3da5" in html  # KERN's blue rule, as on the site
    assert "Fira Sans" in html
    assert 'href="https://partner.example.org/confirm/abc/"' in html
    assert "{%" not in html
    assert "partnerschaften.example.berlin" in html.split("https://partner.example.org")[-1]
