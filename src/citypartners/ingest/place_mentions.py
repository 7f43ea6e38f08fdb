"""Find the place names a text mentions, with their spans, before deciding what they mean.

Extraction first needs every candidate: "Mexiko-Stadt", "Buenos Aires", "Frankfurt am Main",
"Berlins" (a genitive), the parts of "Berlin-CDMX". Capitalised word runs (with the small
connecting words place names use) are looked up longest first; countries and regions are
recorded as such so that they are never taken for cities. What counts as a partner is
decided later, with the context of each mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from citypartners.ingest.date_mentions import MON, YEAR
from citypartners.ingest.gazetteer import REGION_YIELDS_TO_CITY, Gazetteer, PlaceRef
from citypartners.ingest.wordlists import word_set

_TOKEN = re.compile(r"(?:St|Ste|Sta|Mt|Ft)\.|[^\W\d_]+(?:['’´`][^\W\d_]+)*")
_CONNECTORS = word_set(
    "de del della di da do dos das du des la le les los las el al am an der im in upon on sur "
    "y e i of en sous aux lès lez"
)
_MAX_TOKENS = 5
# "Mitte September", "Ende 1990", "Anfang Mai": a part of a month or year, never the places
# called Mitte (Berlin's borough) or Ende (Flores)
_TIME_PARTS = word_set("anfang mitte ende")
_MONTH_OR_YEAR = re.compile(rf"\s+(?:{MON}|{YEAR})")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name at ``start:end``; ``kind`` is "city", "country" or "region" (a continent, or a
    State or province, whose ``place`` then names it with its country). ``unlisted``: a
    name GeoNames lacks, taken for a city from the country written beside it
    (`unlisted_places.py`)."""

    start: int
    end: int
    text: str
    kind: str
    place: PlaceRef | None = None
    country: str | None = None
    in_compound: bool = False
    unlisted: bool = False

    @property
    def population(self) -> int:
        return self.place.population if self.place else 0


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _joined(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return gap in ("-", "‐", "–") or (gap.strip(" ") == "" and 0 < len(gap) <= 2)


def find_place_mentions(
    text: str, gazetteer: Gazetteer, *, countries: Iterable[str] = ()
) -> list[PlaceMention]:
    """Every city, country and region name in ``text``, longest match first, left to right."""
    context = tuple(countries)
    # a long text names the same places again and again: look each name up once per text
    cache: dict[str, PlaceMention | None] = {}
    tokens = _tokens(text)
    mentions: list[PlaceMention] = []
    index = 0
    count = len(tokens)
    while index < count:
        start, _end, word = tokens[index]
        if not word[0].isupper():
            index += 1
            continue
        found = None
        last = index
        for stop in range(index, min(index + _MAX_TOKENS, count)):
            if stop > index and not _joined(text, tokens[stop - 1][1], tokens[stop][0]):
                break
            piece = tokens[stop][2]
            if stop > index and not piece[0].isupper() and piece.lower() not in _CONNECTORS:
                break
            if not piece[0].isupper():
                continue
            name = text[start : tokens[stop][1]]
            mention = _lookup(name, start, gazetteer, context, cache)
            if mention is not None:
                found, last = mention, stop
        if found is None and index == last:
            found = _genitive(word, start, gazetteer, context)
        if found is not None and _names_a_time(text, found, word):
            found = None
        if found is not None:
            compound = _in_compound(text, found.start, found.end)
            if compound:
                found = PlaceMention(
                    found.start, found.end, found.text, found.kind, found.place, found.country, True
                )
            mentions.append(found)
            index = last + 1
        else:
            index += 1
    return mentions


def _names_a_time(text: str, found: PlaceMention, word: str) -> bool:
    return (
        found.end - found.start == len(word)
        and word.casefold() in _TIME_PARTS
        and _MONTH_OR_YEAR.match(text, found.end) is not None
    )


def _in_compound(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before == "-" and start > 1 and text[start - 2].isalpha()) or (
        after == "-" and end + 1 < len(text) and text[end + 1].isalpha()
    )


def _lookup(
    name: str, start: int, gazetteer: Gazetteer, context: tuple, cache: dict
) -> PlaceMention | None:
    if name not in cache:
        cache[name] = _lookup_uncached(name, 0, gazetteer, context)
    found = cache[name]
    if found is None:
        return None
    return PlaceMention(start, start + len(name), name, found.kind, found.place, found.country)


def _lookup_uncached(
    name: str, start: int, gazetteer: Gazetteer, context: tuple
) -> PlaceMention | None:
    end = start + len(name)
    if gazetteer.is_alias(name):
        place = gazetteer.resolve(name)
        return PlaceMention(start, end, name, "city", place, place.country if place else None)
    code = gazetteer.country_code(name)
    if code:
        return PlaceMention(start, end, name, "country", None, code)
    region = gazetteer.region(name)
    if gazetteer.is_region(name):
        return PlaceMention(start, end, name, "region", region, region.country if region else None)
    place = gazetteer.resolve(name, countries=context)
    # a State or province named like a small town is the State ("Wisconsin", "Glarus")
    if region is not None and (place is None or place.population < REGION_YIELDS_TO_CITY):
        return PlaceMention(start, end, name, "region", region, region.country)
    if place is None:
        return None
    return PlaceMention(start, end, name, "city", place, place.country)


def _genitive(word: str, start: int, gazetteer: Gazetteer, context: tuple) -> PlaceMention | None:
    for suffix in ("’s", "'s", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            place = gazetteer.resolve(base, countries=context, min_population=100_000)
            if place is not None:
                return PlaceMention(start, start + len(base), base, "city", place, place.country)
    return None
