"""Reading a home's partnerships from its own side: one row, seen by both homes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from citypartners.homes import queries
from citypartners.homes.enums import HomeKind
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from tests.factories import make_city, make_home, make_partnership

pytestmark = pytest.mark.django_db


def test_partnership_between_two_homes_is_one_row_seen_from_both_sides():
    berlin = make_home(place=make_city(name_de="Berlin-T", name_en="Berlin-T", country_code="DE"))
    paris = make_home(place=make_city(name_de="Paris-T", name_en="Paris-T"))
    partnership = make_partnership(home=berlin.place, partner=paris.place, since="1987")

    assert Partnership.objects.filter(pk=partnership.pk).count() == 1
    with translation.override("en"):
        from_berlin = queries.partnerships_of(berlin)
        from_paris = queries.partnerships_of(paris)
    assert [(p.slug, p.partner, p.is_own_side) for p in from_berlin] == [
        (partnership.slug, "Paris-T", True)
    ]
    assert [(p.slug, p.partner, p.is_own_side) for p in from_paris] == [
        (partnership.slug, "Berlin-T", False)
    ]
    # Each side links to the other's section, since both are homes.
    assert from_berlin[0].partner_home_slug == paris.slug
    assert from_paris[0].partner_home_slug == berlin.slug
    assert str(from_paris[0].since) == "1987"


def test_partnerships_of_leaves_out_unpublished_and_others():
    home = make_home()
    shown = make_partnership(home=home.place)
    make_partnership(home=home.place, is_published=False)
    make_partnership(home=make_city())
    assert [p.slug for p in queries.partnerships_of(home)] == [shown.slug]


def test_partnerships_of_oldest_first_undated_last():
    home = make_home()
    late = make_partnership(home=home.place, since="2015")
    early = make_partnership(home=home.place, since="1966-11-27")
    undated = make_partnership(home=home.place, since="")
    assert [p.slug for p in queries.partnerships_of(home)] == [early.slug, late.slug, undated.slug]


@pytest.mark.parametrize("count", [1, 12])
def test_partnerships_of_issues_constant_queries(count):
    home = make_home()
    france = Place.objects.get(slug="country-fr")
    for _ in range(count):
        partner = make_home(place=make_city(parent=france))
        make_partnership(home=partner.place, partner=home.place)
    with CaptureQueriesContext(connection) as queries_run:
        rows = queries.partnerships_of(home)
    assert len(rows) == count
    assert len(queries_run) == 4


def test_boroughs_of_state():
    state = make_home(kind=HomeKind.STATE)
    borough = make_home(kind=HomeKind.BOROUGH, parent=state)
    assert queries.boroughs_of(state) == [borough]
