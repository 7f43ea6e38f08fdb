"""Place names as written resolve to one GeoNames place; ordinary words are no places."""

from __future__ import annotations

import pytest

from citypartners.ingest.gazetteer import PlaceRef, get_gazetteer
from citypartners.ingest.place_mentions import find_place_mentions


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [
        ("Peking", "Beijing", "CN"),
        ("Beijing", "Beijing", "CN"),
        ("Warschau", "Warsaw", "PL"),
        ("Windhuk", "Windhoek", "NA"),
        ("Mexiko-Stadt", "Mexico City", "MX"),
        ("Mexico City", "Mexico City", "MX"),
        ("CDMX", "Mexico City", "MX"),
        ("Ciudad de México", "Mexico City", "MX"),
        ("Kiew", "Kyiv", "UA"),
        ("Kyjiw", "Kyiv", "UA"),
        ("Taschkent", "Tashkent", "UZ"),
        ("Brüssel", "Brussels", "BE"),
        ("Prag", "Prague", "CZ"),
        ("Tokio", "Tokyo", "JP"),
        ("Moskau", "Moscow", "RU"),
        ("Rom", "Rome", "IT"),
        ("Mailand", "Milan", "IT"),
        ("Paris", "Paris", "FR"),
        ("Lüttich", "Liège", "BE"),
        ("Sankt Petersburg", "Saint Petersburg", "RU"),
    ],
)
def test_gazetteer_resolves_spellings(written: str, name: str, country: str) -> None:
    place = get_gazetteer().resolve(written)
    assert place is not None
    assert (place.name, place.country) == (name, country)
    assert place.geonames_id and place.lat is not None and place.lon is not None


def test_gazetteer_gives_known_geonames_ids() -> None:
    gazetteer = get_gazetteer()
    assert gazetteer.resolve("Berlin").geonames_id == 2950159
    assert gazetteer.resolve("Mexiko-Stadt").geonames_id == 3530597


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [("León", ["NI"], "NI"), ("León", [], "MX"), ("Orléans", ["PL"], "FR")],
)
def test_gazetteer_settles_ambiguity_by_context(name: str, context: list, country: str) -> None:
    place = get_gazetteer().resolve(
        name, countries=context, nearby=context[:1] if context == ["NI"] else []
    )
    assert place.country == country


@pytest.mark.parametrize(
    "word",
    ["Mexiko", "Deutschland", "Die", "Ende", "Along", "Our", "Länder", "Europa", "The City"],
)
def test_gazetteer_does_not_take_countries_or_words_for_cities(word: str) -> None:
    assert get_gazetteer().resolve(word) is None


def test_gazetteer_prefers_caller_aliases() -> None:
    borough = PlaceRef(name="Treptow-Köpenick", country="DE", geonames_id=6545224)
    gazetteer = get_gazetteer({"Treptow-Köpenick": borough})
    assert gazetteer.resolve("treptow-köpenick") == borough


def test_find_place_mentions_reads_compounds_and_countries() -> None:
    text = "Berlin-CDMX, Mexiko und die Partnerstadt Frankfurt am Main"
    mentions = find_place_mentions(text, get_gazetteer())
    found = [(m.text, m.kind, m.in_compound) for m in mentions]
    assert found == [
        ("Berlin", "city", True),
        ("CDMX", "city", True),
        ("Mexiko", "country", False),
        ("Frankfurt am Main", "city", False),
    ]
