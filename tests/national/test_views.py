"""The national overview: filters, figures per country, decade, continent, status and state,
the map's links, and a constant number of queries whatever the number of partnerships."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from citypartners.core.dates import PartialDate
from citypartners.national.queries import NationalFilter, figures, filtered, german_states
from citypartners.partnerships.enums import Status
from citypartners.partnerships.models import Partnership
from citypartners.places.continents import Continent
from citypartners.places.models import Place
from tests.factories import make_city, make_partnership

pytestmark = pytest.mark.django_db


def _url(language: str = "en", query: str = "") -> str:
    with translation.override(language):
        return reverse("national:overview") + query


@pytest.fixture
def bavaria():
    germany = Place.objects.get(slug="country-de")
    return Place.objects.create(
        slug="bavaria",
        kind="state",
        name_de="Bayern",
        name_en="Bavaria",
        country_code="DE",
        parent=germany,
    )


@pytest.fixture
def munich(bavaria):
    district = Place.objects.create(
        slug="upper-bavaria",
        kind="state",
        name_de="Oberbayern",
        name_en="Upper Bavaria",
        country_code="FR",
        parent=bavaria,
    )  # not a German state: its country code is not DE, so Bavaria is Munich's state
    return make_city(
        slug="munich", name_de="München", name_en="Munich", country_code="DE", parent=district
    )


def test_overview_urls_are_translated():
    assert _url("de") == "/de/bundesweit/"
    assert _url("en") == "/en/national/"


def test_state_filter_follows_the_homes_parent_chain(munich, bavaria):
    japan = make_city(slug="sapporo", name_en="Sapporo", country_code="JP")
    make_partnership(home=munich, partner=japan, since="1972")
    chosen = NationalFilter(state=bavaria.pk)
    assert list(filtered(chosen).values_list("slug", flat=True)) == ["munich-sapporo"]
    result = figures(chosen, states=german_states(), country_names={"JP": "Japan"})
    assert result.total == 1
    assert [(c.code, c.count) for c in result.by_country] == [("JP", 1)]
    assert result.by_continent == [(Continent.ASIA, 1)]
    assert result.by_decade == [(1970, 1)]
    assert [(s.slug if s else None, n) for s, n in result.by_state] == [("bavaria", 1)]


def test_figures_count_every_published_partnership_by_country_decade_and_status(home):
    make_partnership(home=home, partner=make_city(country_code="FR"), since="1961")
    make_partnership(home=home, partner=make_city(country_code="FR"), since="1962")
    published = Partnership.objects.published()
    result = figures(NationalFilter(), states=[], country_names={})
    assert result.total == published.count()
    assert sum(c.count for c in result.by_country) == published.count()
    assert sum(n for _c, n in result.by_continent) == published.count()
    assert sum(n for _d, n in result.by_decade) == published.count()
    active = published.filter(status=Status.ACTIVE).count()
    assert dict(result.by_status)[Status.ACTIVE] == active
    codes = [c.code for c in result.by_country]
    assert len(codes) == len(set(codes))  # one row per country, not per partnership
    assert set(codes) == set(published.values_list("partner__country_code", flat=True))
    france = published.filter(partner__country_code="FR").count()
    assert france >= 3
    assert {c.code: c.count for c in result.by_country}["FR"] == france
    assert [n for _s, n in result.by_state] == [published.count()]  # no German state in the data


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?country=JP", {"munich-sapporo"}),
        ("?decade=1970", {"munich-sapporo"}),
        ("?status=dormant", {"munich-lyon"}),
        ("?kind=borough_partnership", set()),
    ],
)
def test_filters_narrow_the_list(client, munich, query, expected):
    make_partnership(
        home=munich, partner=make_city(slug="sapporo", country_code="JP"), since="1972"
    )
    lyon = make_partnership(home=munich, partner=make_city(slug="lyon"), since="1990")
    Partnership.objects.filter(pk=lyon.pk).update(status=Status.DORMANT)
    html = client.get(_url("en", query)).content.decode()
    listed = set(re.findall(r'href="/en/partnerships/(munich-[a-z]+)/"', html))
    assert listed == expected


def test_unknown_filter_values_are_ignored(client, home):
    html = client.get(_url("en", "?state=999999&country=XX&decade=abc&status=nonsense")).content
    total = Partnership.objects.published().count()
    assert f"{total} partnerships" in html.decode()


def test_map_has_one_link_per_partner_country_to_the_filtered_list(client, home):
    html = client.get(_url("en")).content.decode()
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" id="national-map"') :]
    svg = svg[: svg.index("</svg>")]
    links = re.findall(r'<a class="cp-natmap__link" href="\?country=([A-Z]{2})#results"', svg)
    located = (
        Partnership.objects.published()
        .exclude(partner__latitude=None)
        .values_list("partner__country_code", flat=True)
        .distinct()
    )
    assert sorted(links) == sorted(set(located))
    france = Partnership.objects.published().filter(partner__country_code="FR").count()
    assert f'aria-label="France: {france} partnership' in svg


def test_every_chart_has_a_table_with_the_same_figures(client, home):
    html = client.get(_url("en")).content.decode()
    for chart in ("decades", "continents", "status", "states"):
        start = html.index(f'id="chart-{chart}-heading"')
        section = html[start : html.index("</section>", start)]
        desc = re.search(r'<desc id="chart-[a-z]+-desc">([^<]*)</desc>', section).group(1)
        rows = re.findall(
            r'<th scope="row">([^<]*)</th><td class="cp-number">([^<]*)</td>', section
        )
        assert rows, chart
        assert desc == "; ".join(f"{label}: {value}" for label, value in rows)


def test_german_page_names_decades_and_figures_in_german(client, home):
    html = client.get(_url("de")).content.decode()
    assert "<h1" in html and "Städtepartnerschaften bundesweit" in html
    assert "Bundesland" in html


def _add_many(home, count: int) -> None:
    partners = Place.objects.bulk_create(
        Place(
            slug=f"many-{n}",
            kind="city",
            name_de=f"Ort {n}",
            name_en=f"Town {n}",
            country_code=["FR", "PL", "JP", "US", "BR"][n % 5],
            latitude=n % 50,
            longitude=n % 90,
        )
        for n in range(count)
    )
    Partnership.objects.bulk_create(
        Partnership(
            slug=f"many-{n}",
            kind="city_partnership",
            operator="municipality",
            home=home,
            partner=partner,
            status=[Status.ACTIVE, Status.DORMANT][n % 2],
            since=PartialDate(1950 + n % 70),
        )
        for n, partner in enumerate(partners)
    )


@pytest.mark.parametrize("filtered", [False, True])
def test_query_count_is_the_same_with_few_and_many_partnerships(client, munich, bavaria, filtered):
    make_partnership(home=munich, partner=make_city(slug="nice"), since="1995")
    query = f"?state={bavaria.pk}&country=FR&decade=1990&status=active" if filtered else ""

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url("en", query))
        assert response.status_code == 200
        return len(captured)

    few = count()
    _add_many(munich, 300)
    many = count()
    result = figures(NationalFilter(), states=german_states(), country_names={})
    assert len(result.by_country) == len({c.code for c in result.by_country})
    assert dict((s.slug if s else None, n) for s, n in result.by_state)["bavaria"] >= 301
    assert few == many
    assert many <= 9


def test_filter_form_keeps_the_choice_and_offers_the_states_with_partnerships(
    client, munich, bavaria
):
    saxony = Place.objects.create(
        slug="saxony", kind="state", name_en="Saxony", country_code="DE"
    )  # no partnerships: not offered
    make_partnership(home=munich, partner=make_city(country_code="FR"))
    html = client.get(_url("en", f"?state={bavaria.pk}&country=FR")).content.decode()
    assert f'<option value="{bavaria.pk}" selected>Bavaria</option>' in html
    assert f'value="{saxony.pk}"' not in html
    assert '<option value="FR" selected>France</option>' in html
    assert '<option value="" selected>All kinds</option>' in html


def test_the_shipped_dataset_offers_berlin_as_a_german_state(client, home):
    """Berlin is a city whose home is of kind state: its partnerships and its boroughs' are
    Berlin's, not "no German state recorded"."""
    html = client.get(_url("de", f"?state={home.pk}")).content.decode()
    assert f'<option value="{home.pk}" selected>Berlin</option>' in html
    total = Partnership.objects.published().filter(Q(home=home) | Q(home__parent=home)).count()
    assert figures(NationalFilter(state=home.pk), states=[home], country_names={}).total == total
    everything = figures(NationalFilter(), states=german_states(), country_names={})
    assert dict(everything.by_state).get(home) == total


def test_list_is_newest_first_25_a_page(client, munich):
    _add_many(munich, 60)
    html = client.get(_url("en", f"?state={munich.parent.parent.pk}")).content.decode()
    listed = re.findall(r'href="/en/partnerships/(many-\d+)/"', html)
    assert len(listed) == 25
    years = [1950 + int(slug.split("-")[1]) % 70 for slug in listed]
    assert years == sorted(years, reverse=True)
    assert "page 1 of 3" in html
