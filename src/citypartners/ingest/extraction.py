"""From decoded text to the facts a partnership page states, each with its evidence span.

The rules follow how offices write such pages (see docs/ingest.md for the full list):

* a city is a *partner* only where the text says so: in an enumeration governed by a
  partnership word ("Our partner cities are A, B and C", "Diese sind …" after such a
  sentence), in a table or list under a partnership heading, or in a sentence that ties it
  to the home city with a partnership word ("Berlin und Mexiko-Stadt sind … partnerschaftlich
  verbunden", "twinned with"). The home city, countries, regions, parts of compounds
  ("Treptow-Köpenick") and cities in passing are never partners;
* a partnership's start date is the date the text gives *for it*: the cell beside it, the
  bracket after it, or a "seit / since / signed" date in its sentence;
* every other stated date is an *event*: one per sentence and distinct date, with relative
  years and anniversaries resolved; metadata (phone lines, "Stand:") is not an event.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from citypartners.core.dates import PartialDate, Precision
from citypartners.ingest.date_mentions import (
    DateMention,
    find_anniversary_mentions,
    find_date_mentions,
    find_relative_mentions,
)
from citypartners.ingest.gazetteer import Gazetteer, PlaceRef, fold, get_gazetteer
from citypartners.ingest.language import detect_language
from citypartners.ingest.organisations import find_organisations
from citypartners.ingest.place_mentions import PlaceMention, find_place_mentions
from citypartners.ingest.reading import DEFAULT_MAX_BYTES, read_document
from citypartners.ingest.sentences import Span, split_sentences

PARTNER_WORDS = re.compile(
    r"(?i)städtepartner\w*|partnerst(?:a|ä)dt\w*|partner[\s-]*cit(?:y|ies)|city[\s-]+partner\w*|"
    r"twin(?:ned|ning)|twin[\s-]+(?:towns?|cit(?:y|ies))|sister[\s-]+cit(?:y|ies)|jumelage|"
    r"jumel[ée]e?s?|partnerships?|partnerschaft\w*|partner\s+(?:since|seit)|partnerkommune\w*|"
    r"partnergemeinde\w*|partnerbezirk\w*|partnerregion\w*|verschwistert\w*|partnership\s+agreement|"
    r"\b(?:are|sind|became|wurden?)\s+(?:the\s+|die\s+|our\s+|unsere\s+)?partners?\b"
)
NOT_PARTNER_WORDS = re.compile(
    r"(?i)freundschaft|friendship|projektbezogen|projekt(?:partner|kooperation)|project[\s-]+based|"
    r"specific\s+projects|ehemalig|former|frühere|other\s+cities|weitere\w*\s+Städte|"
    r"kooperationsst|cooperation\s+cit|netzwerk|network|anbahnung|geplant|planned|prospective"
)
_ENUM_GAP = re.compile(
    r"^\s*(?:,\s*(?:and|und|sowie|as\s+well\s+as|&)?|;|und|and|sowie|as\s+well\s+as|&|/|\|)\s*(?:(?:die|der|the)\s+)?$"
)
_PAIR_GAP = re.compile(r"^\s*(?:und|and|&|–|—|-|/|mit|with|zu|to)\s*$")
_BEFORE_PARTNER = re.compile(
    r"(?i)(?:partnerst(?:a|ä)dt\w*|partner[\s-]*cit(?:y|ies)|twin[\s-]*(?:towns?|cit(?:y|ies))|"
    r"sister[\s-]*cit(?:y|ies)|städtepartnerschaft\w*|partnerschaft\w*|partnership\w*|twinned|"
    r"verschwistert\w*|jumel\w*|twinning|(?:Vertrag|Abkommen|agreement|treaty)(?=\s+(?:mit|with)))"
    r"(?:(?:\s+[^\s.;:]+){0,3}?\s+(?:mit|with)|\s+(?:von|of|zu|to|zwischen\s+\S+\s+und|between\s+\S+\s+and|in))?"
    r"(?:\s+(?:der\s+Stadt|dem|der|the\s+city\s+of|the|unserer?|our))?\s*[:,]?\s*$"
)
_AFTER_PARTNER = re.compile(
    r"(?i)^\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:(?:ist|is|wurde|was|became|wird|has\s+been|bleibt|sind|are)\b"
    r"[^.;:]{0,60}?|(?:die|the|eine?|a|unsere?|our)\s+(?:\w+\s+)?)(?:partnerst(?:a|ä)dt|partner[\s-]*city|twin[\s-]*(?:town|city)|sister[\s-]*city|"
    r"(?:städte)?partnerschaftlich|twinned)"
)
_SINCE_BEFORE = re.compile(
    r"(?i)(?:seit|since|ab|from|signed|unterzeichnet|geschlossen|established|twinned)"
    r"(?:\s+(?:dem|the|am|on|in|im))?(?:\s+(?:Jahre?|year))?\s*$"
)
_FOUNDING = re.compile(
    r"(?i)unterzeichn|geschlossen|besiegelt|begründet|gegründet|vereinbart|beschlossen|"
    r"signed|established|concluded|sealed|founded|formali[sz]ed|entered\s+into|agreed|"
    r"ins\s+Leben\s+gerufen|aus\s+der\s+Taufe|hinzu|joined|became|folgte|followed"
)
_SUCCESSION = re.compile(
    r"(?i)\b(?:folgte[n]?|kam(?:en)?\b[^.]*hinzu|followed|joined|were\s+added)"
)
_DATE_THEN_CITY = re.compile(r"^\s*(?:folgte[n]?|kam(?:en)?|followed|came|joined)?\s*$")
_CITY_THEN_DATE = re.compile(
    r"(?i)^\s*(?:\(\s*(?:seit|since|ab)?\s*|[,:–-]\s*(?:seit|since|ab)?\s*|"
    r"\s(?:(?:was|were|wurde|is)\s+(?:signed|concluded|established|sealed|unterzeichnet|"
    r"geschlossen|besiegelt)\s+|followed\s+|folgte\s+|dates\s+(?:back\s+)?|came\s+|"
    r"(?:became|wurde)\s+(?:a\s+|eine?\s+)?(?:partner\s*city|partner|Partnerstadt|twin\s*town)\s+)?"
    r"(?:in|im|on|am|seit|since|from|to|ab|von)\s+"
    r"(?:(?:the\s+)?year\s+|(?:dem\s+)?Jahre?\s+)?)$"
)
_METADATA = re.compile(
    r"(?i)^\s*(?:stand|zuletzt|last\s+(?:updated|modified)|aktualisiert|updated|published|"
    r"veröffentlicht|erstellt|datum|date|©|copyright|druck|print)\b|©"
)
_BULLET = re.compile(r"^\s*(?:[-–•*·▪►◦]|\d{1,2}[.)])\s+")
_DEMONSTRATIVE = re.compile(
    r"^\s*(?:diese|dies|dazu|these|they|sie|das|es|namely|nämlich|darunter|including|"
    r"it|zu\s+ihnen|unsere|our)\b",
    re.I,
)
_HOME_PATTERN = re.compile(
    r"(?:\b[Dd]as\s+Land|\b(?:[Dd]ie|[Dd]er)\s+(?:Freie[n]?\s+und\s+)?(?:Hanse|Landeshaupt|Bundes|Kreis)?"
    r"[Ss]tadt|\b(?:[Dd]er|[Dd]es)\s+Bezirk[s]?|\b[Dd]ie\s+Gemeinde|"
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}(?:[Ss]tate|[Cc]ity|[Bb]orough|[Mm]unicipality|[Tt]own|[Cc]apital)\s+of|"
    r"\b[Ll]a\s+[Vv]ille\s+de|\b[Mm]iasto)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][\w’'.]*(?:[-\s](?:am|an\s+der|upon|on|sur)?\s*[A-ZÄÖÜ][\w’'.]*){0,2})"
)
_COUNT = re.compile(
    r"(?<![\w.])(?P<n>\d{1,3}|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty)\s+(?:(?:official|offiziellen?|formal\w*|internationale[n]?|"
    r"international|aktive[n]?|active|europäische[n]?|European)\s+)?"
    r"(?P<noun>cities|towns|Städten|Städte|Partnerstädte[n]?|partner\s+cities|partner\s+towns|"
    r"city\s+partnerships|Städtepartnerschaften|twin\s+towns|twin\s+cities|sister\s+cities|"
    r"Partnerschaften|partnerships|Partnergemeinden|Partnerkommunen)\b",
    re.I,
)
_NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            "",
            "",
            "zwei two",
            "drei three",
            "vier four",
            "fünf five",
            "sechs six",
            "sieben seven",
            "acht eight",
            "neun nine",
            "zehn ten",
            "elf eleven",
            "zwölf twelve",
            "dreizehn thirteen",
            "vierzehn fourteen",
            "fünfzehn fifteen",
            "sechzehn sixteen",
            "siebzehn seventeen",
            "achtzehn eighteen",
            "neunzehn nineteen",
            "zwanzig twenty",
        ]
    )
    for word in words.split()
}
#: a city mentioned in passing must be at least this big to be read as a place at all
PASSING_MIN_POPULATION = 100_000
SUMMARY_LENGTH = 300


@dataclass
class _Partner:
    place: PlaceRef
    written: str
    since: DateMention | None
    evidence: tuple[int, int]
    order: int
    other_dates: list[DateMention] = field(default_factory=list)


@dataclass
class _Context:
    text: str
    gazetteer: Gazetteer
    sentences: list[Span]
    mentions: list[PlaceMention]
    dates: list[DateMention]
    home: PlaceRef | None
    partners: dict[object, _Partner] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # start offsets of dates used as "since"
    table_lines: set[int] = field(default_factory=set)
    conflicts: list[dict] = field(default_factory=list)

    def in_span(self, items: list, start: int, end: int) -> list:
        return [item for item in items if item.start >= start and item.end <= end]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_document(
    data: bytes,
    *,
    path: str = "",
    home: str | None = None,
    aliases: Mapping[str, PlaceRef] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict:
    """Read ``data`` (text, HTML or PDF) and extract its facts; raises ``DocumentError``."""
    document = read_document(data, path=path, max_bytes=max_bytes)
    return extract(
        document.text,
        path=path,
        home=home,
        aliases=aliases,
        sha256=sha256_of(bytes(data)),
        title=document.title,
    )


def extract(
    text: str,
    *,
    path: str = "",
    home: str | None = None,
    aliases: Mapping[str, PlaceRef] | None = None,
    sha256: str | None = None,
    title: str | None = None,
) -> dict:
    """The facts ``text`` states, in the JSON shape of ``citypartners ingest --format json``."""
    gazetteer = get_gazetteer(aliases)
    raw_mentions = find_place_mentions(text, gazetteer)
    countries = {m.country for m in raw_mentions if m.kind == "country" and m.country}
    home_place = _find_home(text, raw_mentions, gazetteer, home)
    if home_place and home_place.country:
        countries.add(home_place.country)
    country_mentions = [m for m in raw_mentions if m.kind == "country"]
    mentions = [_with_context(m, gazetteer, countries, country_mentions) for m in raw_mentions]
    context = _Context(
        text=text,
        gazetteer=gazetteer,
        sentences=split_sentences(text),
        mentions=mentions,
        dates=find_date_mentions(text),
        home=home_place,
    )
    _table_partners(context)
    _list_partners(context)
    _enumerated_partners(context)
    _sentence_partners(context)
    _orphan_since(context)
    partnerships = _partnership_records(context)
    return {
        "source": {
            "path": path,
            "sha256": sha256 or sha256_of(text.encode("utf-8")),
            "language": detect_language(text),
            "title": title if title is not None else _title(text),
        },
        "home": _home_record(home_place),
        "partnerships": partnerships,
        "events": _events(context),
        "counts": _counts(context, len(partnerships)),
        "organisations": find_organisations(text),
        "conflicts": context.conflicts,
    }


# --- places and the home city ----------------------------------------------------------------


def _with_context(
    mention: PlaceMention,
    gazetteer: Gazetteer,
    countries: set,
    country_mentions: list[PlaceMention],
) -> PlaceMention:
    if mention.kind != "city" or not countries or gazetteer.is_alias(mention.text):
        return mention
    nearby = {
        m.country
        for m in country_mentions
        if m.start < mention.end + 40 and m.end > mention.start - 40
    }
    place = gazetteer.resolve(mention.text, countries=countries, nearby=nearby)
    if place is None or place == mention.place:
        return mention
    return PlaceMention(
        mention.start,
        mention.end,
        mention.text,
        "city",
        place,
        place.country,
        mention.in_compound,
    )


def _key(place: PlaceRef) -> object:
    return place.geonames_id if place.geonames_id is not None else fold(place.name)


def _is_home(context: _Context, place: PlaceRef | None) -> bool:
    return bool(place and context.home and _key(place) == _key(context.home))


def _find_home(
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
        key = _key(mention.place)
        places[key] = mention.place
        scores[key] = scores.get(key, 0) + 1 + (2 if rank == 0 else 0)
        counts[key] = counts.get(key, 0) + 1
    for key in places:
        forms = {mention.text for mention in cities if _key(mention.place) == key}
        for form in forms:
            stem = form[:-2] if form.endswith("en") else form
            adjective = re.compile(rf"\b(?:{re.escape(form)}er|{re.escape(stem)}ner)\b")
            scores[key] += 2 * len(adjective.findall(text))
    if not scores:
        return None
    # a city named once (the first partner of a list, say) is no evidence of a home city
    best = max(scores, key=lambda key: scores[key])
    return places[best] if counts[best] >= 2 and scores[best] >= 3 else None


def _home_record(place: PlaceRef | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "geonames_id": place.geonames_id}


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


# --- partnerships ----------------------------------------------------------------------------


def _candidate(context: _Context, mention: PlaceMention, min_population: int = 0) -> bool:
    return (
        mention.kind == "city"
        and mention.place is not None
        and not mention.in_compound
        and not _is_home(context, mention.place)
        and (mention.population >= min_population or context.gazetteer.is_alias(mention.text))
    )


def _add_partner(
    context: _Context,
    mention: PlaceMention,
    since: DateMention | None,
    evidence: tuple[int, int],
) -> None:
    key = _key(mention.place)
    if since is not None:
        context.consumed.add(since.start)
    existing = context.partners.get(key)
    if existing is None:
        context.partners[key] = _Partner(
            mention.place, mention.text, since, evidence, len(context.partners)
        )
        return
    if since is None:
        return
    if existing.since is None:
        existing.since, existing.evidence, existing.written = since, evidence, mention.text
        return
    old, new = existing.since.date, since.date
    if old == new:
        return
    if _refines(old, new):
        existing.since, existing.evidence, existing.written = since, evidence, mention.text
    elif not _refines(new, old):
        context.conflicts.append(
            {
                "kind": "since_mismatch",
                "city": mention.place.name,
                "values": [old.isoformat(), new.isoformat()],
                "evidence": [
                    _evidence(context.text, *existing.evidence),
                    _evidence(context.text, *evidence),
                ],
            }
        )


def _refines(coarse: PartialDate, fine: PartialDate) -> bool:
    """True when ``fine`` says the same as ``coarse`` with more detail (1993 → 1993-09-01)."""
    return (
        fine.sort_key() > coarse.sort_key()
        and fine.isoformat().startswith(coarse.isoformat())
        and coarse.precision != fine.precision
    )


def _lines(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


_ROW_FILLER = re.compile(
    r"(?i)\b(?:seit|since|ab|from|partner(?:stadt)?|city|stadt|country|land|year|jahr)\b|"
    r"[|\t,;:()\[\]–—\-/•*·▪]|\s"
)


def _table_partners(context: _Context) -> None:
    """Lines that hold only (city, date) pairs — one or more per line — form a table."""
    text = context.text
    lines = _lines(text)
    rows: list[tuple[int, list[PlaceMention], list[DateMention], tuple[int, int]]] = []
    for number, (start, end) in enumerate(lines):
        cities = [m for m in context.in_span(context.mentions, start, end) if m.kind == "city"]
        if not cities:
            continue
        dates = context.in_span(context.dates, start, end)
        rest = list(text[start:end])
        for item in [*context.in_span(context.mentions, start, end), *dates]:
            rest[item.start - start : item.end - start] = " " * (item.end - item.start)
        leftover = _ROW_FILLER.sub("", "".join(rest))
        if leftover:
            continue
        line = text[start:end]
        has_cells = "|" in line or "\t" in line
        if dates and len(dates) == len(cities):
            rows.append((number, cities, dates, (start, end)))
        elif not dates and has_cells:
            rows.append((number, cities, [], (start, end)))
    if not rows or not PARTNER_WORDS.search(text):
        return
    numbers = [row[0] for row in rows]
    for number, cities, dates, span in rows:
        neighbours = sum(1 for other in numbers if other != number and abs(other - number) <= 3)
        header = _heading_above(context, lines, number)
        if not neighbours and not header:
            continue
        if not dates and not header:
            continue
        context.table_lines.add(number)
        for index, city in enumerate(cities):
            if not _candidate(context, city):
                continue
            since = dates[index] if dates else None
            _add_partner(context, city, since, span)


def _heading_above(context: _Context, lines: list[tuple[int, int]], number: int) -> bool:
    """A partnership word on one of the few non-row lines above ``number``."""
    seen = 0
    for above in range(number - 1, max(-1, number - 25), -1):
        start, end = lines[above]
        line = context.text[start:end]
        if not line.strip() or above in context.table_lines:
            continue
        if PARTNER_WORDS.search(line):
            return not NOT_PARTNER_WORDS.search(line)
        seen += 1
        if seen >= 2 and not _BULLET.match(line):
            return False
    return False


def _list_partners(context: _Context) -> None:
    """Bulleted items that start with a city, under a heading that names partnerships."""
    text = context.text
    lines = _lines(text)
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        bullet = _BULLET.match(line)
        if not bullet or number in context.table_lines:
            continue
        body_start = start + bullet.end()
        cities = context.in_span(context.mentions, body_start, end)
        if not cities or cities[0].start != body_start or cities[0].kind != "city":
            continue
        if not _list_heading(context, lines, number):
            continue
        city = cities[0]
        if not _candidate(context, city):
            continue
        dates = context.in_span(context.dates, city.end, end)
        since = dates[0] if dates and not _later_city(cities, dates[0]) else None
        _add_partner(context, city, since, (start + bullet.end(), end))


def _later_city(cities: list[PlaceMention], date: DateMention) -> bool:
    return any(other.kind == "city" and other.start < date.start for other in cities[1:])


def _list_heading(context: _Context, lines: list[tuple[int, int]], number: int) -> bool:
    for above in range(number - 1, -1, -1):
        start, end = lines[above]
        line = context.text[start:end]
        if not line.strip() or _BULLET.match(line):
            continue
        return bool(PARTNER_WORDS.search(line)) and not NOT_PARTNER_WORDS.search(line)
    return False


def _enumerated_partners(context: _Context) -> None:
    """ "Our partner cities are A, B and C" / "Diese sind A, B und C" after a partnership line."""
    text = context.text
    previous: Span | None = None
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            previous = sentence
            continue
        body = sentence.text_of(text)
        places = [
            m
            for m in context.in_span(context.mentions, sentence.start, sentence.end)
            if m.kind in ("city", "country", "region") and not m.in_compound
        ]
        governed = bool(PARTNER_WORDS.search(body))
        if not governed and previous is not None and _DEMONSTRATIVE.match(body):
            governed = bool(PARTNER_WORDS.search(previous.text_of(text)))
        if governed and not NOT_PARTNER_WORDS.search(body):
            for group in _enumerations(context, places):
                for mention, since in group:
                    if mention.kind == "city" and _candidate(context, mention):
                        _add_partner(context, mention, since, (sentence.start, sentence.end))
        previous = sentence


def _enumerations(
    context: _Context, places: list[PlaceMention]
) -> list[list[tuple[PlaceMention, DateMention | None]]]:
    """Runs of two or more places joined only by commas, "und", "and" (brackets allowed)."""
    groups: list[list[tuple[PlaceMention, DateMention | None]]] = []
    current: list[tuple[PlaceMention, DateMention | None]] = []
    for index, mention in enumerate(places):
        if mention.kind == "country":
            continue
        since = None
        following = next((p for p in places[index + 1 :] if p.kind != "country"), None)
        if current:
            gap_start = current[-1][0].end
            if not _joins(context, gap_start, mention.start):
                if len(current) >= 2:
                    groups.append(current)
                current = []
        since = _bracket_date(context, mention.end, following.start if following else None)
        current.append((mention, since))
    if len(current) >= 2:
        groups.append(current)
    return groups


_BRACKET = re.compile(r"\([^()]{0,60}\)")


def _joins(context: _Context, start: int, end: int) -> bool:
    gap = list(context.text[start:end])
    for item in context.in_span(context.mentions, start, end):
        if item.kind == "country":
            gap[item.start - start : item.end - start] = " " * (item.end - item.start)
    cleaned = _BRACKET.sub(" ", "".join(gap))
    cleaned = re.sub(r"\s*,\s*(?=,)|^\s*,\s*(?=\s*(?:,|und|and))", " ", cleaned)
    cleaned = re.sub(r"^\s*,(\s*,)+", ",", cleaned)
    return bool(_ENUM_GAP.match(cleaned)) and len(cleaned) <= 40


def _bracket_date(context: _Context, end: int, limit: int | None) -> DateMention | None:
    """A date in the bracket right after a city: "Paris (seit 1987)", "Kyoto (1994)"."""
    following = context.text[end : end + 60]
    match = re.match(r"\s*(?:(?:,|\s+in)\s*[A-ZÄÖÜ][\w ]{0,30})?\s*\(([^()]*)\)", following)
    if not match:
        return None
    bracket_end = end + match.end()
    if limit is not None and bracket_end > limit:
        return None
    dates = context.in_span(context.dates, end, bracket_end)
    return dates[0] if len(dates) == 1 else None


def _sentence_partners(context: _Context) -> None:
    """A sentence with a partnership word that ties a city to the home city or names it;
    city–date pairs in it ("Minsk in 1993", "1970 Mailand"), also in a sentence that carries
    on the previous one ("Saint Petersburg followed in 1961, Skopje in 1967")."""
    text = context.text
    previous_keyword = False
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            continue
        body = sentence.text_of(text)
        has_keyword = bool(PARTNER_WORDS.search(body))
        negative = bool(NOT_PARTNER_WORDS.search(body))
        mentions = context.in_span(context.mentions, sentence.start, sentence.end)
        cities = [m for m in mentions if _candidate(context, m, min_population=1000)]
        known = any(_key(m.place) in context.partners for m in cities)
        keyword = has_keyword and not negative
        succession = not has_keyword and previous_keyword and bool(_SUCCESSION.search(body))
        founding = not has_keyword and known and bool(_FOUNDING.search(body))
        previous_keyword = has_keyword
        if negative or not (keyword or succession or founding):
            continue
        homes = [m for m in mentions if m.kind == "city" and _is_home(context, m.place)]
        found = [
            m for m in cities if _tied_to_home(context, m, homes) or _named_as_partner(context, m)
        ]
        pairs = _paired_dates(context, cities)
        if found or succession:
            for mention in cities:
                if mention in pairs and mention not in found:
                    found.append(mention)
        distinct = {_key(m.place) for m in found}
        since = _since_in(context, sentence) if len(distinct) == 1 else None
        for mention in sorted(found, key=lambda m: m.start):
            own = pairs.get(mention) or since
            _add_partner(context, mention, own, (sentence.start, sentence.end))


def _paired_dates(context: _Context, cities: list[PlaceMention]) -> dict[PlaceMention, DateMention]:
    """Dates written right beside a city: "Minsk in 1993", "Paris (1987)", "1970 Mailand"."""
    text = context.text
    pairs: dict[PlaceMention, DateMention] = {}
    inherited: DateMention | None = None
    used: set[int] = set()
    for index, city in enumerate(cities):
        after = next((d for d in context.dates if d.start >= city.end), None)
        nearest_next = cities[index + 1].start if index + 1 < len(cities) else len(text)
        after_ok = (
            after is not None
            and after.start < nearest_next
            and bool(_CITY_THEN_DATE.match(text[city.end : after.start]))
        )
        before = [d for d in context.dates if d.end <= city.start]
        before_ok = (
            bool(before)
            and before[-1].start not in used
            and bool(_DATE_THEN_CITY.match(text[before[-1].end : city.start]))
        )
        bare_after = after_ok and not re.search(r"\w|\(", text[city.end : after.start])
        if after_ok and not (bare_after and before_ok):
            pairs[city] = after
            used.add(after.start)
            inherited = None
            continue
        if before_ok:
            pairs[city] = inherited = before[-1]
            used.add(before[-1].start)
            continue
        if inherited is not None and index and _joins(context, cities[index - 1].end, city.start):
            pairs[city] = inherited
        else:
            inherited = None
    return pairs


def _tied_to_home(context: _Context, mention: PlaceMention, homes: list[PlaceMention]) -> bool:
    text = context.text
    for home in homes:
        if home.end <= mention.start and _PAIR_GAP.match(text[home.end : mention.start]):
            return True
        if mention.end <= home.start and _PAIR_GAP.match(text[mention.end : home.start]):
            return True
        if home.end <= mention.start:
            between = text[home.end : mention.start]
            if re.fullmatch(r"(?:’s|'s|s)?\s+(?:und|and)\s+", between):
                return True
    return False


def _named_as_partner(context: _Context, mention: PlaceMention) -> bool:
    text = context.text
    before = text[max(0, mention.start - 60) : mention.start]
    if _BEFORE_PARTNER.search(before):
        return True
    return bool(_AFTER_PARTNER.match(text[mention.end : mention.end + 90]))


def _since_in(context: _Context, sentence: Span) -> DateMention | None:
    dates = context.in_span(context.dates, sentence.start, sentence.end)
    text = context.text
    for date in dates:
        if _SINCE_BEFORE.search(text[max(0, date.start - 40) : date.start]):
            return date
    body = sentence.text_of(text)
    if len(dates) == 1 and _FOUNDING.search(body) and not find_anniversary_mentions(body):
        return dates[0]
    return None


def _orphan_since(context: _Context) -> None:
    """ "Die Partnerschaft besteht seit 1993." on a page about one partnership."""
    if len(context.partners) != 1:
        return
    (partner,) = context.partners.values()
    if partner.since is not None:
        return
    for sentence in context.sentences:
        body = sentence.text_of(context.text)
        if not PARTNER_WORDS.search(body) or NOT_PARTNER_WORDS.search(body):
            continue
        if any(
            m.kind == "city" and not _is_home(context, m.place)
            for m in context.in_span(context.mentions, sentence.start, sentence.end)
        ):
            continue
        since = _since_in(context, sentence)
        if since is not None:
            partner.since = since
            partner.evidence = (sentence.start, sentence.end)
            context.consumed.add(since.start)
            return


def _evidence(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def _partnership_records(context: _Context) -> list[dict]:
    records = []
    for partner in sorted(context.partners.values(), key=lambda p: p.order):
        since = partner.since.date if partner.since else None
        records.append(
            {
                "city": partner.place.name,
                "city_as_written": partner.written,
                "country": partner.place.country,
                "geonames_id": partner.place.geonames_id,
                "since": since.isoformat() if since else None,
                "precision": since.precision.value if since else Precision.UNKNOWN.value,
                "evidence": _evidence(context.text, *partner.evidence),
            }
        )
    return records


# --- events ----------------------------------------------------------------------------------


def _events(context: _Context) -> list[dict]:
    text = context.text
    explicit = [d for d in context.dates]
    starts = _partner_starts(context)
    events: list[dict] = []
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            continue
        body = sentence.text_of(text)
        if _METADATA.search(body):
            continue
        keys: dict[tuple, None] = {}
        for date in context.in_span(context.dates, sentence.start, sentence.end):
            if date.start not in context.consumed:
                keys.setdefault((date.date, date.end_date))
        for start, _end, offset in find_relative_mentions(body):
            absolute = sentence.start + start
            earlier = [d for d in explicit if d.end <= absolute and absolute - d.end < 1500]
            if earlier:
                year = (earlier[-1].end_date or earlier[-1].date).year + offset
                keys.setdefault((PartialDate(year), None))
        has_explicit = any(
            True for _ in context.in_span(context.dates, sentence.start, sentence.end)
        )
        if not has_explicit:
            for _start, _end, years in find_anniversary_mentions(body):
                base = _anniversary_base(context, sentence, starts)
                if base is not None:
                    keys.setdefault((PartialDate(base + years), None))
        for date, end in keys:
            events.append(
                {
                    "date": date.isoformat(),
                    "end": end.isoformat() if end else None,
                    "precision": date.precision.value,
                    "summary": _summary(body),
                    "evidence": _evidence(text, sentence.start, sentence.end),
                }
            )
    return events


def _partner_starts(context: _Context) -> dict[object, int]:
    return {
        key: partner.since.date.year
        for key, partner in context.partners.items()
        if partner.since is not None
    }


def _anniversary_base(context: _Context, sentence: Span, starts: dict[object, int]) -> int | None:
    named = {
        _key(m.place)
        for m in context.in_span(context.mentions, sentence.start, sentence.end)
        if m.kind == "city" and m.place and _key(m.place) in starts
    }
    if len(named) == 1:
        return starts[named.pop()]
    if len(set(starts.values())) == 1 and len(starts) == 1:
        return next(iter(starts.values()))
    return None


def _summary(body: str) -> str:
    clean = " ".join(body.split())
    if len(clean) <= SUMMARY_LENGTH:
        return clean
    return clean[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + " …"


# --- counts ----------------------------------------------------------------------------------


def _counts(context: _Context, listed: int) -> list[dict]:
    text = context.text
    counts = []
    for sentence in context.sentences:
        body = sentence.text_of(text)
        if not PARTNER_WORDS.search(body):
            continue
        for match in _COUNT.finditer(body):
            raw = match.group("n").lower()
            stated = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
            if not stated or (
                stated == 2 and re.search(r"(?i)(?:the|die|den|beiden?)\s*$", body[: match.start()])
            ):
                continue
            start = sentence.start + match.start()
            evidence = _evidence(text, sentence.start, sentence.end)
            consistent = stated == listed
            counts.append(
                {"stated": stated, "listed": listed, "consistent": consistent, "evidence": evidence}
            )
            if not consistent:
                context.conflicts.append(
                    {
                        "kind": "count_mismatch",
                        "stated": stated,
                        "listed": listed,
                        "evidence": _evidence(text, start, sentence.start + match.end()),
                    }
                )
    return counts
