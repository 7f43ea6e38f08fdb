"""Reading homes and their partnerships, each from the home's own side.

A partnership joins `home` and `partner`. When both places are homes (Berlin and Paris), the
one row belongs to both sections: `partnerships_of(home)` returns the rows where the home's
place is either side, each with the other side computed, so Paris's section lists Berlin as
its partner without a second row. Each function issues a fixed number of queries whatever the
number of rows (tests/homes count them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from citypartners.core.dates import PartialDate
from citypartners.core.i18n import current_language
from citypartners.homes.models import Home
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place


def _in_language(language: str, de: str, en: str) -> str:
    first, second = (de, en) if language == "de" else (en, de)
    return first or second


@dataclass(frozen=True)
class SidedPartnership:
    """A partnership as one home's section shows it: the other side is the partner."""

    slug: str
    kind: str
    since: PartialDate
    status: str
    status_since: PartialDate
    partner_slug: str
    partner: str  # the other side's name in the active language
    country: str  # the other side's country name, or its ISO code
    latitude: float | None
    longitude: float | None
    partner_home_slug: str | None  # the other side's section, when it is a home too
    partner_home_kind: str | None  # and that home's kind (a borough's section is elsewhere)
    is_own_side: bool  # True when the home is the row's `home`, False when its `partner`
    country_code: str = ""  # the other side's ISO country code


def default_home() -> Home | None:
    """The installation's default home (CITYPARTNERS_HOME), or None before the data loads."""
    return Home.objects.default().select_related("place", "place__parent").first()


def home_by_slug(slug: str, *, kind: str | None = None) -> Home:
    """A published home with what its section shows. Raises Home.DoesNotExist."""
    rows = Home.objects.published().select_related(
        "place", "place__parent", "parent", "parent__place", "office"
    )
    if kind is not None:
        rows = rows.filter(kind=kind)
    return rows.prefetch_related("sources").get(slug=slug)


def boroughs_of(home: Home) -> list[Home]:
    """The published boroughs of a State, with their places, in their set order."""
    return list(Home.objects.published().boroughs_of(home).select_related("place"))


def partnership_rows_of(place: Place) -> QuerySet[Partnership]:
    """Published partnerships where the place is either side: the one row, seen by both."""
    return Partnership.objects.published().filter(Q(home=place) | Q(partner=place))


_OTHER_SIDE = ("slug", "name_de", "name_en", "country_code", "parent_id", "latitude", "longitude")


def partnerships_of(home: Home | Place) -> list[SidedPartnership]:
    """The home's published partnerships from its side, oldest first, undated last.

    Four queries whatever the number of rows: the rows alone, the other sides by id, their
    countries, and which other sides are homes themselves. Reading the rows without joining
    the places lets PostgreSQL look up a few hundred partners by index instead of hashing
    every place of the register (34,000 at national size; decision record 0031).
    """
    place = home.place if isinstance(home, Home) else home
    language = current_language()
    rows = list(
        partnership_rows_of(place).values_list(
            "slug", "kind", "since", "status", "status_since", "home_id", "partner_id"
        )
    )
    other_ids = {partner_id if home_id == place.pk else home_id for *_, home_id, partner_id in rows}
    others = {
        row[0]: row[1:]
        for row in Place.objects.filter(pk__in=other_ids).values_list("pk", *_OTHER_SIDE)
    }
    country_ids = {other[4] for other in others.values() if other[4]}
    countries = {
        pk: _in_language(language, de, en)
        for pk, de, en in Place.objects.filter(pk__in=country_ids).values_list(
            "pk", "name_de", "name_en"
        )
    }
    # By the places' ids in a subquery of the home's partnerships, not by a join with the
    # places on hundreds of slugs (7-8 ms at national size; now under one), nor by a list of
    # hundreds of parameters that the driver must split.
    sides = partnership_rows_of(place)
    other_homes = {
        place_id: (slug, kind)
        for place_id, slug, kind in Home.objects.published()
        .filter(
            Q(place_id__in=sides.values("partner_id")) | Q(place_id__in=sides.values("home_id"))
        )
        .exclude(place_id=place.pk)
        .values_list("place_id", "slug", "kind")
    }
    result = []
    for slug, kind, since, status, status_since, home_id, partner_id in rows:
        own_side = home_id == place.pk
        other_id = partner_id if own_side else home_id
        other = others[other_id]
        other_home = other_homes.get(other_id, (None, None))
        result.append(
            SidedPartnership(
                slug=slug,
                kind=kind,
                since=since,
                status=status,
                status_since=status_since,
                partner_slug=other[0],
                partner=_in_language(language, other[1], other[2]),
                country=countries.get(other[4]) or other[3],
                latitude=None if other[5] is None else float(other[5]),
                longitude=None if other[6] is None else float(other[6]),
                partner_home_slug=other_home[0],
                partner_home_kind=other_home[1],
                is_own_side=own_side,
                country_code=other[3],
            )
        )
    return sorted(result, key=lambda p: (p.since.sort_key(), p.partner))


@dataclass(frozen=True)
class BoroughSummary:
    """A borough as the State's page lists it: its section and how many partners it has."""

    home: Home
    partner_count: int


def borough_summaries(state: Home) -> list[BoroughSummary]:
    """The State's published boroughs with the number of their current partnerships (either
    side), in three queries whatever the number of boroughs or partnerships."""
    boroughs = boroughs_of(state)
    place_ids = [borough.place_id for borough in boroughs]
    counts = dict.fromkeys(place_ids, 0)
    current = Partnership.objects.published().current()
    for side in ("home_id", "partner_id"):
        for place_id, count in (
            current.filter(**{f"{side}__in": place_ids})
            .values_list(side)
            .annotate(count=Count("pk"))
            .order_by()
        ):
            counts[place_id] += count
    return [BoroughSummary(home=b, partner_count=counts[b.place_id]) for b in boroughs]
