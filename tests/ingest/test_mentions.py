"""Mentions: offset indexes over place and date mentions, and city names resolved in context."""

from __future__ import annotations

from dataclasses import dataclass

from citypartners.ingest.gazetteer import get_gazetteer
from citypartners.ingest.mentions import SpanIndex, resolve_places
from citypartners.ingest.place_mentions import find_place_mentions


@dataclass(frozen=True)
class Item:
    start: int
    end: int


def test_span_index_within_returns_only_items_wholly_inside() -> None:
    index = SpanIndex([Item(30, 35), Item(0, 5), Item(10, 20), Item(18, 40)])
    assert index.within(0, 20) == [Item(0, 5), Item(10, 20)]
    assert index.within(11, 40) == [Item(18, 40), Item(30, 35)]
    assert index.within(41, 50) == []


def test_span_index_first_from_and_last_ending_by() -> None:
    index = SpanIndex([Item(0, 5), Item(10, 20), Item(30, 35)])
    assert index.first_from(6) == Item(10, 20)
    assert index.first_from(36) is None
    assert index.last_ending_by(25) == Item(10, 20)
    assert index.last_ending_by(19) == Item(0, 5)
    assert index.last_ending_by(4) is None


def test_span_index_starting_between() -> None:
    index = SpanIndex([Item(0, 5), Item(10, 60), Item(30, 35)])
    assert index.starting_between(5, 31) == [Item(10, 60), Item(30, 35)]


def test_resolve_places_prefers_the_country_named_beside_the_city() -> None:
    gazetteer = get_gazetteer(None)
    text = "Wir sind verbunden mit León in Nicaragua."
    places = resolve_places(find_place_mentions(text, gazetteer), gazetteer, None)
    (city,) = [m for m in places if m.kind == "city"]
    assert city.text == "León" and city.place.country == "NI"


def test_resolve_places_reads_the_country_from_an_adjective_before_the_city() -> None:
    gazetteer = get_gazetteer(None)
    text = "Wir besuchten die spanische Stadt Córdoba."
    places = resolve_places(find_place_mentions(text, gazetteer), gazetteer, None, text)
    (city,) = [m for m in places if m.kind == "city"]
    assert city.place.country == "ES"
    plain = resolve_places(find_place_mentions(text, gazetteer), gazetteer, None)
    assert [m.place.country for m in plain if m.kind == "city"] != ["ES"]
