"""Reads of the national overview: every published partnership, filtered, and its aggregates.

Every figure on the page comes from a GROUP BY in the database, so the page runs the same
handful of queries at 50 partnerships and at 50,000 (`tests/national/test_query_counts.py`):

1. the German states (the filter's choices and the names of the state figures),
2. the countries (the filter's choices and the names of the map's circles),
3. counts per partner country, with the mean position of the partners there (the map, the
   continents),
4. counts per decade and status (the decades, active versus dormant, the total),
5. counts per German state of the home,
6. and 7. the ids of one page of the list, then those partnerships with their two places.

A home's German state is the first of the home, its parent and its grandparent that is a
state of Germany (a municipality, its district, its state); three joins, no recursion.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Case, Count, F, IntegerField, Q, QuerySet, When
from django.db.models.functions import Substr

from citypartners.core.dates import PartialDate
from citypartners.partnerships.enums import Status
from citypartners.partnerships.models import Partnership
from citypartners.places.continents import Continent, continent_of
from citypartners.places.enums import PlaceKind
from citypartners.places.models import Place

GERMANY = "DE"
FIRST_DECADE = 1900
# The ancestors of a home that may be its German state, nearest first.
_STATE_PATHS = ("home", "home__parent", "home__parent__parent")


@dataclass(frozen=True)
class NationalFilter:
    """What the visitor chose; empty values do not filter."""

    state: int | None = None
    country: str = ""
    kind: str = ""
    decade: int | None = None
    status: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.state or self.country or self.kind or self.decade or self.status)


def decades(today: dt.date | None = None) -> list[int]:
    """The decades the filter offers: 1900 up to the current one."""
    year = (today or dt.date.today()).year
    return list(range(FIRST_DECADE, year - year % 10 + 1, 10))


def state_of_home() -> Case:
    """The id of the German state a partnership's home lies in, or NULL."""
    return Case(
        *[
            When(
                **{f"{path}__kind": PlaceKind.STATE, f"{path}__country_code": GERMANY},
                then=F(f"{path}_id" if path == "home" else f"{path}__id"),
            )
            for path in _STATE_PATHS
        ],
        default=None,
        output_field=IntegerField(),
    )


def german_states() -> list[Place]:
    """The German states, by name in the current language (query 1)."""
    return sorted(
        Place.objects.filter(kind=PlaceKind.STATE, country_code=GERMANY).only(
            "id", "slug", "name", "name_de", "name_en", "country_code"
        ),
        key=lambda place: place.name.casefold(),
    )


def countries() -> dict[str, str]:
    """Country code to name in the current language, by name (query 2)."""
    rows = Place.objects.filter(kind=PlaceKind.COUNTRY).only(
        "id", "name", "name_de", "name_en", "country_code"
    )
    named = {place.country_code: place.name for place in rows}
    return dict(sorted(named.items(), key=lambda item: item[1].casefold()))


def filtered(chosen: NationalFilter) -> QuerySet[Partnership]:
    """Published partnerships that match the filter."""
    rows = Partnership.objects.published()
    if chosen.state:
        state = chosen.state
        rows = rows.filter(
            Q(home_id=state) | Q(home__parent_id=state) | Q(home__parent__parent_id=state)
        )
    if chosen.country:
        rows = rows.filter(partner__country_code=chosen.country)
    if chosen.kind:
        rows = rows.filter(kind=chosen.kind)
    if chosen.decade:
        rows = rows.filter(
            since__gte=PartialDate(chosen.decade), since__lt=PartialDate(chosen.decade + 10)
        )
    if chosen.status:
        rows = rows.filter(status=chosen.status)
    return rows


@dataclass(frozen=True)
class CountryCount:
    code: str
    name: str
    count: int
    latitude: float | None
    longitude: float | None


@dataclass
class Figures:
    """The aggregates of the filtered partnerships."""

    total: int = 0
    by_country: list[CountryCount] = field(default_factory=list)
    by_continent: list[tuple[Continent | None, int]] = field(default_factory=list)
    by_decade: list[tuple[int | None, int]] = field(default_factory=list)
    by_status: list[tuple[Status, int]] = field(default_factory=list)
    by_state: list[tuple[Place | None, int]] = field(default_factory=list)


def figures(
    chosen: NationalFilter, *, states: list[Place], country_names: dict[str, str]
) -> Figures:
    """Counts by partner country, continent, decade, status and German state (three queries)."""
    rows = filtered(chosen).order_by()
    result = Figures()

    per_country = rows.values(code=F("partner__country_code")).annotate(
        count=Count("id"), latitude=Avg("partner__latitude"), longitude=Avg("partner__longitude")
    )
    continents: dict[Continent | None, int] = defaultdict(int)
    for row in per_country:
        code = row["code"]
        result.by_country.append(
            CountryCount(
                code=code,
                name=country_names.get(code, code),
                count=row["count"],
                latitude=None if row["latitude"] is None else float(row["latitude"]),
                longitude=None if row["longitude"] is None else float(row["longitude"]),
            )
        )
        continents[continent_of(code)] += row["count"]
    result.by_country.sort(key=lambda c: (-c.count, c.name.casefold()))
    result.by_continent = sorted(
        continents.items(), key=lambda item: (-item[1], str(item[0] and item[0].label))
    )

    per_decade_status = rows.values("status", decade=Substr("since", 1, 3)).annotate(
        count=Count("id")
    )
    by_decade: dict[int | None, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    for row in per_decade_status:
        prefix = row["decade"] or ""
        decade = int(prefix) * 10 if prefix.isdigit() and len(prefix) == 3 else None
        by_decade[decade] += row["count"]
        by_status[row["status"]] += row["count"]
        result.total += row["count"]
    result.by_decade = sorted(by_decade.items(), key=lambda item: (item[0] is None, item[0] or 0))
    result.by_status = [(status, by_status[status]) for status in Status if by_status[status]]

    per_state = rows.values(state=state_of_home()).annotate(count=Count("id"))
    state_by_id = {state.pk: state for state in states}
    result.by_state = sorted(
        ((state_by_id.get(row["state"]), row["count"]) for row in per_state),
        key=lambda item: (item[0] is None, -item[1], item[0].name if item[0] else ""),
    )
    return result


class PageRows:
    """The list's partnerships in their order, for a paginator to slice (queries 6 and 7).

    The length is the total the figures counted, so the paginator counts nothing again; a
    page reads its ids from the sorted, filtered query, then those rows with their places.
    """

    ordered = True

    def __init__(self, rows: QuerySet[Partnership], count: int) -> None:
        self.rows = rows.order_by("-since", "-id")
        self.total = count

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[Partnership]:
        pks = list(self.rows.values_list("pk", flat=True)[index])
        found = Partnership.objects.filter(pk__in=pks).select_related("home", "partner")
        by_pk = {partnership.pk: partnership for partnership in found}
        return [by_pk[pk] for pk in pks if pk in by_pk]
