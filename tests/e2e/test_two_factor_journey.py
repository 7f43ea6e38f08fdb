"""An editor's journey when the office requires two-factor authentication, in Chromium: the
first log-in leads to setting up an authenticator before anything else, the next needs the
password and a code, and a backup code logs in once. axe (WCAG 2.1 A and AA) runs on every
back-office page the journey passes; the set-up page is kept as a screenshot for
docs/editors.md.
"""

from __future__ import annotations

import base64

import pytest

from tests.e2e.conftest import DESKTOP
from tests.e2e.test_backoffice_journeys import PASSWORD, _axe

pytestmark = pytest.mark.e2e


def _code(secret: str, *, ahead: int = 0) -> str:
    """The six-digit code an authenticator app shows for the key printed on the set-up page.

    `ahead=1` is the code of the next 30-second step, which the server also accepts (django-otp
    tolerates one step of clock difference): a code already used is refused, so a second
    log-in in the same step uses the next one instead of waiting for it.
    """
    from django_otp.oath import totp

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=ahead):06d}"


def _log_in(page, problems: list[str], *, code: str = "") -> None:
    page.goto("/backoffice/login/")
    _axe(page, problems)
    page.fill("#id_username", "erika")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", code)
    page.click("#login-form input[type=submit]")
    page.wait_for_load_state("networkidle")


def _log_out(page) -> None:
    page.click("#logout-form button")
    page.wait_for_selector("text=/Logged out|Thanks for spending/")


def test_require_two_factor_authentication_and_log_in_with_it(browser, site, settings, shot):
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from citypartners.backoffice.roles import EDITORS
    from tests.conftest import make_staff

    settings.CITYPARTNERS_REQUIRE_TWO_FACTOR = True
    erika = make_staff("erika", EDITORS)
    context = browser.new_context(viewport=DESKTOP, base_url=site, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []

    # The first log-in needs only the password, and leads to the set-up page, whatever is asked.
    _log_in(page, problems)
    assert page.url.endswith("/backoffice/two-factor/")
    page.goto("/backoffice/partnerships/partnership/")
    assert page.url.endswith("/backoffice/two-factor/")
    assert page.locator(".messagelist").inner_text().count("Set up two-factor") >= 1
    assert page.locator("#content img[src^='data:image/svg+xml']").count() == 1
    _axe(page, problems)
    shot(page, "backoffice-two-factor")

    secret = page.locator("#content code").inner_text().strip()
    page.fill("#id_token", "000000" if _code(secret) != "000000" else "111111")
    page.click("#content form input[type=submit]")
    assert "The code is not right" in page.locator("#content").inner_text()
    assert not TOTPDevice.objects.filter(user=erika, confirmed=True).exists()
    _axe(page, problems)
    # django-otp refuses codes for a second after a wrong one.
    page.wait_for_timeout(1_100)
    page.fill("#id_token", _code(secret))
    page.click("#content form input[type=submit]")
    page.wait_for_selector(".messagelist .warning")
    _axe(page, problems)
    shown = page.locator(".messagelist .warning").inner_text().split(":")[-1].split()
    stored = set(StaticToken.objects.filter(device__user=erika).values_list("token", flat=True))
    assert len(stored) == 10 and set(shown) == stored
    assert "Two-factor authentication is on for your account" in page.content()
    page.goto("/backoffice/")
    page.wait_for_selector("#start-heading")
    _log_out(page)

    # The password alone no longer opens the back office; with the code it does.
    _log_in(page, problems)
    assert page.locator(".errornote").count() == 1
    assert page.url.endswith("/backoffice/login/")
    _axe(page, problems)
    _log_in(page, problems, code=_code(secret, ahead=1))
    page.wait_for_selector("#start-heading")
    _axe(page, problems)
    _log_out(page)

    # A backup code stands in for the app once.
    backup = shown[0]
    _log_in(page, problems, code=backup)
    page.wait_for_selector("#start-heading")
    assert backup not in set(
        StaticToken.objects.filter(device__user=erika).values_list("token", flat=True)
    )
    _log_out(page)
    _log_in(page, problems, code=backup)
    assert page.locator(".errornote").count() == 1
    assert page.url.endswith("/backoffice/login/")
    context.close()
    assert not problems, "\n\n".join(problems)
