"""The national tally equals a fresh aggregation of the partnerships after every kind of write:
inserts, updates (status, start, kind, partner, publication), deletes, bulk and raw SQL writes,
and the writes to places and homes that move a partnership to another cell. Runs on SQLite and
on PostgreSQL (CITYPARTNERS_TEST_DATABASE_URL), whose triggers differ."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from citypartners.core.dates import PartialDate
from citypartners.homes.enums import HomeKind
from citypartners.national import tally
from citypartners.national.models import NO_STATE, NationalTally
from citypartners.national.queries import NationalFilter, figures, filtered, german_states
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from tests.factories import make_city, make_home, make_partnership

pytestmark = pytest.mark.django_db


def assert_tally_is_fresh() -> None:
    kept = tally.kept_cells()
    assert kept == tally.fresh_cells()
    assert all(count > 0 for count, *_rest in kept.values()), "a cell of zero was kept"


def cell_count(**cell) -> int:
    return sum(NationalTally.objects.filter(**cell).values_list("count", flat=True))


@pytest.fixture
def saxony() -> Place:
    return Place.objects.create(
        slug="saxony",
        kind="state",
        name_de="Sachsen",
        name_en="Saxony",
        country_code="DE",
        parent=Place.objects.get(slug="country-de"),
    )


@pytest.fixture
def dresden(saxony) -> Place:
    return make_city(slug="dresden", name_en="Dresden", country_code="DE", parent=saxony)


def test_the_loaded_dataset_is_tallied_and_berlin_is_a_state(home):
    assert_tally_is_fresh()
    berlin_rows = Partnership.objects.published().filter(home=home).count()
    assert berlin_rows > 0
    # Berlin's own partnerships and its boroughs' lie in the State of Berlin (a home of kind
    # state), so the state figure holds both.
    boroughs = Partnership.objects.published().filter(home__parent=home).count()
    assert cell_count(state_id=home.pk) == berlin_rows + boroughs


def test_inserts_add_to_their_cell(dresden, saxony):
    before = cell_count(state_id=saxony.pk)
    make_partnership(home=dresden, partner=make_city(country_code="IT"), since="1963")
    make_partnership(home=dresden, partner=make_city(country_code="IT"), since="1968-04")
    assert cell_count(state_id=saxony.pk) == before + 2
    assert cell_count(state_id=saxony.pk, country_code="IT", decade="196") == 2
    assert_tally_is_fresh()


def test_updates_move_a_partnership_between_cells(dresden, saxony):
    partnership = make_partnership(home=dresden, partner=make_city(country_code="IT"))
    partnership.status = Status.DORMANT
    partnership.since = PartialDate.from_iso("1975")
    partnership.kind = PartnershipKind.PROJECT_COOPERATION
    partnership.save()
    assert cell_count(state_id=saxony.pk, status=Status.ACTIVE) == 0
    assert (
        cell_count(
            state_id=saxony.pk,
            status=Status.DORMANT,
            decade="197",
            kind=PartnershipKind.PROJECT_COOPERATION,
        )
        == 1
    )
    assert_tally_is_fresh()
    partnership.partner = make_city(country_code="PL", latitude=None, longitude=None)
    partnership.save()
    row = NationalTally.objects.get(state_id=saxony.pk)
    assert (row.country_code, row.count, row.located) == ("PL", 1, 0)
    assert_tally_is_fresh()


def test_unpublishing_and_deleting_take_a_partnership_away(dresden, saxony):
    kept = make_partnership(home=dresden, partner=make_city(country_code="CZ"))
    hidden = make_partnership(home=dresden, partner=make_city(country_code="CZ"))
    Partnership.objects.filter(pk=hidden.pk).update(is_published=False)
    assert cell_count(state_id=saxony.pk) == 1
    assert_tally_is_fresh()
    kept.delete()
    assert not NationalTally.objects.filter(state_id=saxony.pk).exists()
    assert_tally_is_fresh()
    Partnership.objects.filter(pk=hidden.pk).update(is_published=True)
    assert cell_count(state_id=saxony.pk) == 1
    assert_tally_is_fresh()


def test_bulk_and_raw_writes_are_tallied(dresden, saxony):
    partners = [make_city(country_code="HU") for _ in range(3)]
    Partnership.objects.bulk_create(
        Partnership(
            slug=f"bulk-{partner.pk}",
            kind=PartnershipKind.CITY_PARTNERSHIP,
            operator="state",
            home=dresden,
            partner=partner,
            since=PartialDate.from_iso("1990"),
            status_since=PartialDate.from_iso("1990"),
        )
        for partner in partners
    )
    assert cell_count(state_id=saxony.pk, country_code="HU") == 3
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE partnerships_partnership SET status = %s WHERE slug LIKE %s",
            [Status.ENDED, "bulk-%"],
        )
    assert cell_count(state_id=saxony.pk, status=Status.ENDED) == 3
    assert_tally_is_fresh()
    Partnership.objects.filter(slug__startswith="bulk-").delete()
    assert cell_count(state_id=saxony.pk) == 0
    assert_tally_is_fresh()


def test_moving_a_home_to_another_state_moves_its_partnerships(dresden, saxony):
    make_partnership(home=dresden, partner=make_city(country_code="IT"))
    thuringia = Place.objects.create(
        slug="thuringia", kind="state", name_en="Thuringia", country_code="DE"
    )
    district = Place.objects.create(
        slug="weimarer-land", kind="city", name_en="Weimarer Land", country_code="DE"
    )
    dresden.parent = district
    dresden.save()
    assert cell_count(state_id=NO_STATE, country_code="IT") >= 1
    assert cell_count(state_id=saxony.pk) == 0
    district.parent = thuringia  # the grandparent decides now
    district.save()
    assert cell_count(state_id=thuringia.pk) == 1
    assert_tally_is_fresh()


def test_a_partner_place_changing_country_or_position_moves_its_cell(dresden, saxony):
    partner = make_city(country_code="IT", latitude=Decimal("45.4"), longitude=Decimal("12.3"))
    make_partnership(home=dresden, partner=partner)
    partner.latitude = Decimal("46.5")
    partner.save()
    row = NationalTally.objects.get(state_id=saxony.pk)
    assert row.latitude_sum == Decimal("46.50000")
    Place.objects.filter(pk=partner.pk).update(country_code="SI")
    assert NationalTally.objects.get(state_id=saxony.pk).country_code == "SI"
    assert_tally_is_fresh()


def test_a_city_whose_home_is_a_state_is_a_german_state():
    hamburg = make_city(slug="hamburg", name_en="Hamburg", country_code="DE")
    make_partnership(home=hamburg, partner=make_city(country_code="FR"))
    assert cell_count(state_id=hamburg.pk) == 0
    home = make_home(place=hamburg, kind=HomeKind.STATE)
    assert cell_count(state_id=hamburg.pk) == 1
    assert hamburg in german_states()
    assert_tally_is_fresh()
    home.kind = HomeKind.MUNICIPALITY
    home.save()
    assert cell_count(state_id=hamburg.pk) == 0
    assert hamburg not in german_states()
    home.kind = HomeKind.STATE
    home.save()
    home.delete()
    assert cell_count(state_id=hamburg.pk) == 0
    assert_tally_is_fresh()


def test_rebuild_restores_a_damaged_tally(dresden):
    make_partnership(home=dresden, partner=make_city(country_code="IT"))
    NationalTally.objects.all().delete()
    tally.rebuild()
    assert NationalTally.objects.exists()
    assert_tally_is_fresh()


@pytest.mark.parametrize(
    "chosen",
    [
        NationalFilter(),
        NationalFilter(country="IT"),
        NationalFilter(decade=1960, status=Status.ACTIVE),
        NationalFilter(kind=PartnershipKind.PROJECT_COOPERATION),
    ],
    ids=["all", "country", "decade and status", "kind"],
)
def test_figures_from_the_tally_equal_counting_the_partnerships(dresden, saxony, chosen):
    for since, country, kind in [
        ("1961", "IT", PartnershipKind.CITY_PARTNERSHIP),
        ("1969-02", "IT", PartnershipKind.PROJECT_COOPERATION),
        ("1994", "PL", PartnershipKind.CITY_PARTNERSHIP),
    ]:
        make_partnership(home=dresden, partner=make_city(country_code=country), since=since)
        Partnership.objects.filter(partner__country_code=country).update(kind=kind)
    for state in (None, saxony.pk):
        chosen_here = NationalFilter(**{**chosen.__dict__, "state": state})
        rows = filtered(chosen_here)
        result = figures(chosen_here, states=german_states(), country_names={})
        assert result.total == rows.count()
        assert {c.code: c.count for c in result.by_country} == {
            code: rows.filter(partner__country_code=code).count()
            for code in set(rows.values_list("partner__country_code", flat=True))
        }
        assert dict(result.by_status) == {
            status: rows.filter(status=status).count()
            for status in set(rows.values_list("status", flat=True))
        }
