"""The home: the place the page speaks for, not the first city it names."""

from __future__ import annotations

import pytest

from citypartners.ingest.extraction import extract


def _home(text: str, **options) -> str | None:
    home = extract(text, **options)["home"]
    return home["name"] if home else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Besuch aus Frankreich\n\nEine Delegation aus Lyon kam nach Leipzig. Leipzigs "
            "französische Partnerstadt Lyon schickte zwölf Schüler. Lyon ist groß.",
            "Leipzig",
        ),
        ("Die Stadt Lyon ist seit 1981 Partnerstadt von Leipzig. Aus Lyon kamen Gäste.", "Leipzig"),
        ("Die Partnerstädte Berlins sind Paris (1987) und Warschau (1991).", "Berlin"),
        (
            "Minutes of the Tiverton Town Twinning Association\n\nThe committee met to plan a "
            "trip to Hofheim am Taunus. Hofheim sent greetings.",
            "Tiverton",
        ),
        ("Spandau unterhält mehrere Partnerschaften mit Städten in Europa.", "Spandau"),
        (
            "Der Bezirk Treptow-Köpenick pflegt Partnerschaften. Köpenick liegt an der Spree.",
            "Treptow-Köpenick",
        ),
        (
            "Leipzig and its partners\n\nLeipzig and Paris have been partner cities since "
            "1987. A choir from Leipzig sang in Paris.",
            "Leipzig",
        ),
        # a State: its institutions named by its adjective, "Das Land X", "Freistaat X"
        (
            "Regionale Partner (Sächsische Staatskanzlei)\n\nDas Land Sachsen arbeitet mit "
            "seinen Partnerregionen zusammen, darunter Wielkopolska.",
            "Saxony",
        ),
        (
            "Partnerregionen\n\nDie Thüringer Landesregierung empfing Gäste aus Wielkopolska "
            "und Bretagne. Thüringen pflegt Partnerschaften mit beiden Regionen.",
            "Thuringia",
        ),
    ],
)
def test_extract_finds_the_home_from_the_pages_own_voice(text: str, expected: str) -> None:
    assert _home(text) == expected


def test_extract_home_is_not_the_partner_named_after_a_partnership_word() -> None:
    text = (
        "Die Partnerstadt Skopje war zu Gast. Skopje schickte eine Delegation, und Skopje "
        "lud zum Gegenbesuch ein. Nürnbergs Partnerstadt Skopje liegt in Nordmazedonien."
    )
    assert _home(text) == "Nuremberg"


def test_extract_home_argument_wins_over_the_text() -> None:
    assert _home("Leipzigs Partnerstadt Lyon feiert.", home="Lyon") == "Lyon"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair names the page's own place first
        (
            "Proclamation\n\nThe City of Galway and the City of Lorient are sister cities.\n"
            "Lorient-Galway Sister Cities Day is proclaimed.",
            "Lorient",
        ),
        # a district (Landkreis) is no city: kept as written
        (
            "Der Landkreis Emsland pflegt Partnerschaften. Im Landkreis Emsland leben viele "
            "Menschen, die Kontakte nach Polen haben.",
            "Landkreis Emsland",
        ),
    ],
)
def test_extract_finds_pairs_and_districts_as_home(text: str, expected: str) -> None:
    assert _home(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leeds is twinned with Lyon in France and Turin in Italy.", "Leeds"),
        ("In 1990 Augsburg signed a partnership with Lyon.", "Augsburg"),
    ],
)
def test_extract_finds_the_home_from_its_twinning_verb(text: str, expected: str) -> None:
    result = extract(text)
    assert result["home"]["name"] == expected
    assert expected not in {p["city"] for p in result["partnerships"]}


def test_a_small_town_named_again_and_again_without_any_cue_is_the_home() -> None:
    text = (
        "History of Frankenmuth\n\nSettlers came to Frankenmuth in 1845. Frankenmuth grew "
        "around its church. Later Frankenmuth built a school. Some came from Detroit."
    )
    assert _home(text) == "Frankenmuth"


def test_a_small_town_named_not_twice_as_often_as_another_is_no_home() -> None:
    text = (
        "Settlers came to Frankenmuth. Frankenmuth grew. Frankenmuth prospered. Others went "
        "to Saginaw. Saginaw grew too."
    )
    assert _home(text) is None
