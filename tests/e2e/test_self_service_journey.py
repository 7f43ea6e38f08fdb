"""Self-service in Chromium: the invitation's page (public: axe, no sideways scrolling at
320 px), the registration form and a borough-like home's start page in the back office, in
German and English at 320 and 1280 px; the screenshots are for docs/editors.md (`shot`: in
docs/screenshots only with CITYPARTNERS_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_backoffice_journeys import PASSWORD, _axe

pytestmark = pytest.mark.e2e

VIEWPORTS = {"320": PHONE, "1280": DESKTOP}
LOCALES = {"de": "de-DE", "en": "en-GB"}


def _scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.fixture
def town(site):
    from citypartners.homes.enums import HomeKind
    from tests.factories import make_city, make_home

    place = make_city(
        slug="musterstadt", name_de="Musterstadt", name_en="Musterstadt", country_code="DE"
    )
    return make_home(place=place, kind=HomeKind.MUNICIPALITY, slug="musterstadt")


def test_invitation_page_is_accessible_in_both_languages(browser, site, town, mailoutbox, shot):
    from citypartners.editors.services import invite, send_invitation

    invitation = invite(home=town, email="partner@musterstadt.example", language="de", by=None)
    send_invitation(invitation_id=invitation.pk)
    token = re.search(r"/mitmachen/([\w-]+)/", mailoutbox[-1].body).group(1)
    problems: list[str] = []
    for language, path in [("de", f"/de/mitmachen/{token}/"), ("en", f"/en/join/{token}/")]:
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, base_url=site)
            page = context.new_page()
            page.goto(path)
            assert "Musterstadt" in page.locator("h1").inner_text()
            assert page.locator("input[type=password]").count() == 2
            _axe(page, problems)
            assert not _scrolls_sideways(page), (language, width)
            shot(page, f"self-service-join-{language}-{width}")
            if language == "en" and width == "320":  # an error shown is accessible too
                page.fill("#id_username", "musterstadt")
                page.fill("#id_password", "aaaaaaaaaaaa")
                page.fill("#id_password_again", "aaaaaaaaaaaa")
                page.click("#join-form button[type=submit]")
                assert "repeats" in page.locator("main").inner_text()
                _axe(page, problems)
                assert not _scrolls_sideways(page)
            context.close()
    assert problems == [], "\n".join(problems)


def test_registration_form_and_start_page_of_a_homes_editor(browser, site, town, shot):
    from citypartners.backoffice.roles import EDITORS
    from tests.conftest import make_staff

    make_staff("musterstadt", EDITORS, home=town)
    problems: list[str] = []
    for language, locale in LOCALES.items():
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, base_url=site, locale=locale)
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto("/backoffice/login/")
            page.fill("#id_username", "musterstadt")
            page.fill("#id_password", PASSWORD)
            page.click("#login-form input[type=submit]")
            page.wait_for_selector("#homes-heading")
            assert "Musterstadt" in page.locator(".cp-homes").inner_text()
            _axe(page, problems)
            shot(page, f"self-service-start-{language}-{width}")
            page.goto("/backoffice/register-partnership/")
            page.wait_for_selector("#registration_form")
            _axe(page, problems)
            shot(page, f"self-service-register-{language}-{width}")
            context.close()
    assert problems == [], "\n".join(problems)
