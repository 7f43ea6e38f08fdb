"""The editors' journeys through the back office, in Chromium: add a partnership from scratch
with a new source, edit one and see the change on the public site in both languages, ingest a
document and review its claims. axe (WCAG 2.1 A and AA) runs on every back-office page each
journey passes through, and each keeps a screenshot for docs/editors.md (`shot`: in docs/screenshots/
only with CITYPARTNERS_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import REPO
from tests.e2e.conftest import DESKTOP
from tests.urls import url

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
NOTE = REPO / "tests" / "e2e" / "data" / "berlin-note.txt"
PASSWORD = "a-long-test-passphrase"


def _axe(page, problems: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=WCAG_21_AA)
    if results.violations_count:
        problems.append(f"{page.url}\n{results.generate_report()}")


@pytest.fixture
def office(browser, site):
    """A reviewer's browser, logged in to the back office through its log-in form, in English."""
    from citypartners.backoffice.roles import REVIEWERS
    from tests.conftest import make_staff

    make_staff("rosa", REVIEWERS)
    context = browser.new_context(viewport=DESKTOP, base_url=site, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/backoffice/login/")
    page.fill("#id_username", "rosa")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#att-claims")
    yield page
    context.close()


def _choose(page, select_id: str, typed: str, option: str) -> None:
    """Pick an option of an autocomplete field as a person does: open, type, click."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-results__option:has-text('{option}')")


def test_add_a_partnership_from_scratch_with_a_new_source(office, shot):
    from citypartners.partnerships.models import Partnership
    from tests.factories import make_city

    make_city(slug="lyon", name_en="Lyon", name_de="Lyon", country_code="FR")
    page, problems = office, []
    _axe(page, problems)
    shot(page, "backoffice-start")

    page.click("text=Add a partnership")
    page.select_option("#id_kind", "city_partnership")
    page.select_option("#id_operator", "state")
    _choose(page, "id_home", "Berlin", "Berlin")
    _choose(page, "id_partner", "Lyon", "Lyon")
    page.fill("#id_summary_de", "Berlin und Lyon sind Partnerstädte.")
    page.fill("#id_summary_en", "Berlin and Lyon are partner cities.")
    page.click("#status_changes-group .add-row a")
    page.select_option("#id_status_changes-0-kind", "signed")
    page.fill("#id_status_changes-0-on", "14.3.2024")
    page.fill("#id_status_changes-0-note_en", "Agreement signed in the Red Town Hall")
    page.fill("#id_status_changes-0-note_de", "Vereinbarung im Roten Rathaus unterzeichnet")
    _axe(page, problems)

    # The source is added where it is cited: the "+" beside the field opens its form.
    with page.expect_popup() as opened:
        page.click("#add_id_status_changes-0-sources")
    popup = opened.value
    popup.wait_for_selector("#id_title")
    popup.fill("#id_title", "Berlin and Lyon sign their partnership")
    popup.fill("#id_publisher", "Senate Chancellery")
    popup.fill("#id_published_on", "14.3.2024")
    popup.fill("#id_url", "https://www.berlin.de/rbmskzl/")
    popup.select_option("#id_language", "en")
    popup.select_option("#id_kind", "announcement")
    popup.check("#id_is_public")
    _axe(popup, problems)
    popup.set_viewport_size({"width": 900, "height": 900})
    shot(popup, "backoffice-new-source")
    popup.click("input[name=_save]")
    page.wait_for_selector(
        "#id_status_changes-0-sources + .select2 :text('Berlin and Lyon sign their partnership')"
    )
    shot(page, "backoffice-partnership-form")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    _axe(page, problems)

    partnership = Partnership.objects.get(home__slug="berlin", partner__slug="lyon")
    assert partnership.slug == "berlin-lyon"  # made from the names
    (change,) = partnership.status_changes.all()
    assert change.on.isoformat() == "2024-03-14"
    assert [s.title for s in change.sources.all()] == ["Berlin and Lyon sign their partnership"]
    assert str(partnership.since) == "2024-03-14"
    assert not problems, "\n\n".join(problems)


def test_edit_a_partnership_and_see_it_on_the_public_site_in_both_languages(office, shot):
    from citypartners.partnerships.models import Partnership

    page, problems = office, []
    mexico = Partnership.objects.get(slug="berlin-mexico-city")
    page.goto(f"/backoffice/partnerships/partnership/{mexico.pk}/change/")
    page.fill(
        "#id_summary_de", "Berlin und Mexiko-Stadt: seit 1993 Partnerstädte, neu geschrieben."
    )
    page.fill("#id_summary_en", "Berlin and Mexico City: partner cities since 1993, rewritten.")
    # A declaration of March 1993, entered after the entry into force of 1 September 1993.
    page.click("#status_changes-group .add-row a")
    rows = page.locator("#status_changes-group .inline-related:not(.empty-form)")
    new = rows.count() - 1
    page.select_option(f"#id_status_changes-{new}-kind", "declared")
    page.fill(f"#id_status_changes-{new}-on", "März 1993")
    page.fill(f"#id_status_changes-{new}-note_en", "Declaration of intent")
    page.fill(f"#id_status_changes-{new}-note_de", "Absichtserklärung")
    _choose(page, f"id_status_changes-{new}-sources", "Mexiko", "Städtepartnerschaft Mexiko")
    _axe(page, problems)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    _axe(page, problems)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#status_changes-group").scroll_into_view_if_needed()
    shot(page, "backoffice-partnership-edit")

    for language, summary, declared, in_force in [
        ("en", "partner cities since 1993, rewritten", "Declaration of intent", "1 September 1993"),
        (
            "de",
            "seit 1993 Partnerstädte, neu geschrieben",
            "Absichtserklärung",
            "1. September 1993",
        ),
    ]:
        page.goto(url("web:partnership", language, "berlin-mexico-city"))
        html = page.content()
        assert summary in html, language
        history = html[html.index('id="timeline-heading"') :]
        assert history.index(declared) < history.index(in_force), language
    assert not problems, "\n\n".join(problems)


def test_ingest_a_document_and_review_its_claims(office, shot):
    from citypartners.jobs.worker import run_due_tasks
    from citypartners.sources.enums import ReviewStatus
    from citypartners.sources.models import Claim

    page, problems = office, []
    page.click("text=Ingest a document")
    _axe(page, problems)
    page.set_input_files("#id_document", str(NOTE))
    # The first document of a process loads the gazetteer, which takes a while on a busy machine.
    page.click("#content form [type=submit]")
    # The upload is ingested by a background worker; its status page reloads until it is done.
    page.wait_for_url("**/claim/upload/*/")
    _axe(page, problems)
    run_due_tasks()
    page.click("text=Review the new claims", timeout=30_000)
    page.wait_for_selector("[data-claim]", timeout=60_000)
    assert page.locator("h3:text('Berlin – Paris, partners since 2 July 1987')").count() == 1
    assert page.locator("mark").first.inner_text().startswith("Berlin and Paris")
    _axe(page, problems)
    shot(page, "backoffice-review")

    # One step for everything that only confirms the registry (Paris and Prague).
    page.click("text=/Accept all 2 claims that confirm the registry/")
    page.wait_for_selector(".messagelist .success")
    claims = dict(Claim.objects.values_list("value__city", "review_status"))
    assert claims["Paris"] == claims["Prague"] == ReviewStatus.ACCEPTED

    # One key each: A accepts the claim the focus is in (Lyon, new to the registry)…
    lyon = page.locator("[data-claim]", has_text="Lyon").first
    lyon.locator("button[value=accept]").focus()
    page.keyboard.press("a")
    page.wait_for_selector(".messagelist .success")
    assert Claim.objects.get(value__city="Lyon").review_status == ReviewStatus.ACCEPTED
    # …and R rejects one, once its reason is typed.
    event = page.locator("[data-claim]", has_text="youth orchestra").first
    event.locator("textarea").fill("Not an activity of the partnership.")
    event.locator("button[value=reject]").focus()
    page.keyboard.press("r")
    page.wait_for_selector("text=Every claim of this document is decided.")
    event_claim = Claim.objects.get(property="event", source__file_name="berlin-note.txt")
    assert event_claim.review_status == ReviewStatus.REJECTED
    _axe(page, problems)

    page.click("text=What the sources disagree on")
    _axe(page, problems)
    assert not re.search(r"counts-differ|partner-missing|dates-differ", page.content())
    page.goto("/backoffice/")
    _axe(page, problems)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("width", [1280, 1024])
def test_back_office_forms_fit_the_window(office, width):
    from citypartners.partnerships.models import Partnership

    page = office
    page.set_viewport_size({"width": width, "height": 900})
    mexico = Partnership.objects.get(slug="berlin-mexico-city")
    too_wide = []
    for path in [
        "/backoffice/",
        f"/backoffice/partnerships/partnership/{mexico.pk}/change/",
        "/backoffice/partnerships/partnership/add/",
        "/backoffice/activities/activity/add/",
        "/backoffice/sources/source/add/",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide.append(f"{path}: {scroll}px")
    assert not too_wide, too_wide
