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
    r"(?:\b[Dd]as\s+(?:Bundes)?[Ll]and|\b(?:[Dd]er\s+)?Freistaat(?:es|s)?|\b(?:[Dd]ie|[Dd]er)\s+(?:Freie[n]?\s+und\s+)?(?:Hanse|Landeshaupt|Bundes|Kreis)?"
    r"[Ss]tadt|\b(?:[Dd]er|[Dd]es)\s+Bezirk[s]?|\b[Dd]ie\s+Gemeinde|"
    r"\b[Tt]he\s+(?:[A-Z][\w-]+\s+){0,2}(?:State|City|Borough|Municipality|Town|Capital)\s+of|"
    r"\b[Ll]a\s+[Vv]ille\s+de|\b[Mm]iasto)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][\w’'.]*(?:[-\s](?:am|an\s+der|upon|on|sur|de|du|la|le)?\s*[A-ZÄÖÜ][\w’'.]*){0,2})"
)

#: a city mentioned in passing must be at least this big to be read as a place at all
PASSING_MIN_POPULATION = 100_000
#: a small town named this often (and twice as often as any other place) is the page's subject
SUBJECT_MENTIONS = 3
_WORD = re.compile(r"[^\W\d_]+")


def key_of(place: PlaceRef) -> object:
    return place.geonames_id if place.geonames_id is not None else fold(place.name)


def same_place(place: PlaceRef | None, other: PlaceRef | None) -> bool:
    return bool(place and other and key_of(place) == key_of(other))


_NAME = r"[A-ZÄÖÜ][\w.]*(?:[- ](?:(?:am|an der|im|upon|on|sur|de|du|la|le) )?[A-ZÄÖÜ][\w.]*){0,2}"
_PARTNER_NOUN = (
    r"(?:Partnerst(?:a|ä)dt\w*|Partnergemeinde\w*|Partnerkommune\w*|Partnerlandkreis\w*|"
    r"(?:EU-)?Partnerregion\w*|Regionalpartnerschaft\w*|"
    r"[Ss]ister[\s-]+[Cc]it(?:y|ies)|[Tt]win(?:ned)?[\s-]+[Tt]own\w*|[Pp]artner[\s-]+[Cc]it(?:y|ies))"
)
# "Nürnbergs mazedonische Partnerstadt", "Tiverton's twin towns"
_POSSESSIVE = re.compile(rf"(?P<name>{_NAME}?)(?:s|’s|'s)\s+(?:[\w-]+\s+){{0,2}}{_PARTNER_NOUN}")
# "Partnerstadt von Duderstadt", "sister city of Sacramento", "Partnerstadt der Stadt Ulm"
_PARTNER_OF = re.compile(
    rf"{_PARTNER_NOUN}\s+(?:von|of|der\s+Stadt|der\s+Gemeinde|des\s+Bezirks)\s+(?P<name>{_NAME})"
)
# "die Partnerstädte Berlins", "Partnerstadt Leipzigs" (a genitive after the noun)
_GENITIVE_AFTER = re.compile(rf"{_PARTNER_NOUN}[ \t]+(?P<name>[A-ZÄÖÜ]\w+s)\b")
# the page's own institutions: "Tiverton Town Twinning Association", "Partnerschaftsverein
# Biberach", "Longford County Council", "Welser Gemeinderat", "Municipality of Hünenberg"
_INSTITUTION = re.compile(
    rf"(?P<name>{_NAME})\s+(?:Town\s+Twinning|Twinning\s+(?:Association|Committee|Society)|"
    rf"Sister\s+Cit(?:y|ies)\s+(?:Association|Committee|Commission|Program\w*|Corporation)|"
    rf"(?:City|County|Borough|Town|District)\s+Council|Gemeinderat|Stadtrat|Kreistag)\b|"
    rf"\b(?:Partnerschaftsverein|Partnerschaftskomitee|Städtepartnerschaftsverein|"
    rf"[Mm]unicipality\s+of|[Cc]ommune\s+of|Mayor\s+of|(?:Ober)?[Bb]ürgermeister(?:in)?\s+von)"
    rf"\s+(?P<name2>{_NAME})"
)
# "Spandau unterhält acht Partnerschaften", "Bonn has partnerships with", "X is twinned with"
_MAINTAINS = re.compile(
    rf"(?P<name>{_NAME})\s+(?:(?:unterhält|pflegt|hat|has|maintains|enjoys|signed|"
    rf"unterzeichnete|schloss|concluded|established|begründete)\b[^.\n]{{0,60}}?(?:Partnerschaft|"
    rf"Partnerst|partnership|twin|sister)|(?:is|has\s+been|ist|wurde)\s+[^.\n]{{0,60}}?"
    rf"(?:twinned|verschwistert|partnerschaftlich\s+verbunden))"
)
# a State's own institutions, named with its adjective: "Thüringer Staatskanzlei", "Hessische
# Landesvertretung", "die Bayerische Staatsregierung"
_STATE_ORGAN = re.compile(
    r"\b(?P<adjective>[A-ZÄÖÜ][a-zäöüß]+(?:er|ische[nr]?))\s+(?:Staatskanzlei|Landesregierung|"
    r"Staatsregierung|Landesvertretung|Landtag\w*|Ministerpräsident\w*|Landeshauptstadt)"
)
# "Somerville-Tiznit Sister Cities Day", "50 Jahre Städtepartnerschaft Stuttgart-Mumbai": a pair
# names the page's own place first
_PAIR_TITLE = re.compile(
    r"\b(?P<first>[A-ZÄÖÜ][\w’'.]+)(?:[-–]|[ \t][-–][ \t])(?P<second>[A-ZÄÖÜ][\w’'.]+)"
    r"[ \t]*:?[ \t]+(?:Sister|Twin|Partner|"
    r"Friendship|Städtepartnerschaft|Partnerschaft|Freundschaft)"
)
# a district as the page's subject: "der Kreis Bergstraße", "des Landkreises Kassel"
_DISTRICT = re.compile(
    r"\b(?:[Dd]er|[Dd]es|[Dd]em|[Ii]m)\s+(?P<noun>Landkreis|Kreis)(?:es)?\s+"
    r"(?P<name>[A-ZÄÖÜ][\w.]+(?:-[A-ZÄÖÜ][\w.]+)?)"
)
_TOP = 5000
_GENERIC_LEAD = re.compile(
    r"^(?:(?:Der|Die|Das|The|Bezirk|Stadt|Gemeinde|Landkreis|Kreis|City|Town|Borough)\s+)+"
)


def find_home(
    text: str, mentions: list[PlaceMention], gazetteer: Gazetteer, home: str | None
) -> PlaceRef | None:
    """The page's subject: ``home`` when given, else the place the page speaks for.

    Evidence, strongest first: the page calls a place's partners its own ("Nürnbergs
    Partnerstadt", "Partnerstadt von Duderstadt"); the page's own institutions ("Tiverton Town
    Twinning Association", "Welser Gemeinderat"); "Die Stadt X" / "The City of X"; the title;
    how often a city is named and in adjectives ("Berliner"). A city written right after a
    partnership word ("Partnerstadt Skopje", "twinned with Hofheim") is a partner, not home.
    """
    if home:
        return gazetteer.resolve(home, countries=("DE",)) or PlaceRef(name=home.strip())
    top = text[:_TOP]
    scores: Counter = Counter()
    places: dict[object, PlaceRef] = {}
    cued: set[object] = set()

    def credit(name: str, points: float) -> None:
        name = _GENERIC_LEAD.sub("", name.strip())
        place = _resolve_name(name, gazetteer)
        if (
            "-" in name
            and not gazetteer.country_code(name)
            and (place is None or (place.geonames_id is not None and place.name != name))
        ):
            # a borough or merged town the gazetteer lacks ("Charlottenburg-Wilmersdorf")
            place = PlaceRef(name=name)
        if place is None:
            return
        key = key_of(place)
        places.setdefault(key, place)
        scores[key] += points
        cued.add(key)

    for match in _POSSESSIVE.finditer(top):
        name = match.group("name")
        # "Paris have been partner cities": a name ending in s is no genitive of a shorter one
        whole = _resolve_name(name + "s", gazetteer)
        if (
            top[match.end("name")] == "s"
            and whole is not None
            and fold(whole.name) == fold(name + "s")
        ):
            continue
        credit(name, 6)
    for match in _PARTNER_OF.finditer(top):
        credit(match.group("name"), 6)
    for match in _GENITIVE_AFTER.finditer(top):
        name = match.group("name")
        if _resolve_name(name, gazetteer) is None:  # "Paris" stays Paris
            credit(name[:-1], 6)
    for match in _MAINTAINS.finditer(top):
        credit(match.group("name"), 5)
    for match in _INSTITUTION.finditer(top):
        credit(match.group("name") or match.group("name2"), 4)
    for match in _HOME_PATTERN.finditer(top):
        credit(match.group("name"), 3)
    for match in _PAIR_TITLE.finditer(top):
        credit(match.group("first"), 3)
    for match in _DISTRICT.finditer(top):
        # a Landkreis is in no gazetteer of cities: kept as written, "Kreis Bergstraße"
        place = PlaceRef(name=f"{match.group('noun')} {match.group('name')}")
        key = key_of(place)
        places.setdefault(key, place)
        scores[key] += 3
        cued.add(key)
    for match in _STATE_ORGAN.finditer(top):
        region = _region_of_adjective(match.group("adjective"), gazetteer)
        if region is not None:
            credit(region.name, 4)
    title = next((line for line in top.splitlines() if line.strip()), "")
    counts: Counter = Counter()
    cities = [m for m in mentions if m.kind == "city" and m.place and not m.in_compound]
    small: dict[object, PlaceRef] = {}
    for rank, mention in enumerate(cities):
        key = key_of(mention.place)
        counts[key] += 1
        if mention.population < PASSING_MIN_POPULATION and key not in scores:
            small.setdefault(key, mention.place)
            continue
        places.setdefault(key, mention.place)
        scores[key] += 1 + (2 if rank == 0 else 0)
        if mention.end <= len(title) + 1 and not counts[key] > 1:
            scores[key] += 2
        if _AFTER_PARTNER_NOUN.search(text, max(0, mention.start - 40), mention.start):
            scores[key] -= 4
    # a small town the page names again and again, more than any other place, is its subject
    # ("New Ulm" on the town's history page), though no cue names it
    if counts and not cued:
        (first, most), *rest = [*counts.most_common(2), (None, 0)]
        if first in small and most >= SUBJECT_MENTIONS and most >= 2 * rest[0][1]:
            places.setdefault(first, small[first])
            scores[first] += most
            cued.add(first)
    # adjectives ("Berliner", "Bremer", "Dresdner"): one pass over the words of the text
    words = Counter(_WORD.findall(text))
    for form, key in {(m.text, key_of(m.place)) for m in cities if key_of(m.place) in places}:
        stem = form[:-2] if form.endswith("en") else form
        scores[key] += 2 * sum(words[adjective] for adjective in {form + "er", stem + "ner"})
    # the parts of a compound home ("Köpenick" of "Treptow-Köpenick") count for the compound
    for compound in [k for k in cued if places[k].geonames_id is None and "-" in places[k].name]:
        parts = set(fold(places[compound].name).split())
        for key in list(scores):
            if key != compound and fold(places[key].name) in parts:
                scores[compound] += max(scores.pop(key), 0)
                counts[compound] += counts[key]
    if scores:
        best, score = scores.most_common(1)[0]
        # a city named once (the first partner of a list, say) is no evidence of a home city
        if score >= 3 and (counts[best] >= 2 or best in cued):
            return places[best]
    return None


_AFTER_PARTNER_NOUN = re.compile(
    rf"(?:{_PARTNER_NOUN}|twinned\s+with|Partnerschaft\s+mit|partnership\s+with)\s*$"
)


def _resolve_name(name: str, gazetteer: Gazetteer) -> PlaceRef | None:
    name = name.strip(" '’")
    if not name:
        return None
    forms = [name, name.split(". ")[0], name.split()[0].rstrip(".")]
    if name.endswith("er") and len(name) > 5:  # "Welser", "Dortmunder"
        forms.append(name[:-2])
    for form in forms:
        place = gazetteer.resolve(form, min_population=1000)
        if place:
            return place
    # a State or region as the page's subject ("Das Land Hessen", "Thüringen pflegt …")
    return gazetteer.region(name)


def _region_of_adjective(adjective: str, gazetteer: Gazetteer) -> PlaceRef | None:
    """ "Thüringer" → Thuringia, "Hessische" → Hesse, "Sächsische" stays unknown: the stem with
    "-en" added must name a State."""
    stem = re.sub(r"(?:er|ische[nr]?)$", "", adjective)
    for form in (stem + "en", stem):
        region = gazetteer.region(form)
        if region is not None:
            return region
    return None


def home_record(place: PlaceRef | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "geonames_id": place.geonames_id}
