"""The national overview's numbers, read from the tally and written from kept fragments, equal
a direct count of the partnerships for every filter (German state, partner country, kind,
decade, status and their combinations), on a register built here; and the kept fragments
follow the register when it changes."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

from citypartners.core.dates import PartialDate
from citypartners.homes.models import Home
from citypartners.national.figures_html import figures_html
from citypartners.national.models import NO_STATE
from citypartners.national.queries import NationalFilter, countries, figures, german_states
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from tests.factories import make_city

pytestmark = pytest.mark.django_db

KINDS = [PartnershipKind.CITY_PARTNERSHIP, PartnershipKind.PROJECT_COOPERATION]
STATUSES = [Status.ACTIVE, Status.DORMANT, Status.ENDED]
COUNTRIES = ["FR", "PL", "JP"]


@pytest.fixture
def register():
    """Two German states (one through a district between the state and the towns), towns in
    each, and partnerships over three countries, two kinds, three statuses and several
    decades (some undated, some unpublished). Returns each town's state by the town's id."""
    germany = Place.objects.get(slug="country-de")
    bavaria = Place.objects.create(
        slug="bavaria", kind="state", name_en="Bavaria", name_de="Bayern", country_code="DE",
        parent=germany,
    )  # fmt: skip
    saxony = Place.objects.create(
        slug="saxony", kind="state", name_en="Saxony", name_de="Sachsen", country_code="DE",
        parent=germany,
    )  # fmt: skip
    district = Place.objects.create(
        slug="swabia", kind="district", name_en="Swabia", country_code="DE", parent=bavaria
    )
    towns = {
        make_city(slug="augsburg", country_code="DE", parent=district).pk: bavaria.pk,
        make_city(slug="munich", country_code="DE", parent=bavaria).pk: bavaria.pk,
        make_city(slug="leipzig", country_code="DE", parent=saxony).pk: saxony.pk,
    }
    partners = [make_city(slug=f"partner-{n}", country_code=COUNTRIES[n % 3]) for n in range(9)]
    rows = []
    for n, (town, partner) in enumerate(itertools.product(towns, partners)):
        year = [1955, 1962, 1978, 1991, 1999, 2004, None][n % 7]
        rows.append(
            Partnership(
                slug=f"p-{n}",
                kind=KINDS[n % 2],
                operator="municipality",
                home_id=town,
                partner=partner,
                status=STATUSES[n % 3],
                since=PartialDate(year) if year else PartialDate.unknown(),
                is_published=n % 11 != 0,
            )
        )
    Partnership.objects.bulk_create(rows)
    return {"states": towns, "bavaria": bavaria, "saxony": saxony}


def _state_of(place: Place | None) -> int:
    """The home's German state as the overview defines it, walked in Python: the first of the
    place, its parent and its grandparent that is a German place of kind state or the place
    of a home of kind state (Berlin); 0 for none."""
    state_homes = set(Home.objects.filter(kind="state").values_list("place_id", flat=True))
    for _step in range(3):
        if place is None:
            break
        if place.country_code == "DE" and (place.kind == "state" or place.pk in state_homes):
            return place.pk
        place = place.parent
    return NO_STATE


def _direct(register, chosen: NationalFilter) -> list[Partnership]:
    """The published partnerships that match, filtered in Python, not in SQL (the dataset's
    Berlin partnerships included)."""
    found = []
    rows = Partnership.objects.published().select_related("partner", "home__parent__parent")
    for p in rows:
        p.state = _state_of(p.home)
        year = p.since.year if p.since else None
        if chosen.state and p.state != chosen.state:
            continue
        if chosen.country and p.partner.country_code != chosen.country:
            continue
        if chosen.kind and p.kind != chosen.kind:
            continue
        if chosen.decade and not (year and chosen.decade <= year < chosen.decade + 10):
            continue
        if chosen.status and p.status != chosen.status:
            continue
        found.append(p)
    return found


def _choices(register) -> list[NationalFilter]:
    bavaria, saxony = register["bavaria"].pk, register["saxony"].pk
    singles = [
        NationalFilter(),
        NationalFilter(state=bavaria),
        NationalFilter(state=saxony),
        *(NationalFilter(country=code) for code in COUNTRIES),
        *(NationalFilter(kind=kind) for kind in KINDS),
        *(NationalFilter(decade=decade) for decade in (1950, 1990, 2000, 1970)),
        *(NationalFilter(status=status) for status in STATUSES),
    ]
    combined = [
        NationalFilter(state=bavaria, country="FR", decade=1990),
        NationalFilter(state=saxony, kind=KINDS[1], status=Status.DORMANT),
        NationalFilter(country="JP", status=Status.ACTIVE, decade=1960),
        NationalFilter(state=bavaria, country="PL", kind=KINDS[0], decade=1950,
                       status=Status.ENDED),
    ]  # fmt: skip
    return singles + combined


def test_every_filter_counts_what_a_direct_count_finds(register):
    states = german_states()
    for chosen in _choices(register):
        expected = _direct(register, chosen)
        result = figures(chosen, states=states, country_names={})
        assert result.total == len(expected), chosen
        by_country = Counter(p.partner.country_code for p in expected)
        assert {c.code: c.count for c in result.by_country} == by_country, chosen
        by_status = Counter(p.status for p in expected)
        assert dict(result.by_status) == by_status, chosen
        by_decade = Counter((p.since.year // 10 * 10) if p.since else None for p in expected)
        assert dict(result.by_decade) == by_decade, chosen
        by_state = Counter(p.state for p in expected)
        assert {s.pk if s else NO_STATE: n for s, n in result.by_state} == by_state, chosen


def _query(chosen: NationalFilter) -> str:
    parts = {
        "state": chosen.state or "",
        "country": chosen.country,
        "kind": chosen.kind,
        "decade": chosen.decade or "",
        "status": chosen.status,
    }
    return "&".join(f"{name}={value}" for name, value in parts.items() if value)


def test_every_filter_lists_and_tells_what_a_direct_count_finds(client, register):
    with translation.override("en"):
        url = reverse("national:overview")
    for chosen in _choices(register):
        expected = _direct(register, chosen)
        html = client.get(f"{url}?{_query(chosen)}").content.decode()
        count = re.search(r'role="status" class="cp-result-count">([\d,]+) partnership', html)
        assert count and int(count.group(1).replace(",", "")) == len(expected), chosen
        listed = re.findall(r'<li><a href="/en/partnerships/([^/"]+)/"', html)
        assert len(listed) == min(25, len(expected)), chosen
        assert set(listed) <= {p.slug for p in expected}, chosen


def test_the_figures_fragment_is_kept_until_the_figures_change(client, register):
    """The same figures give the very same fragment; a new partnership in a new country
    changes the figures, and the page shows it at once."""
    states = german_states()
    with translation.override("en"):
        names = countries()
        first = figures(NationalFilter(), states=states, country_names=names)
        fragment = figures_html(first, {})
        again = figures(NationalFilter(), states=states, country_names=names)
        assert figures_html(again, {}) is fragment
        assert "?country=BR#results" not in fragment
        brazil = make_city(slug="curitiba", country_code="BR", latitude=-25, longitude=-49)
        Partnership.objects.create(
            slug="munich-curitiba", kind=KINDS[0], operator="municipality",
            home=Place.objects.get(slug="munich"), partner=brazil, since=PartialDate(1990),
        )  # fmt: skip
        html = client.get(reverse("national:overview")).content.decode()
    assert 'href="?country=BR#results"' in html
    circles = fragment.count('class="cp-natmap__link"')
    assert circles == sum(1 for c in first.by_country if c.latitude is not None)
    assert html.count('class="cp-natmap__link"') == circles + 1
