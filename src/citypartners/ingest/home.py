"""Relations, part 1: whose partnerships the page states (the home).

The home is the page's subject, not the first city it names: "Die Stadt X", "The City of X",
"Der Bezirk X" near the top; else the city named most often and in adjectives ("Berliner").
``--home`` overrides. Everything else about a partnership is relative to the home: the home is
never its own partner, and neither are its own districts.
"""

from __future__ import annotations

import re
from collections import Counter

from citypartners.ingest.gazetteer import Gazetteer, PlaceRef, fold
from citypartners.ingest.place_mentions import PlaceMention

_HOME_PATTERN = re.compile(
    r"(?:\b[Dd]as\s+Land|\b(?:[Dd]ie|[Dd]er)\s+(?:Freie[n]?\s+und\s+)?(?:Hanse|Landeshaupt|Bundes|Kreis)?"
    r"[Ss]tadt|\b(?:[Dd]er|[Dd]es)\s+Bezirk[s]?|\b[Dd]ie\s+Gemeinde|"
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}(?:[Ss]tate|[Cc]ity|[Bb]orough|[Mm]unicipality|[Tt]own|[Cc]apital)\s+of|"
    r"\b[Ll]a\s+[Vv]ille\s+de|\b[Mm]iasto)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][\w’'.]*(?:[-\s](?:am|an\s+der|upon|on|sur)?\s*[A-ZÄÖÜ][\w’'.]*){0,2})"
)

#: a city mentioned in passing must be at least this big to be read as a place at all
PASSING_MIN_POPULATION = 100_000
_WORD = re.compile(r"[^\W\d_]+")


def key_of(place: PlaceRef) -> object:
    return place.geonames_id if place.geonames_id is not None else fold(place.name)


def same_place(place: PlaceRef | None, other: PlaceRef | None) -> bool:
    return bool(place and other and key_of(place) == key_of(other))


def find_home(
    text: str, mentions: list[PlaceMention], gazetteer: Gazetteer, home: str | None
) -> PlaceRef | None:
    if home:
        return gazetteer.resolve(home, countries=("DE",)) or PlaceRef(name=home.strip())
    for match in _HOME_PATTERN.finditer(text[:5000]):
        name = match.group("name").strip()
        for candidate in (name, name.split()[0]):
            place = gazetteer.resolve(candidate, min_population=1000)
            if place:
                return place
        if "-" in name and not gazetteer.country_code(name):
            return PlaceRef(name=name)
    scores: dict[object, float] = {}
    counts: dict[object, int] = {}
    places: dict[object, PlaceRef] = {}
    cities = [m for m in mentions if m.kind == "city" and m.place]
    for rank, mention in enumerate(cities):
        if mention.population < PASSING_MIN_POPULATION:
            continue
        key = key_of(mention.place)
        places[key] = mention.place
        scores[key] = scores.get(key, 0) + 1 + (2 if rank == 0 else 0)
        counts[key] = counts.get(key, 0) + 1
    # adjectives ("Berliner", "Bremer", "Dresdner"): one pass over the words of the text
    words = Counter(_WORD.findall(text))
    for mention in {(m.text, key_of(m.place)) for m in cities if key_of(m.place) in places}:
        form, key = mention
        stem = form[:-2] if form.endswith("en") else form
        adjectives = {form + "er", stem + "ner"}
        scores[key] += 2 * sum(words[adjective] for adjective in adjectives)
    if not scores:
        return None
    # a city named once (the first partner of a list, say) is no evidence of a home city
    best = max(scores, key=lambda key: scores[key])
    return places[best] if counts[best] >= 2 and scores[best] >= 3 else None


def home_record(place: PlaceRef | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "geonames_id": place.geonames_id}
