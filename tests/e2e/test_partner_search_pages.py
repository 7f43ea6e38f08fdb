"""The partner search's post and answer pages in the browser: axe (WCAG 2.1 AA) and 320 px
without horizontal scrolling, in both languages, with a post that names regions, countries,
topics and languages (the list pages are in `pages.PAGE_TYPES`)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import override

from citypartners.partnersearch import services
from citypartners.partnersearch.models import PartnerSearch
from citypartners.partnerships.models import Topic
from citypartners.places.models import Place
from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import WCAG_21_AA

pytestmark = pytest.mark.e2e


@pytest.fixture
def post_urls(site) -> list[str]:
    owner = User.objects.create_user("office", "office@example.org", "a-long-passphrase-1")
    search = services.publish_partner_search(
        search=PartnerSearch(
            place=Place.objects.get(slug="berlin"),
            language="de",
            title="Partnerstadt in Westafrika für Jugendaustausch und Klimaschutzprojekte gesucht",
            regions=",AF,EU,",
            size="city",
            languages=",de,en,fr,",
            offers="Austausch von Verwaltungen, Schulen und Sportvereinen.\n\nFachbesuche.",
            description="Wir sind offen für Städte jeder Größe.",
        ),
        owner=owner,
    )
    search.countries.set(Place.objects.filter(kind="country")[:2])
    search.topics.set(Topic.objects.order_by("slug")[:3])
    urls = []
    for language in ("de", "en"):
        with override(language):
            urls += [
                reverse("partnersearch:detail", args=[search.pk]),
                reverse("partnersearch:answer", args=[search.pk]),
                reverse("partnersearch:sent", args=[search.pk]),
                reverse("partnersearch:list"),
            ]
    return urls


def test_partner_search_pages_have_no_axe_violations(page, post_urls):
    problems = []
    for path in post_urls:
        response = page.goto(path)
        assert response is not None and response.ok, path
        results = Axe().run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems.append(f"{path}\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)


def test_partner_search_pages_fit_320_px(browser, site, post_urls):
    context = browser.new_context(viewport=PHONE, base_url=site)
    page = context.new_page()
    too_wide = []
    for path in post_urls:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path}: {width}px")
    context.close()
    assert not too_wide, too_wide


def test_answer_form_with_errors_has_no_axe_violations(page, post_urls):
    page.goto(post_urls[1])
    page.fill("#id_sender_email", "not an address")
    page.click("form.kern-stack button[type=submit]")
    page.wait_for_selector(".kern-error")
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
