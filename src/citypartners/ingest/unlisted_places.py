"""Places GeoNames lacks, found from the country the text writes beside them.

The gazetteer holds towns of 1,000 inhabitants and more, and misses many French communes, Polish
gminas, Italian comuni, villages and districts: "Landévant, France", "Essert (Frankreich)",
"der französischen Gemeinde Saint-Julien-en-Genevois". A capitalised name the gazetteer does not
know is taken for a place only with **country evidence** right beside it (decision record 0028):

- a bracket that opens with a country or its code: "Essert (Frankreich)", "Essert (F, 1997)";
- a comma, slash or table cell and the country, perhaps after one region: "Landévant, France",
  "Suseong Gu, Daegu City, Republic of Korea", "Kórnik/Polen";
- "in" and the country, perhaps after a region: "East Rouen in Normandy, France" (in English,
  where common nouns are not capitalised; in German only after a place noun, "die Gemeinde
  Essert in Frankreich", since "Schulen in Frankreich" is no place);
- a country's adjective and a place noun before it: "der französischen Gemeinde X", "dem
  polnischen Kreis X", "the French town of X";
- a line holding only a country above a list of names, one a line ("Frankreich:", "- Essert");
- a German district noun: "dem Kreis Prignitz", "zu den Landkreisen A, B" (Germany unless a
  country's adjective stands before it).

Such a place is a city mention of that country with no GeoNames id; whether it is a partner is
decided by the relation rules, like any city. Without country evidence nothing is made of an
unknown name: a capitalised word may be anything in German. Each country mention and each
adjective looks back or forward a fixed window, so the cost grows with the text.
"""

from __future__ import annotations

import bisect
import re

from citypartners.ingest.gazetteer import Gazetteer, PlaceRef
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.vocabulary import COUNTRY_ADJECTIVE, COUNTRY_ADJECTIVES, PARTNER_WORDS
from citypartners.ingest.wordlists import word_set

# one word of a name: "Landévant", "Noyal-Châtillon-sur-Seiche", "Saint-Julien-en-Genevois",
# "L'Isle-Adam", "St."
_WORD = r"(?:St\.|[A-ZÀ-ÞĀ-Ž][\w'’]*(?:-(?:[a-zà-ÿ]{1,4}-)*[\w'’]+)*)"
# a name of up to three words ("East Rouen", "Liverpool Plains", "Suseong Gu")
_NAME = rf"{_WORD}(?:[ ](?:{_WORD}|(?:de|la|le|sur|en|am|an|im|upon|on)(?=[ ]))){{0,3}}"

# what stands between the name and the country after it
_BEFORE_COUNTRY = re.compile(
    rf"(?P<name>{_NAME})"
    r"(?P<gap>\s*\(\s*|\s*/\s*|[ \t]*[|\t][ \t]*|\s*,\s*(?:[A-ZÀ-Þ][\w.'’ -]{0,40}?(?:,\s*|\s+))?|"
    r"\s+(?P<in>in|im)\s+(?:(?:der|the)\s+)?(?:[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]+)?,?\s+)?)$"
)
_STATE_FORM = re.compile(r"(?:(?:People'?s\s+|Democratic\s+)*Republic\s+of|Republik)\s+$")
_NAME_AT_END = re.compile(rf"(?P<name>{_NAME})\s*$")
# a place noun before a name: "die Gemeinde Essert in Frankreich"
_PLACE_NOUN = (
    r"(?:Stadt|Städtchen|Gemeinde|Kommune|Ort|Ortschaft|Dorf|Marktgemeinde|Kreis|Landkreis|"
    r"Bezirk|Kanton|Region|Provinz|Partnerstadt|Partnergemeinde|Partnerkommune|Partnerkreis|"
    r"Partnerregion|town|city|village|commune|municipality|district|county|borough|region|"
    r"province|canton)"
)
_NOUN_BEFORE = re.compile(rf"(?i:\b{_PLACE_NOUN})\s+(?:of\s+)?$")
# "der französischen Gemeinde X", "dem polnischen Kreis X", "the French town of X"
_ADJECTIVE_NOUN = re.compile(rf"^(?:e[nmrs]?)?\s+(?i:{_PLACE_NOUN})(?:\s+of)?\s+(?P<name>{_NAME})")
# a bracket that opens with a country code: "(F)", "(PL, 1990)"
_CODE_BRACKET = re.compile(r"\(\s*(?P<code>[A-Z]{1,3})\s*(?:[,;)/]|\s+\d)")
_VEHICLE_CODES = {
    "F": "FR", "I": "IT", "D": "DE", "A": "AT", "B": "BE", "E": "ES", "P": "PT", "H": "HU",
    "S": "SE", "N": "NO", "L": "LU", "NL": "NL", "CH": "CH", "GB": "GB", "PL": "PL", "CZ": "CZ",
    "SK": "SK", "DK": "DK", "FIN": "FI", "IRL": "IE", "GR": "GR", "RO": "RO", "BG": "BG",
    "HR": "HR", "SLO": "SI", "UA": "UA", "RUS": "RU", "TR": "TR", "USA": "US", "IL": "IL",
}  # fmt: skip

#: words that start a name run but are no name: articles, pronouns, sentence openers, the kinds
#: of place ("Gemeinde", "Town"), and words of the partnership itself
_NOT_NAME = word_set(
    "Der Die Das Den Dem Des Ein Eine Einer Eines Einem Unsere Unser Unserer Ihre Seine Diese "
    "Dieser Mit Und Oder Auch Seit Im In Am An Nach Von Vom Zum Zur Bei Aus Für Über Als Wie "
    "The A An And Or Our Its Their This These Since In At Of With From To For By On As "
    "Stadt Städte Gemeinde Gemeinden Kommune Ort Dorf Kreis Landkreis Bezirk Kanton Region "
    "Provinz Land Staat Partner Partnerin Partnerschaft Partnerstadt Partnerstädte Partnergemeinde "
    "Town Towns City Cities Village Commune Municipality District County Borough Province "
    "Canton State Country Sister Twin Twinning Partnership Partners Mayor Bürgermeister Herr Frau "
    "Mr Mrs Ms Dr Prof Sir Republic Republik "
    "January February March April May June July August September October November December "
    "Januar Februar März Juni Juli Oktober Dezember"
)


def find_unlisted_places(
    text: str,
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    *,
    language: str = "en",
) -> list[PlaceMention]:
    """City mentions of names GeoNames lacks, each with the country the text writes beside it.

    ``mentions`` are the places already found; a name overlapping one of them is left to it,
    unless that one is only part of a hyphenated name ("Noyal" of "Noyal-Châtillon-sur-Seiche").
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    found: dict[int, PlaceMention] = {}

    def add(start: int, end: int, country: str | None) -> None:
        name = text[start:end]
        if country is None or _known(name, gazetteer):
            return
        if name.endswith("s") and gazetteer.has_name(name[:-1]):
            return  # "Erftstadts": the genitive of a known place
        if _blocked(ordered, starts, start, end, country):
            return
        place = PlaceRef(name=name, country=country)
        found.setdefault(
            start, PlaceMention(start, end, name, "city", place, country, unlisted=True)
        )

    for mention in mentions:
        if mention.kind != "country" or not mention.country:
            continue
        # "Suseong Gu, Daegu City, Republic of Korea": the country's name may open with its form
        anchor = mention.start
        form = _STATE_FORM.search(text, max(0, anchor - 40), anchor)
        if form is not None:
            anchor = form.start()
        match = _BEFORE_COUNTRY.search(text, max(0, anchor - 90), anchor)
        if match is None:
            continue
        start, end = _trimmed(text, match.start("name"), match.end("name"))
        if start is None:
            continue
        if (
            match.group("in")
            and language != "en"
            and not _NOUN_BEFORE.search(text, max(0, start - 40), start)
        ):
            continue  # "Schulen in Frankreich": in German only after a place noun
        if _reads_as_name(text, start, end, language):
            add(start, end, mention.country)
    for match in _CODE_BRACKET.finditer(text):
        country = _code_country(match.group("code"))
        if country is None:
            continue
        name = _NAME_AT_END.search(text, max(0, match.start() - 60), match.start())
        if name is None:
            continue
        start, end = _trimmed(text, name.start("name"), name.end("name"))
        if start is not None and _reads_as_name(text, start, end, language):
            add(start, end, country)
    for adjective in COUNTRY_ADJECTIVE.finditer(text):
        match = _ADJECTIVE_NOUN.match(text[adjective.end() : adjective.end() + 90])
        if match is None:
            continue
        base = adjective.end()
        start, end = _trimmed(text, base + match.start("name"), base + match.end("name"))
        if start is not None:
            add(start, end, COUNTRY_ADJECTIVES[adjective.group(1).lower()])
    for district in _DISTRICTS.finditer(text):
        adjective = district.group("adjective")
        country = COUNTRY_ADJECTIVES[adjective.lower()] if adjective else "DE"
        position = district.end()
        while (name := _DISTRICT_NAME.match(text, position)) is not None:
            start, end = _trimmed(text, name.start("name"), name.end("name"))
            if start is not None:
                add(start, end, country)
            if not name.group("more"):
                break
            position = name.end()
    for start, end, country in _under_country_headings(text, ordered):
        add(start, end, country)
    _again(text, ordered, starts, found)
    return [found[start] for start in sorted(found)]


#: a list item's text: a name, perhaps a bracket or a date after it ("- Essert (seit 1997)")
_ITEM = re.compile(
    rf"^[ \t]*(?:[-–•*·▪][ \t]*)?(?P<name>{_NAME})[ \t]*(?:[,:(–-][^\n]{{0,40}})?[ \t]*$"
)


def _under_country_headings(text: str, ordered: list[PlaceMention]) -> list[tuple[int, int, str]]:
    """Names listed one a line under a line holding only a country ("Frankreich" or
    "Frankreich:", then "- Essert", "- Trévalan (1997)"): the heading gives each its country.
    The block ends at the first line that is no such item."""
    countries = {m.start: m for m in ordered if m.kind == "country" and m.country}
    names: list[tuple[int, int, str]] = []
    country: str | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        body = line.strip()
        if not body:
            continue
        lead = start + len(line) - len(line.lstrip())
        heading = countries.get(lead)
        if heading is not None and not text[heading.end : start + len(line)].strip(" :\t\r\n"):
            country = heading.country
            continue
        item = _ITEM.match(line.rstrip("\r\n")) if country else None
        if item is None:
            country = None
            continue
        first, last = _trimmed(text, start + item.start("name"), start + item.end("name"))
        if first is not None:
            names.append((first, last, country))
    return names


# "dem Kreis Prignitz", "zu den Landkreisen A, B und C", "dem polnischen Kreis Mikolów": a German
# district noun names a district, of Germany unless a country's adjective stands before it; not
# after "im" ("ein Dorf im Kreis X" locates the village)
_DISTRICTS = re.compile(
    r"(?<![\w-])(?<!\bim )(?:(?P<adjective>"
    + "|".join(sorted(COUNTRY_ADJECTIVES, key=len, reverse=True))
    + r")(?:e[nmrs]?)?\s+)?(?:Nachbar|Partner)?(?:[Ll]and)?[Kk]reis(?:e[ns]?|en)?[ \t]+"
)
_DISTRICT_NAME = re.compile(
    rf"(?P<name>{_WORD})(?![\w-])(?P<more>\s*,\s*(?=[A-ZÀ-Þ])|\s+(?:und|sowie)\s+(?=[A-ZÀ-Þ]))?"
)


def _again(
    text: str, ordered: list[PlaceMention], starts: list[int], found: dict[int, PlaceMention]
) -> None:
    """A name once shown to be a place is that place wherever else the text writes it
    ("… between Havre de Grace and Mumbles, Wales" and later "signed … in Mumbles"): one scan
    of the text for all such names."""
    places = {mention.text: mention.place for mention in found.values()}
    if not places:
        return
    # names by their first word, so that each capitalised word of the text asks a dict
    by_first: dict[str, list[str]] = {}
    for name in sorted(places, key=len, reverse=True):
        by_first.setdefault(_FIRST_WORD.match(name).group(0), []).append(name)
    for word in _FIRST_WORD.finditer(text):
        if word.start() and (text[word.start() - 1].isalnum() or text[word.start() - 1] == "-"):
            continue
        names = by_first.get(word.group(0), ())
        match = next((n for n in names if _whole_at(text, n, word.start())), None)
        if match is None:
            continue
        start, end = word.start(), word.start() + len(match)
        place = places[match]
        if start in found or _blocked(ordered, starts, start, end, place.country or ""):
            continue
        found[start] = PlaceMention(start, end, match, "city", place, place.country, unlisted=True)


_FIRST_WORD = re.compile(r"[^\W\d_][\w'’]*")


def _whole_at(text: str, name: str, start: int) -> bool:
    """Whether ``name`` is written at ``start`` as a whole word (not "Trévalans")."""
    end = start + len(name)
    return text.startswith(name, start) and (
        end == len(text) or not (text[end].isalnum() or text[end] == "-")
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | tuple[None, None]:
    """The name without the words before it that are no name ("Gemeinde Essert" → "Essert"),
    and nothing when no word is left, a word is no name, or several words are left that do
    not read as one name: "East Rouen", "Saint Maurice", "Suseong Gu" (a two-letter unit: Gu,
    Si, Ku) do; "World Cup", "Frederick Beinhorn" do not, and are better missed than taken."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (words[0].group(0) in _NOT_NAME or PARTNER_WORDS.search(words[0].group(0))):
        words.pop(0)
    if not words or any(w.group(0) in _NOT_NAME for w in words):
        return None, None
    capitalised = [w.group(0) for w in words if w.group(0)[0].isupper()]
    connected = len(capitalised) < len(words)  # "Noyal-Châtillon sur Seiche"
    if len(capitalised) > 1 and not (
        connected or capitalised[0].rstrip(".") in _NAME_PREFIXES or len(capitalised[-1]) <= 2
    ):
        return None, None
    return start + words[0].start(), start + words[-1].end()


def _reads_as_name(text: str, start: int, end: int, language: str) -> bool:
    """Whether a capitalised word is a name rather than a German noun. English capitalises
    names only; German capitalises every noun ("Schulen (Frankreich)", "Nationalstaat, Ungarn"),
    so there the word needs more: a letter German does not write ("Landévant", "Kórnik"), a
    French-style compound ("Saint-Julien-en-Genevois"), a place or partnership noun before it
    ("Gemeinde Essert", "Partnergemeinde Essert"), a line, cell or list item of its own, or
    the next item after a bracketed one ("Trévalan (Frankreich) und Castelvero (Italien)")."""
    name = text[start:end]
    if language == "en":
        return True
    if any(ch.isalpha() and not ("a" <= ch.lower() <= "z" or ch in "äöüÄÖÜß") for ch in name):
        return True
    if _FRENCH_COMPOUND.search(name):
        return True
    if _NOUN_BEFORE.search(text, max(0, start - 40), start):
        return True
    if _AFTER_BRACKETED_ITEM.search(text, max(0, start - 20), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t-–•*·▪0123456789.)")


# "Trévalan (Frankreich) und Castelvero (Italien)": the next item of a list of bracketed places
_AFTER_BRACKETED_ITEM = re.compile(r"\)\s*(?:,|;|und|sowie|oder)\s*$")


_FRENCH_COMPOUND = re.compile(r"-(?:sur|en|de|la|le|les|lès|lez|sous|aux|du|des|d'|l')-?", re.I)
_NAME_PREFIXES = word_set(
    "East West North South New Saint Sainte St Ste San Santa Sankt Bad Port Fort Mount Le La "
    "Les Los Las El Great Little Upper Lower Nieder Ober Groß Klein Alt Neu Villa Ville Castel"
)


def _known(name: str, gazetteer: Gazetteer) -> bool:
    """The gazetteer names it (then the ordinary mentions have it), or refuses it as an
    ordinary word, a country or a region."""
    return bool(
        len(name) < 3
        or gazetteer.country_code(name)
        or gazetteer.is_region(name)
        or gazetteer.is_ordinary_word(name)
    )


def _blocked(
    ordered: list[PlaceMention], starts: list[int], start: int, end: int, country: str
) -> bool:
    """Whether a place already found overlaps the name and stands: a name GeoNames lacks gives
    way to a known place, except to a part of it ("Noyal" of "Noyal-Châtillon-sur-Seiche") or
    to a town of another country inside it ("Gu" in France, of "Suseong Gu, … Korea")."""
    low = max(0, bisect.bisect_left(starts, start) - 1)
    high = bisect.bisect_left(starts, end)
    for mention in ordered[low:high]:
        if mention.end <= start or mention.start >= end:
            continue
        inside = start <= mention.start and mention.end <= end and end - start > len(mention.text)
        if mention.in_compound and inside:
            continue
        if inside and mention.kind == "city" and mention.country != country:
            continue
        return True
    return False


def _code_country(code: str) -> str | None:
    """The country of a code in a bracket: the international vehicle codes of the countries
    partnerships are mostly with ("F", "PL", "IRL"). Not ISO codes at large: "(FR)" after a
    Swiss town is the canton of Fribourg, "(AG)" after a name a company form."""
    return _VEHICLE_CODES.get(code)
