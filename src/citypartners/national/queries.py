"""Reads of the national overview: every published partnership, filtered, and its aggregates.

Every figure on the page is a sum over the national tally (`models.NationalTally`, kept by
triggers), so the page runs the same handful of queries at 50 partnerships and at 50,000, and
the figures read a few thousand tally rows, not the partnerships
(`tests/national/test_views.py`):

1. the German states that have partnerships (the filter's choices, the state figures' names),
2. the countries (the filter's choices and the names of the map's circles),
3. in one statement over the tally: counts per partner country with the mean position of the
   partners there (the map, the continents), per decade and status (the decades, active
   versus dormant, the total), and per German state of the home,
4. and 5. the ids of one page of the list, then those partnerships with their two places.

A home's German state is the first of the home, its parent and its grandparent that is a
German state (`national.tally`); the list's state filter follows the same three links.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from citypartners.core.dates import PartialDate
from citypartners.national.models import NO_STATE, NationalTally
from citypartners.national.tally import TALLY
from citypartners.partnerships.enums import Status
from citypartners.partnerships.models import Partnership
from citypartners.places.continents import Continent, continent_of
from citypartners.places.enums import PlaceKind
from citypartners.places.models import Place

FIRST_DECADE = 1900


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


def german_states() -> list[Place]:
    """The German states that have published partnerships, by name in the current language
    (query 1): those of kind `state` (Bavaria) and the homes of kind `state` (Berlin, a city
    that is a State), as the tally found them."""
    with_partnerships = NationalTally.objects.exclude(state_id=NO_STATE).values("state_id")
    return sorted(
        Place.objects.filter(pk__in=with_partnerships).only(
            "id", "slug", "name", "name_de", "name_en", "country_code"
        ),
        key=lambda place: place.name.casefold(),
    )


def countries() -> dict[str, str]:
    """Country code to name in the current language, by name (query 2)."""
    first, second = ("name_de", "name_en") if get_language() == "de" else ("name_en", "name_de")
    rows = Place.objects.filter(kind=PlaceKind.COUNTRY).values_list(
        "country_code", first, second, "name"
    )  # plain rows: 250 model instances were a good part of the query's time
    named = {code: one or other or name for code, one, other, name in rows}
    return dict(sorted(named.items(), key=lambda item: item[1].casefold()))


def filtered(chosen: NationalFilter) -> QuerySet[Partnership]:
    """Published partnerships that match the filter."""
    rows = Partnership.objects.published()
    # Subqueries of place ids rather than joins: PostgreSQL then reads the state's places and
    # the country's by index (6 ms at national size) instead of merging every place with the
    # partnerships (40 ms).
    if chosen.state:
        state = chosen.state
        children = Place.objects.filter(parent_id=state).values("pk")
        in_state = Place.objects.filter(
            Q(pk=state) | Q(parent_id=state) | Q(parent_id__in=children)
        ).values("pk")
        rows = rows.filter(home_id__in=in_state)
    if chosen.country:
        in_country = Place.objects.filter(country_code=chosen.country).values("pk")
        rows = rows.filter(partner_id__in=in_country)
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


# Every figure of the page from the tally in one statement (decision record 0031): the sums
# of the filtered cells grouped three ways. GROUPING() tells the sets apart: 7 = by country,
# 9 = by decade and status, 14 = by state. SQLite, which has no GROUPING SETS, reads the
# (small) tally three times.
_SUMS = "SUM(count), SUM(located), SUM(latitude_sum), SUM(longitude_sum)"
_FIGURES_SQL_POSTGRESQL = f"""
SELECT GROUPING(country_code, decade, status, state_id), country_code, decade, status, state_id,
{_SUMS} FROM {TALLY} WHERE {{where}}
GROUP BY GROUPING SETS ((country_code), (decade, status), (state_id))
"""
_FIGURES_SQL = f"""
SELECT 7, country_code, NULL, NULL, NULL, {_SUMS} FROM {TALLY} WHERE {{where}}
GROUP BY country_code
UNION ALL
SELECT 9, NULL, decade, status, NULL, {_SUMS} FROM {TALLY} WHERE {{where}}
GROUP BY decade, status
UNION ALL
SELECT 14, NULL, NULL, NULL, state_id, {_SUMS} FROM {TALLY} WHERE {{where}}
GROUP BY state_id
"""
BY_COUNTRY, BY_DECADE_AND_STATUS, BY_STATE = 7, 9, 14


def _tally_where(chosen: NationalFilter) -> tuple[str, list]:
    """The filter as a condition on the tally's cells."""
    conditions, params = ["1 = 1"], []
    for column, value in (
        ("state_id", chosen.state),
        ("country_code", chosen.country),
        ("kind", chosen.kind),
        ("decade", str(chosen.decade)[:3] if chosen.decade else ""),
        ("status", chosen.status),
    ):
        if value:
            conditions.append(f"{column} = %s")
            params.append(value)
    return " AND ".join(conditions), params


def _decade(prefix: str | None) -> int | None:
    prefix = prefix or ""
    return int(prefix) * 10 if prefix.isdigit() and len(prefix) == 3 else None


def figures(
    chosen: NationalFilter, *, states: list[Place], country_names: dict[str, str]
) -> Figures:
    """Counts by partner country, continent, decade, status and German state (one query over
    the tally, a few thousand rows at national size, not over the partnerships)."""
    where, params = _tally_where(chosen)
    if connection.vendor == "postgresql":
        sql = _FIGURES_SQL_POSTGRESQL.format(where=where)
    else:
        sql, params = _FIGURES_SQL.format(where=where), params * 3
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()

    result = Figures()
    continents: dict[Continent | None, int] = defaultdict(int)
    by_decade: dict[int | None, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    state_by_id = {state.pk: state for state in states}
    by_state: dict[Place | None, int] = defaultdict(int)
    for part, code, decade, status, state_id, count, located, latitude, longitude in found:
        count = int(count)
        if part == BY_COUNTRY:
            located = int(located)
            result.by_country.append(
                CountryCount(
                    code=code,
                    name=country_names.get(code, code),
                    count=count,
                    latitude=float(latitude) / located if located else None,
                    longitude=float(longitude) / located if located else None,
                )
            )
            continents[continent_of(code)] += count
        elif part == BY_DECADE_AND_STATUS:
            by_decade[_decade(decade)] += count
            by_status[status] += count
            result.total += count
        elif part == BY_STATE:
            by_state[state_by_id.get(int(state_id))] += count
    result.by_country.sort(key=lambda c: (-c.count, c.name.casefold()))
    result.by_continent = sorted(
        continents.items(), key=lambda item: (-item[1], str(item[0] and item[0].label))
    )
    result.by_decade = sorted(by_decade.items(), key=lambda item: (item[0] is None, item[0] or 0))
    result.by_status = [(status, by_status[status]) for status in Status if by_status[status]]
    result.by_state = sorted(
        by_state.items(),
        key=lambda item: (item[0] is None, -item[1], item[0].name if item[0] else ""),
    )
    return result


_NAMES = ("name", "name_de", "name_en")


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
        # Only what the list shows: the partnerships' and places' long texts stay unread.
        found = (
            Partnership.objects.filter(pk__in=pks)
            .select_related("home", "partner")
            .only(
                "slug",
                "kind",
                "since",
                "status",
                *(f"{side}__{name}" for side in ("home", "partner") for name in _NAMES),
            )
        )
        by_pk = {partnership.pk: partnership for partnership in found}
        return [by_pk[pk] for pk in pks if pk in by_pk]
