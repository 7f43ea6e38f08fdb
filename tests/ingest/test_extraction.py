"""Extraction on the source documents and on small texts written for one rule each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypartners.ingest.extraction import extract, extract_document
from citypartners.ingest.reading import DocumentError

KEYS = {"source", "home", "partnerships", "events", "counts", "organisations", "conflicts"}


def _partners(result: dict) -> dict[str, tuple]:
    return {p["city"]: (p["since"], p["precision"]) for p in result["partnerships"]}


def _assert_evidence(text: str, result: dict) -> None:
    items = [*result["partnerships"], *result["events"], *result["counts"]]
    items += result["organisations"]
    for item in items:
        evidence = item["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_extract_document_on_seed_000_finds_mexico_city_and_dated_events(seeds: Path) -> None:
    data = (seeds / "000_be7cae953c875478.txt").read_bytes()
    result = extract_document(data, path="000.txt")
    assert set(result) == KEYS
    assert result["source"]["language"] == "de"
    assert result["home"] == {"name": "Berlin", "country": "DE", "geonames_id": 2950159}
    (partner,) = result["partnerships"]
    assert partner["city"] == "Mexico City" and partner["geonames_id"] == 3530597
    assert partner["city_as_written"] == "Mexiko-Stadt"
    assert (partner["since"], partner["precision"]) == ("1993-09-01", "day")
    assert "seit dem 1. September 1993" in partner["evidence"]["text"]
    dates = [(e["date"], e["end"]) for e in result["events"]]
    assert ("2020", "2022") in dates
    # the 25 years and the culture projects; "Dieses Jahr war … ein Wahljahr" and the election
    # "am 1.Juli 2018" are Mexico's own politics, no partnership event (corpus README rule 5)
    assert ("2018-07-01", None) not in dates
    assert dates.count(("2018", None)) == 2
    assert {"GIZ"} == {o["acronym"] for o in result["organisations"]}


def test_extract_document_on_seed_001_reads_the_two_column_table(seeds: Path) -> None:
    data = (seeds / "001_e16d67338cf7bcad.txt").read_bytes()
    result = extract_document(data, path="001.txt")
    partners = _partners(result)
    assert len(partners) == 17
    assert partners["Los Angeles"] == ("1967-06-27", "day")
    assert partners["Tashkent"] == ("1993-04-30", "day")
    assert partners["London"] == ("2000-10-10", "day")
    assert "Berlin" not in partners
    assert [(c["stated"], c["listed"], c["consistent"]) for c in result["counts"]] == [
        (17, 17, True),
        (17, 17, True),
    ]
    assert result["conflicts"] == []


def test_extract_document_on_seed_002_lists_kyiv_without_date(seeds: Path) -> None:
    result = extract_document((seeds / "002_55aa6afd43241059.txt").read_bytes())
    partners = _partners(result)
    assert len(partners) == 18
    assert partners["Kyiv"] == (None, "unknown")
    assert all(since is None for since, _ in partners.values())
    assert {c["stated"] for c in result["counts"]} == {18}


def test_extract_document_on_seed_003_finds_no_partnership_of_a_country(seeds: Path) -> None:
    result = extract_document((seeds / "003_600a61e569e20be2.txt").read_bytes())
    assert result["partnerships"] == []
    # the founding of an agency (2025) is no partnership event; the dialogue's dates are
    assert [e["date"] for e in result["events"]] == ["2018", "2022", "2024"]
    acronyms = {o["acronym"]: o["name"] for o in result["organisations"]}
    assert acronyms["ATDT"] == "Agentur für Digitale Transformation und Telekommunikation"
    assert acronyms["BMDS"] == "Bundesministerium für Digitales und Staatsmodernisierung"
    assert {"CEPAL", "SE"} <= set(acronyms)
    assert "KI" not in acronyms and "KKMU" not in acronyms


@pytest.mark.parametrize("name", ["000", "001", "002", "003"])
def test_extract_evidence_indexes_the_decoded_text(seeds: Path, name: str) -> None:
    (path,) = seeds.glob(f"{name}_*.txt")
    text = path.read_text(encoding="utf-8")
    _assert_evidence(text, extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Stadt Ulm pflegt Partnerschaften. Partnerstädte sind Rom (seit 1961) und Lyon.",
            {"Rome": ("1961", "year"), "Lyon": (None, "unknown")},
        ),
        (
            "Our partner cities are Oslo, Lyon and Kraków. Along with them we visit Madrid.",
            {"Oslo": (None, "unknown"), "Lyon": (None, "unknown"), "Kraków": (None, "unknown")},
        ),
        (
            "Die Partnerschaft mit Kiew wurde am 14. September 2023 unterzeichnet.",
            {"Kyiv": ("2023-09-14", "day")},
        ),
        (
            "Städtepartnerschaften\n- Nizza (Frankreich), seit Mai 1975\n- Genua\n\nKontakt",
            {"Nice": ("1975-05", "month"), "Genoa": (None, "unknown")},
        ),
        (
            "Wir pflegen Freundschaften mit Lyon und Turin. Eine Reise führte 2019 nach Madrid.",
            {},
        ),
    ],
)
def test_extract_finds_partners_only_where_the_text_says_so(text: str, expected: dict) -> None:
    result = extract(text)
    assert _partners(result) == expected
    _assert_evidence(text, result)


def test_extract_merges_list_and_table_and_flags_count_conflict() -> None:
    text = (
        "Die Stadt Bonn hat Partnerschaften mit 3 Städten: Oxford, Potsdam und Minsk.\n"
        "Partnerstadt | seit\nOxford | 1947\nPotsdam | 1988\n"
    )
    result = extract(text, home="Bonn")
    assert _partners(result) == {
        "Oxford": ("1947", "year"),
        "Potsdam": ("1988", "year"),
        "Minsk": (None, "unknown"),
    }
    text_wrong = text.replace("3 Städten", "4 Städten")
    result = extract(text_wrong, home="Bonn")
    assert result["counts"][0]["consistent"] is False
    assert result["conflicts"][0]["kind"] == "count_mismatch"


def test_extract_resolves_relative_year_and_anniversary() -> None:
    text = (
        "Berlin und Paris sind seit 1987 städtepartnerschaftlich verbunden. "
        "2012 feierten beide Städte. Dieses Jahr kam eine Delegation. "
        "Anlässlich 30 Jahre Berlin-Paris gab es Konzerte."
    )
    result = extract(text)
    assert [e["date"] for e in result["events"]] == ["2012", "2012", "2017"]
    assert all(e["precision"] == "year" for e in result["events"])


def test_extract_uses_home_argument() -> None:
    result = extract("Partnerstädte sind Lyon und Leipzig.", home="Leipzig")
    assert result["home"]["name"] == "Leipzig"
    assert list(_partners(result)) == ["Lyon"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_extract_never_crashes_on_arbitrary_text(text: str) -> None:
    result = extract(text)
    assert set(result) == KEYS
    json.dumps(result)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=800))
def test_extract_document_only_raises_document_error(data: bytes) -> None:
    try:
        result = extract_document(data, path="fuzz")
    except DocumentError:
        return
    assert set(result) == KEYS
