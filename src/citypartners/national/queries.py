"""Reads of the national overview: every published partnership, filtered, and its aggregates.

Every figure on the page comes from a GROUP BY in the database, so the page runs the same
handful of queries at 50 partnerships and at 50,000 (`tests/national/test_query_counts.py`):

1. the German states (the filter's choices and the names of the state figures),
2. the countries (the filter's choices and the names of the map's circles),
3. in one statement over one scan: counts per partner country with the mean position of the
   partners there (the map, the continents), per decade and status (the decades, active
   versus dormant, the total), and per German state of the home,
4. and 5. the ids of one page of the list, then those partnerships with their two places.

A home's German state is the first of the home, its parent and its grandparent that is a
state of Germany (a municipality, its district, its state); three joins, no recursion.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, When
from django.db.models.functions import Substr

from citypartners.core.dates import PartialDate
from citypartners.partnerships.enums import Status
from citypartners.partnerships.models import Partnership
from citypartners.places.continents import Continent, continent_of
from citypartners.places.enums import PlaceKind
from citypartners.places.models import Place

GERMANY = "DE"
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


def _state_of(prefix: str = "") -> Case:
    """The id of the German state a place (or the place at `prefix`) lies in, or NULL."""
    paths = [f"{prefix}{path}" for path in ("", "parent__", "parent__parent__")]
    return Case(
        *[
            When(
                **{f"{path}kind": PlaceKind.STATE, f"{path}country_code": GERMANY},
                then=F(f"{path}id"),
            )
            for path in paths
        ],
        default=None,
        output_field=IntegerField(),
    )


# One statement, one scan of the filtered partnerships (the CTE `f`, which PostgreSQL
# materialises once because it is read three times): counts per partner country with the
# partners' mean position, per decade and status, and per German state. The state is looked
# up for the distinct homes only (hundreds), not for every partnership (tens of thousands).
_FIGURES_SQL = """
WITH f AS ({filtered}),
homes AS (SELECT home_id, COUNT(*) AS n FROM f GROUP BY home_id)
SELECT 'c', code, NULL, COUNT(*), AVG(latitude), AVG(longitude) FROM f GROUP BY code
UNION ALL
SELECT 'd', decade, status, COUNT(*), NULL, NULL FROM f GROUP BY decade, status
UNION ALL
SELECT 's', CAST(s.state AS VARCHAR(20)), NULL, SUM(homes.n), NULL, NULL
FROM homes JOIN ({states}) s ON s.id = homes.home_id GROUP BY s.state
"""


# The same in PostgreSQL without materialising the filtered rows: one scan feeds three
# grouping sets at once (GROUPING() tells them apart: 7 = by country, 9 = by decade and
# status, 14 = by home); only the small grouped result is read again for the states.
_FIGURES_SQL_POSTGRESQL = """
WITH g AS (
SELECT code, decade, status, home_id, GROUPING(code, decade, status, home_id) AS part,
COUNT(*) AS n, AVG(latitude) AS latitude, AVG(longitude) AS longitude
FROM ({filtered}) f
GROUP BY GROUPING SETS ((code), (decade, status), (home_id))
)
SELECT 'c', code, NULL, n, latitude, longitude FROM g WHERE part = 7
UNION ALL
SELECT 'd', decade, status, n, NULL, NULL FROM g WHERE part = 9
UNION ALL
SELECT 's', CAST(s.state AS VARCHAR(20)), NULL, SUM(g.n), NULL, NULL
FROM g JOIN ({states}) s ON s.id = g.home_id WHERE g.part = 14 GROUP BY s.state
"""


def figures(
    chosen: NationalFilter, *, states: list[Place], country_names: dict[str, str]
) -> Figures:
    """Counts by partner country, continent, decade, status and German state (one query)."""
    # annotate() before values(): modeltranslation's values() selects every column when it is
    # given only expressions, which would group by partnership instead of by country.
    rows = (
        filtered(chosen)
        .order_by()
        .annotate(
            code=F("partner__country_code"),
            latitude=F("partner__latitude"),
            longitude=F("partner__longitude"),
            decade=Substr("since", 1, 3),
        )
        .values("home_id", "code", "latitude", "longitude", "decade", "status")
    )
    state_of_place = Place.objects.order_by().annotate(state=_state_of()).values("id", "state")
    filtered_sql, filtered_params = rows.query.sql_with_params()
    states_sql, states_params = state_of_place.query.sql_with_params()
    template = _FIGURES_SQL_POSTGRESQL if connection.vendor == "postgresql" else _FIGURES_SQL
    sql = template.format(filtered=filtered_sql, states=states_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, (*filtered_params, *states_params))
        found = cursor.fetchall()

    result = Figures()
    continents: dict[Continent | None, int] = defaultdict(int)
    by_decade: dict[int | None, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    state_by_id = {state.pk: state for state in states}
    by_state: dict[Place | None, int] = defaultdict(int)
    for part, key, status, count, latitude, longitude in found:
        count = int(count)
        if part == "c":
            result.by_country.append(
                CountryCount(
                    code=key,
                    name=country_names.get(key, key),
                    count=count,
                    latitude=None if latitude is None else float(latitude),
                    longitude=None if longitude is None else float(longitude),
                )
            )
            continents[continent_of(key)] += count
        elif part == "d":
            prefix = key or ""
            decade = int(prefix) * 10 if prefix.isdigit() and len(prefix) == 3 else None
            by_decade[decade] += count
            by_status[status] += count
            result.total += count
        else:
            by_state[state_by_id.get(int(key)) if key else None] += count
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
