"""Stage 2 of extraction: the places and dates a text mentions, indexed by offset.

Finding mentions (`place_mentions.py`, `date_mentions.py`) decides nothing about partnerships;
this stage only resolves each city against the countries of the document and the countries
written next to it ("Córdoba, Argentinien"), and keeps mentions sorted by offset so that the
relation rules can ask "what lies in this sentence / right after this city" in logarithmic
time. Scanning every mention for every sentence is what made extraction quadratic.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from citypartners.ingest.date_mentions import DateMention
from citypartners.ingest.gazetteer import Gazetteer, PlaceRef
from citypartners.ingest.language import detect_language, rule_language
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.unlisted_places import find_unlisted_places
from citypartners.ingest.vocabulary import COUNTRY_ADJECTIVE, COUNTRY_ADJECTIVES

#: characters either side of a city in which a country name counts as "next to it"
NEARBY = 40
_LONGEST_COUNTRY = 80

T = TypeVar("T", PlaceMention, DateMention)


@dataclass
class SpanIndex(Generic[T]):
    """Items with ``start``/``end`` sorted by start, with range queries by offset."""

    items: list[T]
    _starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.items = sorted(self.items, key=lambda item: (item.start, item.end))
        self._starts = [item.start for item in self.items]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def within(self, start: int, end: int) -> list[T]:
        """Items lying wholly inside ``start:end``, in order."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end, lo=low)
        return [item for item in self.items[low:high] if item.end <= end]

    def starting_between(self, start: int, end: int) -> list[T]:
        """Items whose start lies in ``start:end``, in order."""
        low = bisect.bisect_left(self._starts, start)
        return self.items[low : bisect.bisect_left(self._starts, end, lo=low)]

    def first_from(self, offset: int) -> T | None:
        """The first item starting at or after ``offset``."""
        index = bisect.bisect_left(self._starts, offset)
        return self.items[index] if index < len(self.items) else None

    def last_ending_by(self, offset: int) -> T | None:
        """The last item (by start) that ends at or before ``offset``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        while index >= 0:
            if self.items[index].end <= offset:
                return self.items[index]
            index -= 1
        return None


def resolve_places(
    raw: list[PlaceMention], gazetteer: Gazetteer, home: PlaceRef | None, text: str = ""
) -> SpanIndex[PlaceMention]:
    """Re-resolve ambiguous city names with the countries the document and its neighbours name,
    and with a country's adjective right before a city ("der ukrainischen Stadt Saki"); add the
    places GeoNames lacks that have a country written beside them ("Landévant, France")."""
    countries = {m.country for m in raw if m.kind == "country" and m.country}
    if home and home.country:
        countries.add(home.country)
    adjectives = [
        PlaceMention(
            m.start(), m.end(), m.group(0), "country", None, COUNTRY_ADJECTIVES[m.group(1).lower()]
        )
        for m in COUNTRY_ADJECTIVE.finditer(text)
    ]
    country_index = SpanIndex([m for m in raw if m.kind == "country"])
    adjective_index = SpanIndex(adjectives)
    resolved = []
    cache: dict[tuple[str, frozenset], PlaceRef | None] = {}
    for mention in raw:
        if (
            mention.kind != "city"
            or not (countries or adjectives)
            or gazetteer.is_alias(mention.text)
        ):
            resolved.append(mention)
            continue
        nearby = {
            m.country
            for m in country_index.starting_between(
                mention.start - NEARBY - _LONGEST_COUNTRY, mention.end + NEARBY
            )
            if m.start < mention.end + NEARBY and m.end > mention.start - NEARBY
        }
        nearby.update(
            m.country
            for m in adjective_index.starting_between(mention.start - NEARBY, mention.start)
        )
        key = (mention.text, frozenset(nearby))
        if key not in cache:
            cache[key] = gazetteer.resolve(mention.text, countries=countries, nearby=nearby)
        place = cache[key]
        if place is None or place == mention.place:
            resolved.append(mention)
            continue
        resolved.append(
            PlaceMention(
                mention.start,
                mention.end,
                mention.text,
                "city",
                place,
                place.country,
                mention.in_compound,
            )
        )
    unlisted = find_unlisted_places(
        text, resolved, gazetteer, language=rule_language(detect_language(text)) if text else "en"
    )
    if unlisted:
        # what lies inside a name GeoNames lacks gives way to the whole name
        spans = SpanIndex(unlisted)
        resolved = [m for m in resolved if not _inside(spans, m)]
    return SpanIndex(resolved + unlisted)


def _inside(spans: SpanIndex[PlaceMention], mention: PlaceMention) -> bool:
    return any(
        around.end >= mention.end
        for around in spans.starting_between(mention.start - 100, mention.start + 1)
    )
