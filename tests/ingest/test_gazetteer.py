"""Place names as written resolve to one GeoNames place; ordinary words are no places."""

from __future__ import annotations

from pathlib import Path

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


def _tiny_columns(name: str, geonames_id: int) -> tuple:
    """A stored gazetteer of one city, in the layout ``build_cache`` writes."""
    from array import array

    from citypartners.ingest import gazetteer

    return (
        gazetteer._FORMAT,
        gazetteer.fold(name),
        array("q", [geonames_id]).tobytes(),
        [],
        array("q", [geonames_id]).tobytes(),
        name,
        "DE",
        array("d", [52.5]).tobytes(),
        array("d", [13.4]).tobytes(),
        array("q", [12345]).tobytes(),
        {"deutschland": "DE"},
        {"DE": "EU"},
    )


def _run(code: str, cache: Path) -> str:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CITYPARTNERS_INGEST_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_gazetteer_is_stored_once_and_loaded_from_disk(tmp_path: Path) -> None:
    import marshal

    from citypartners.ingest import gazetteer

    stored = _run(
        "from citypartners.ingest import gazetteer; print(gazetteer.cache_path())", tmp_path
    )
    assert Path(stored).parent == tmp_path
    assert Path(stored).name == gazetteer.cache_path().name  # same data, same file name
    Path(stored).write_bytes(marshal.dumps(_tiny_columns("Nirgendwostadt", 99)))
    found = _run(
        "from citypartners.ingest.gazetteer import get_gazetteer, population_of\n"
        "place = get_gazetteer().resolve('nirgendwostadt')\n"
        "print(place.name, place.country, place.geonames_id, population_of(99))",
        tmp_path,
    )
    assert found == "Nirgendwostadt DE 99 12345"  # read from the file, not built again
    assert sorted(p.name for p in tmp_path.iterdir()) == [Path(stored).name]


def test_gazetteer_refuses_a_stored_file_of_another_format() -> None:
    from citypartners.ingest import gazetteer

    columns = list(_tiny_columns("Nirgendwostadt", 99))
    columns[0] = gazetteer._FORMAT + 1
    with pytest.raises(ValueError, match="format"):
        gazetteer._Data(tuple(columns))


def test_gazetteer_cache_lives_in_the_configured_folder(monkeypatch, tmp_path: Path) -> None:
    from citypartners.ingest import gazetteer

    monkeypatch.setenv("CITYPARTNERS_INGEST_CACHE_DIR", str(tmp_path / "here"))
    assert gazetteer.cache_dir() == tmp_path / "here"
    monkeypatch.delenv("CITYPARTNERS_INGEST_CACHE_DIR")
    monkeypatch.setenv("CITYPARTNERS_VAR_DIR", str(tmp_path / "var"))
    assert gazetteer.cache_dir() == tmp_path / "var" / "cache"


def test_web_workers_do_not_load_the_gazetteer(tmp_path: Path) -> None:
    loaded = _run(
        "import citypartners.wsgi\n"
        "from citypartners.ingest import gazetteer\n"
        "print(gazetteer.is_loaded())",
        tmp_path,
    )
    assert loaded == "False"
    assert not list(tmp_path.iterdir())


def test_gazetteer_removes_stored_files_of_other_versions(tmp_path: Path) -> None:
    from citypartners.ingest import gazetteer

    current = tmp_path / "gazetteer-new.marshal"
    old = tmp_path / "gazetteer-old.marshal"
    other = tmp_path / "notes.txt"
    for path in (current, old, other):
        path.write_bytes(b"x")
    assert gazetteer.remove_stale(current) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-new.marshal", "notes.txt"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hessen", ("Hesse", "DE")),  # German name, English display name
        ("Wielkopolska", ("Wielkopolska", "PL")),  # the noun beside ISO's "Wielkopolskie"
        ("Großpolen", ("Wielkopolska", "PL")),  # pycountry's German name
        ("Hunan", ("Hunan", "CN")),  # without ISO's "Sheng"
        ("Aquitaine", ("Aquitaine", "FR")),  # a region from before the reform of 2016
        ("Nord", None),  # a compass point is no region
        ("Centre", None),
    ],
)
def test_region_finds_states_and_provinces_kept_apart_from_cities(name, expected) -> None:
    region = get_gazetteer().region(name)
    assert (None if region is None else (region.name, region.country)) == expected
    if region is not None:
        assert region.geonames_id is None
