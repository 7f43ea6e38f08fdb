"""Small factories for our models: valid objects with sensible defaults, overridable by keyword."""

from __future__ import annotations

import itertools

from citypartners.activities.models import Activity
from citypartners.activities.services import refresh_activity_dates
from citypartners.core.dates import PartialDate
from citypartners.homes.enums import HomeKind
from citypartners.homes.models import Home
from citypartners.partnerships.enums import Operator, PartnershipKind, StatusKind
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.services import record_status_change
from citypartners.places.models import Place
from citypartners.sources.models import Source

_numbers = itertools.count(1)


def make_source(**fields) -> Source:
    n = next(_numbers)
    values = {
        "key": f"test-source-{n}",
        "title": f"Test source {n}",
        "language": "en",
        "kind": "document",
        "is_public": True,  # a published source; pass is_public=False for a private upload
    }
    values.update(fields)
    source = Source(**values)
    source.full_clean()
    source.save()
    return source


def make_city(**fields) -> Place:
    n = next(_numbers)
    values = {
        "slug": f"test-city-{n}",
        "kind": "city",
        "name_de": f"Teststadt {n}",
        "name_en": f"Test City {n}",
        "country_code": "FR",
        "latitude": 10 + n % 60,
        "longitude": -100 + n % 200,
    }
    values.update(fields)
    place = Place(**values)
    place.full_clean()
    place.save()
    return place


def make_partnership(
    *,
    home: Place,
    partner: Place | None = None,
    since: str = "2001-05-17",
    source: Source | None = None,
    **fields,
) -> Partnership:
    partner = partner or make_city()
    values = {
        "slug": f"{home.slug}-{partner.slug}",
        "kind": PartnershipKind.CITY_PARTNERSHIP,
        "operator": Operator.STATE,
        "home": home,
        "partner": partner,
        "summary_de": f"Partnerschaft mit {partner.name_de}",
        "summary_en": f"Partnership with {partner.name_en}",
        "description_de": "Eine Partnerschaft für Tests.",
        "description_en": "A partnership for tests.",
    }
    values.update(fields)
    partnership = Partnership(**values)
    partnership.full_clean()
    partnership.save()
    source = source or make_source()
    partnership.sources.add(source)
    record_status_change(
        partnership=partnership,
        kind=StatusKind.ACTIVE,
        on=PartialDate.from_iso(since),
        sources=[source],
    )
    return partnership


def make_activity(
    *, partnership: Partnership, starts: str = "2024", ends: str = "", **fields
) -> Activity:
    n = next(_numbers)
    values = {
        "slug": f"test-activity-{n}",
        "partnership": partnership,
        "kind": "visit",
        "title_de": f"Besuch {n}",
        "title_en": f"Visit {n}",
        "starts": PartialDate.from_iso(starts),
        "ends": PartialDate.from_iso(ends),
    }
    values.update(fields)
    activity = Activity(**values)
    refresh_activity_dates(activity)
    activity.full_clean()
    activity.save()
    activity.sources.add(make_source())
    return activity


def make_home(*, place: Place | None = None, kind: str = HomeKind.MUNICIPALITY, **fields) -> Home:
    """A published home for a place (a new city unless one is given)."""
    place = place or make_city()
    values = {"place": place, "slug": place.slug, "kind": kind}
    values.update(fields)
    home = Home(**values)
    home.full_clean()
    home.save()
    return home
