"""axe-core and the 320 px check on the pages that only a large register shows: a home's
section with more than 100 partners (a circle per partner country, 50 partners a page, a
country's list) and the national overview filtered by the State of Berlin."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import WCAG_21_AA, _open

pytestmark = pytest.mark.e2e


@pytest.fixture
def busy_home(site):
    from citypartners.core.dates import PartialDate
    from citypartners.homes.models import Home
    from citypartners.partnerships.models import Partnership
    from citypartners.places.models import Place

    place = Place.objects.create(
        slug="grossstadt", kind="city", name_de="Großstadt", name_en="Big Town",
        country_code="DE", latitude=53.55, longitude=10.0,
    )  # fmt: skip
    Home.objects.create(place=place, slug="grossstadt", kind="municipality")
    countries = ["FR", "PL", "IT", "US", "JP", "BR"]
    partners = Place.objects.bulk_create(
        Place(
            slug=f"partnerort-{n}", kind="city", name_de=f"Partnerort {n}",
            name_en=f"Partner town {n}", country_code=countries[n % len(countries)],
            latitude=-30 + n % 70, longitude=-120 + (n * 7) % 240,
        )
        for n in range(130)
    )  # fmt: skip
    Partnership.objects.bulk_create(
        Partnership(
            slug=f"grossstadt-{n}", kind="city_partnership", operator="municipality",
            home=place, partner=partner, since=PartialDate(1950 + n % 70),
        )
        for n, partner in enumerate(partners)
    )  # fmt: skip
    return place


def _paths(busy_home) -> list[str]:
    from citypartners.places.models import Place

    berlin = Place.objects.get(slug="berlin").pk
    return [
        "/de/orte/grossstadt/",
        "/en/places/grossstadt/",
        "/en/places/grossstadt/?country=PL&page=1",
        "/de/orte/grossstadt/?page=3",
        f"/de/bundesweit/?state={berlin}",
        f"/en/national/?state={berlin}&status=active",
    ]


def test_axe_finds_no_violations_on_the_pages_of_a_large_register(page, busy_home):
    axe = Axe()
    problems = []
    for path in _paths(busy_home):
        _open(page, path)
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems.append(f"{path}\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)


def test_the_pages_of_a_large_register_fit_320_px(browser, site, busy_home):
    context = browser.new_context(viewport=PHONE, base_url=site)
    page = context.new_page()
    too_wide = []
    for path in _paths(busy_home):
        _open(page, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path}: {width}px")
    context.close()
    assert not too_wide, too_wide
