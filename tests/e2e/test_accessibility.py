"""axe-core (WCAG 2.1 A and AA) on every public page type in both languages, keyboard use,
320 px without horizontal scrolling, the map's text alternative, and a strict CSP."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import PHONE
from tests.e2e.pages import public_urls
from tests.urls import url

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def _enforce_csp(page) -> None:
    """Serve every page with a strict Content-Security-Policy header (the policy belongs to
    the document, so only document responses are rewritten; the rest pass untouched)."""

    def add_csp(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", add_csp)


def _open(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"


def test_axe_finds_no_wcag_21_aa_violations_on_any_page(page):
    axe = Axe()
    problems = []
    for path in public_urls():
        _open(page, path)
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems.append(f"{path}\n{results.generate_report()}")

    assert not problems, "\n\n".join(problems)


def test_axe_finds_no_violations_in_a_form_with_errors(page):
    _open(page, url("pages:report_barrier", "de"))
    page.fill("#id_email", "not an address")
    page.click("form.cp-form button[type=submit]")
    page.wait_for_selector(".kern-alert--danger")

    results = Axe().run(page, options=WCAG_21_AA)

    assert results.violations_count == 0, results.generate_report()


def test_pages_fit_a_320_px_screen_without_horizontal_scrolling(browser, site):
    context = browser.new_context(viewport=PHONE, base_url=site)
    page = context.new_page()
    too_wide = []
    for path in public_urls():
        _open(page, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path}: {width}px")
    context.close()

    assert not too_wide, too_wide


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                name: el.getAttribute('name') || '',
                href: el.getAttribute('href') || '',
                text: (el.innerText || el.getAttribute('aria-label') || '').trim(),
                inNav: !!el.closest('nav'),
                inMain: !!el.closest('main'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none',
                // Map markers draw their focus as a ring inside the SVG.
                ring: !!el.querySelector('.cp-map__focus-ring')
                    && getComputedStyle(el.querySelector('.cp-map__focus-ring')).stroke !== 'none',
            };
        }"""
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_keyboard_reaches_search_language_switch_and_main_links_with_visible_focus(page, language):
    _open(page, url("web:home", language))
    other = "en" if language == "de" else "de"
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(_focused(page))

    assert stops[0]["href"] == "#main", "the skip link comes first"
    assert any(s["name"] == "q" for s in stops), "search field reached"
    assert any(s["href"].startswith(f"/{other}/") for s in stops), "language switch reached"
    assert any(s["inNav"] and s["href"] == url("pages:activities", language) for s in stops)
    assert any(s["inMain"] and "/" in s["href"] for s in stops), "a link in the main content"
    invisible = [s for s in stops if not (s["outline"] or s["shadow"] or s["ring"])]
    assert not invisible, f"focus not visible on {invisible}"


def test_skip_link_moves_focus_to_the_main_content(page):
    _open(page, url("web:home", "en"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_map_has_a_text_alternative_and_named_links(page):
    _open(page, url("web:home", "en"))
    svg = page.locator("svg.cp-map__svg")

    labelled_by = svg.get_attribute("aria-labelledby") or ""
    names = [page.locator(f"#{i}").text_content().strip() for i in labelled_by.split()]
    assert any("partner cities" in n.lower() for n in names), names
    links = svg.locator("a")
    count = links.count()
    assert count >= 18
    table_cities = page.locator("table tbody th a").all_inner_texts()
    for index in range(count):
        label = links.nth(index).get_attribute("aria-label") or ""
        assert label, f"map link {index} has no name"
    assert len(table_cities) >= 18


def test_strict_content_security_policy_blocks_nothing(page):
    """No inline script or style anywhere; JSON-LD data blocks are not scripts to the CSP."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    _enforce_csp(page)
    for path in public_urls():
        _open(page, path)
        page.wait_for_load_state("networkidle")
    page.unroute_all(behavior="ignoreErrors")

    assert not violations, violations


def test_json_ld_survives_the_csp_on_a_partnership_page(page):
    _enforce_csp(page)
    _open(page, url("web:partnership", "en", "berlin-mexico-city"))
    page.wait_for_load_state("networkidle")
    page.unroute_all(behavior="ignoreErrors")

    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@graph"][1]["@type"] == "Place"


def test_partnership_page_prints_as_a_fact_sheet(page):
    _open(page, url("web:partnership", "de", "berlin-mexico-city"))
    page.emulate_media(media="print")

    hidden = [
        "nav.cp-nav",
        "form.cp-search",
        ".cp-lang",
        ".cp-header__service",
        ".cp-footer__sections",
    ]
    for selector in hidden:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("main h1").is_visible()
    assert page.locator(".cp-timeline").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
