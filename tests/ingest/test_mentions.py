"""Mentions: offset indexes over place and date mentions, and city names resolved in context."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from citypartners.ingest.gazetteer import Gazetteer, PlaceRef, get_gazetteer
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


def _unlisted(text: str) -> list[tuple[str, str]]:
    """(name, country) of the places GeoNames lacks that ``resolve_places`` adds."""
    gazetteer = get_gazetteer(None)
    places = resolve_places(find_place_mentions(text, gazetteer), gazetteer, None, text)
    return [(m.text, m.country) for m in places if m.unlisted]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracket that opens with a country, or with its vehicle code
        ("Unsere Partnergemeinden sind Trévalan (Frankreich) und Dąbrowiec (Polen, seit 1992).",
         [("Trévalan", "FR"), ("Dąbrowiec", "PL")]),
        ("Partnergemeinden: Trévalan (F), Castelvero (I)", [("Trévalan", "FR"), ("Castelvero", "IT")]),
        # a comma and the country, perhaps after a region; a French compound whole
        ("Kervignac-sur-Lor, Bretagne, Frankreich", [("Kervignac-sur-Lor", "FR")]),
        ("Suseville Gu, Daegu City, Republic of Korea", [("Suseville Gu", "KR")]),
        # "in" and the country: in English always, in German after a place noun
        ("We are twinned with East Varnley in Kent, England.", [("East Varnley", "GB")]),
        ("Wir sind mit der Gemeinde Ostrzykowo in Polen verbunden.", [("Ostrzykowo", "PL")]),
        # a country's adjective and a place noun before the name
        ("Mössingen ist mit der französischen Gemeinde Montaveline verschwistert.",
         [("Montaveline", "FR")]),
        ("Leeds is twinned with the French town of Montaveline.", [("Montaveline", "FR")]),
    ],
)  # fmt: skip
def test_a_name_geonames_lacks_is_a_place_of_the_country_beside_it(
    text: str, expected: list
) -> None:
    assert _unlisted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # German nouns are capitalised: no place without more than the country after them
        "Wir sprachen über Schulen in Frankreich und den Nationalstaat (Ungarn).",
        # a name without any country beside it
        "Unsere Partnergemeinde Trévalan feiert ein Fest.",
        # words that do not read as one name
        "The team travelled to the World Cup in Russia.",
        # the genitive of a known place
        "Erfurts, Deutschland",
        # a company form or a canton's code is no country
        "Trévalan (AG) und Montaveline (FR)",
    ],
)
def test_no_place_is_made_without_country_evidence_or_from_a_noun(text: str) -> None:
    assert _unlisted(text) == []


def test_a_name_shown_once_to_be_a_place_is_a_place_throughout_the_text() -> None:
    text = (
        "Links with Trévalan, France. The mayor visited Trévalan and signed the charter. "
        "Trévalans and Nord-Trévalan are other words."
    )
    assert _unlisted(text) == [("Trévalan", "FR"), ("Trévalan", "FR")]


def test_the_parts_of_a_hyphenated_name_give_way_to_the_whole() -> None:
    text = "Saint-Orlan-en-Vaux (Frankreich)"
    gazetteer = get_gazetteer(None)
    places = resolve_places(find_place_mentions(text, gazetteer), gazetteer, None, text)
    assert [(m.text, m.unlisted) for m in places if m.kind == "city"] == [
        ("Saint-Orlan-en-Vaux", True)
    ]


def _with_mitte_and_ende() -> Gazetteer:
    """A registry that knows a borough called Mitte and a town called Ende, as Berlin's does."""
    return Gazetteer(
        {
            "Mitte": PlaceRef("Mitte", "DE", None, 52.52, 13.40, 380_000),
            "Ende": PlaceRef("Ende", "ID", None, -8.84, 121.66, 60_000),
        }
    )


@pytest.mark.parametrize(
    "text",
    [
        "Der Besuch fand Mitte September 1993 in Warschau statt.",
        "Ende Juni 1990 reiste eine Gruppe nach Warschau.",
        "Anfang 2004 kam eine Gruppe aus Warschau, Mitte 2005 eine aus Mitte.",
    ],
)
def test_a_part_of_a_month_or_year_is_not_a_place(text: str) -> None:
    names = [m.text for m in find_place_mentions(text, _with_mitte_and_ende())]
    assert names == ["Warschau"] + (["Mitte"] if "aus Mitte." in text else [])


def test_mitte_and_ende_stay_places_where_no_date_follows() -> None:
    text = "Der Bezirk Mitte und die Stadt Ende auf Flores."
    names = [m.text for m in find_place_mentions(text, _with_mitte_and_ende())]
    assert "Mitte" in names and "Ende" in names
