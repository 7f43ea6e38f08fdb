"""Berlin as a State with two boroughs, each with its own editor, for the scope tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from citypartners.homes.enums import HomeKind
from citypartners.homes.models import Home
from citypartners.partnerships.models import Partnership
from tests.conftest import default_home, make_staff
from tests.factories import make_city, make_home, make_partnership


@dataclass
class Boroughs:
    state: Home
    reinickendorf: Home
    spandau: Home
    own: Partnership  # Reinickendorf's
    other: Partnership  # Spandau's
    state_partnership: Partnership  # the State's own (Berlin – Paris)


@pytest.fixture
def boroughs(db) -> Boroughs:
    state = default_home()
    homes = {}
    for slug, name in [("reinickendorf", "Reinickendorf"), ("spandau", "Spandau")]:
        homes[slug] = Home.objects.filter(slug=slug, parent=state).first()  # the dataset's
        if homes[slug] is None:
            place = make_city(
                slug=f"test-{slug}", kind="borough", name_de=name, name_en=name, country_code="DE"
            )
            homes[slug] = make_home(place=place, kind=HomeKind.BOROUGH, parent=state, slug=slug)
    own = make_partnership(
        home=homes["reinickendorf"].place,
        partner=make_city(name_en="Antony-Test", name_de="Antony-Test"),
        kind="borough_partnership",
        operator="borough",
    )
    other = make_partnership(
        home=homes["spandau"].place,
        partner=make_city(name_en="Siegburg-Test", name_de="Siegburg-Test"),
        kind="borough_partnership",
        operator="borough",
    )
    return Boroughs(
        state=state,
        reinickendorf=homes["reinickendorf"],
        spandau=homes["spandau"],
        own=own,
        other=other,
        state_partnership=Partnership.objects.get(slug="berlin-paris"),
    )


@pytest.fixture
def borough_editor(boroughs):
    from citypartners.backoffice.roles import EDITORS

    return make_staff("reinickendorf-editor", EDITORS, home=boroughs.reinickendorf)


@pytest.fixture
def borough_client(client, borough_editor):
    client.force_login(borough_editor)
    return client
