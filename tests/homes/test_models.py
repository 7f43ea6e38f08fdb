"""The Home model: one per place, its QuerySet's named filters, its default."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from citypartners.homes.enums import HomeKind
from citypartners.homes.models import Home
from tests.factories import make_city, make_home

pytestmark = pytest.mark.django_db


def test_home_takes_its_name_from_its_place():
    place = make_city(name_de="Antony", name_en="Antony-en")
    home = make_home(place=place)
    assert home.name in {"Antony", "Antony-en"}
    assert str(home) == str(place)


def test_home_one_per_place():
    place = make_city()
    make_home(place=place)
    with pytest.raises(IntegrityError), transaction.atomic():
        Home.objects.create(place=place, slug="other-slug", kind=HomeKind.MUNICIPALITY)


def test_home_cannot_be_its_own_parent():
    home = make_home()
    home.parent = home
    with pytest.raises(ValidationError):
        home.full_clean()


def test_boroughs_of_lists_only_that_states_boroughs_in_order():
    state = make_home(kind=HomeKind.STATE)
    other_state = make_home(kind=HomeKind.STATE)
    second = make_home(kind=HomeKind.BOROUGH, parent=state, position=2)
    first = make_home(kind=HomeKind.BOROUGH, parent=state, position=1)
    make_home(kind=HomeKind.BOROUGH, parent=other_state)
    make_home(kind=HomeKind.DISTRICT, parent=state)
    assert list(Home.objects.boroughs_of(state)) == [first, second]


def test_for_place_finds_the_home_of_a_place_or_none():
    home = make_home()
    assert list(Home.objects.for_place(home.place)) == [home]
    assert not Home.objects.for_place(make_city()).exists()


def test_default_home_follows_the_setting(settings):
    home = make_home()
    other = make_home()
    settings.CITYPARTNERS_HOME = home.place.slug
    assert list(Home.objects.default()) == [home]
    assert home.is_default and not other.is_default
