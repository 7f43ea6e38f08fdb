"""Relations, part 2: which places the text states as the home's partners, and since when.

Each rule reads one form of text (see docs/ingest.md, "When a city is a partner"): a table
row, a list item under a partnership heading, an enumeration governed by a partnership word,
a sentence tying a city to the home or naming it as partner. The start date is the date
written for that partner: its cell, its bracket, the date beside it, or the since/signed date
of a sentence about it alone. Rules look things up through the offset indexes of
``mentions.py``, so their cost grows with the text, not with its square.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from citypartners.core.dates import PartialDate
from citypartners.ingest.date_mentions import DateMention, find_anniversary_mentions
from citypartners.ingest.gazetteer import Gazetteer, PlaceRef
from citypartners.ingest.home import PASSING_MIN_POPULATION, key_of, same_place
from citypartners.ingest.mentions import SpanIndex
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.records import evidence_of
from citypartners.ingest.segmentation import BULLET, Segments
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    ADMINISTRATIVE_UNIT,
    AFTER_PARTNER,
    BEFORE_PARTNER,
    BOTH_TOWNS,
    CITY_THEN_DATE,
    CONTACTS,
    DATE_THEN_CITY,
    DEMONSTRATIVE,
    ENUM_GAP,
    FOUNDING,
    FOUNDING_ACT,
    FOUNDING_CUE,
    LOCATOR,
    NOT_FOUNDING,
    NOT_PARTNER_WORDS,
    PAIR_GAP,
    PARTNER_WORDS,
    PARTNERSHIP_CHARTER,
    PERSON_BEFORE,
    REGION_PARTNER_WORDS,
    RELATIONSHIP_FOUNDED,
    SINCE_BEFORE,
    SUCCESSION,
)

#: a place of the home's country this close to the home is part of it, not a partner
DISTRICT_KM = 15

#: a founding cue ("signed", "unterzeichnet") dates a partnership only this close to the date
CUE_REACH = 90


@dataclass
class Partner:
    """A partner of the home, with the date stated for it and the span that states it."""

    place: PlaceRef
    written: str
    since: DateMention | None
    evidence: tuple[int, int]
    order: int
    other_dates: list[DateMention] = field(default_factory=list)


@dataclass
class Relations:
    """What the rules read (segments, mentions, the home) and what they found so far."""

    segments: Segments
    gazetteer: Gazetteer
    places: SpanIndex[PlaceMention]
    dates: SpanIndex[DateMention]
    home: PlaceRef | None
    partners: dict[object, Partner] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # start offsets of dates used as "since"
    table_lines: set[int] = field(default_factory=set)
    conflicts: list[dict] = field(default_factory=list)
    #: States, provinces and regions may be partners (a State's page, "Partnerregion X")
    regions: bool = False

    @property
    def text(self) -> str:
        return self.segments.text

    @property
    def sentences(self) -> list[Span]:
        return self.segments.sentences

    def is_home(self, place: PlaceRef | None) -> bool:
        return same_place(place, self.home)


def find_partners(relations: Relations) -> dict[object, Partner]:
    """Run the rules in order (tables, lists, enumerations, sentences, a lone partner's date)."""
    relations.regions = _regions_are_partners(relations)
    _table_partners(relations)
    _list_partners(relations)
    _place_lines(relations)
    _enumerated_partners(relations)
    _relationship_sentences(relations)
    _signing_sentences(relations)
    _sentence_partners(relations)
    _pronoun_since(relations)
    _orphan_since(relations)
    _founding_since(relations)
    return relations.partners


def _regions_are_partners(context: Relations) -> bool:
    """A State or region is the home, or the text speaks of partner regions: then States,
    provinces and regions named as partners count like cities."""
    home = context.home
    if home is not None and home.geonames_id is None and context.gazetteer.region(home.name):
        return True
    return bool(REGION_PARTNER_WORDS.search(context.text))


def _placeable(context: Relations, mention: PlaceMention) -> bool:
    """A city, or (where regions may be partners) a State, province or region."""
    return mention.place is not None and (
        mention.kind == "city" or (mention.kind == "region" and context.regions)
    )


def _candidate(context: Relations, mention: PlaceMention, min_population: int = 0) -> bool:
    return (
        _placeable(context, mention)
        and not mention.in_compound
        and not context.is_home(mention.place)
        and not _part_of_home(context.home, mention.place)
        and not _located(context, mention)
        and (
            mention.kind == "region"
            or mention.population >= min_population
            or context.gazetteer.is_alias(mention.text)
        )
    )


def _located(context: Relations, mention: PlaceMention) -> bool:
    """The name does not stand for a partner city: it says where something lies or happens
    ("a suburb of Frankfurt", "the conference in Leipzig"), names an administrative unit
    ("die Wojewodschaft Krakau") or a person ("Mayor William T. Martin")."""
    text, start = context.text, max(0, mention.start - 40)
    return bool(
        LOCATOR.search(text, start, mention.start)
        or ADMINISTRATIVE_UNIT.search(text, start, mention.start)
        or PERSON_BEFORE.search(text, start, mention.start)
    )


def _part_of_home(home: PlaceRef | None, place: PlaceRef) -> bool:
    """A place of the home's own country within a few kilometres of it: one of its districts
    ("Steglitz" on a Berlin page), or the city a borough belongs to. Never its partner."""
    if home is None or None in (home.lat, home.lon, place.lat, place.lon):
        return False
    if home.country != place.country:
        return False
    north = (home.lat - place.lat) * 111.2
    east = (home.lon - place.lon) * 111.2 * math.cos(math.radians(home.lat))
    return math.hypot(north, east) < DISTRICT_KM


def _add_partner(
    context: Relations,
    mention: PlaceMention,
    since: DateMention | None,
    evidence: tuple[int, int],
) -> None:
    key = key_of(mention.place)
    if since is not None:
        context.consumed.add(since.start)
    existing = context.partners.get(key)
    if existing is None:
        context.partners[key] = Partner(
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
                    evidence_of(context.text, *existing.evidence),
                    evidence_of(context.text, *evidence),
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


_ROW_FILLER = re.compile(
    r"(?i)\b(?:seit|since|ab|from|partner(?:stadt)?|city|stadt|country|land|year|jahr)\b|"
    r"[|\t,;:()\[\]–—\-/•*·▪]|\s"
)


def _table_partners(context: Relations) -> None:
    """Lines that hold only (city, date) pairs — one or more per line — form a table."""
    text = context.text
    rows: list[tuple[int, list[PlaceMention], list[DateMention], tuple[int, int]]] = []
    for number, start, end, _bullet in _spans(context.segments):
        cities = [m for m in context.places.within(start, end) if _placeable(context, m)]
        if not cities:
            continue
        dates = context.dates.within(start, end)
        rest = list(text[start:end])
        for item in [*context.places.within(start, end), *dates]:
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
    numbers = {row[0] for row in rows}
    for number, cities, dates, span in rows:
        neighbours = any(
            other in numbers for other in range(number - 3, number + 4) if other != number
        )
        header = _heading_above(context, number)
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


def _spans(segments: Segments):
    for line in segments.lines:
        yield line.number, line.start, line.end, line.bullet_end


def _heading_above(context: Relations, number: int) -> bool:
    """A partnership word on one of the few non-row lines above ``number``."""
    seen = 0
    for above in context.segments.lines_above(number, 24):
        line = context.segments.line_text(above)
        if above.number in context.table_lines:
            continue
        if PARTNER_WORDS.search(line):
            return not NOT_PARTNER_WORDS.search(line)
        seen += 1
        if seen >= 2 and not BULLET.match(line):
            return False
    return False


def _list_partners(context: Relations) -> None:
    """Bulleted items that start with a city, under a heading that names partnerships."""
    headed: dict[int, bool] = {}
    for number, _start, end, body_start in _spans(context.segments):
        if body_start is None or number in context.table_lines:
            continue
        cities = context.places.within(body_start, end)
        if not cities or cities[0].start != body_start or not _placeable(context, cities[0]):
            continue
        if not _list_heading(context, number, headed):
            continue
        city = cities[0]
        if not _candidate(context, city):
            continue
        dates = context.dates.within(city.end, end)
        since = dates[0] if dates and not _later_city(cities, dates[0]) else None
        _add_partner(context, city, since, (body_start, end))


def _later_city(cities: list[PlaceMention], date: DateMention) -> bool:
    return any(other.kind == "city" and other.start < date.start for other in cities[1:])


def _list_heading(context: Relations, number: int, headed: dict[int, bool]) -> bool:
    """Whether the nearest line above the list that is no item names partnerships.

    ``headed`` remembers the answer per line so that a list of n items costs n steps, not n².
    """
    lines = context.segments.lines
    passed: list[int] = []
    answer = False
    for above in range(number - 1, -1, -1):
        if above in headed:
            answer = headed[above]
            break
        line = lines[above]
        body = context.segments.line_text(line)
        if not body.strip() or line.is_item:
            passed.append(above)
            continue
        answer = bool(PARTNER_WORDS.search(body)) and not NOT_PARTNER_WORDS.search(body)
        break
    for above in passed:
        headed[above] = answer
    headed[number] = answer
    return answer


#: how many lines of prose may stand between a partnership line and a block of place lines
_PLACE_LINE_REACH = 1


def _place_lines(context: Relations) -> None:
    """Lines that hold a place and nothing but its country, region and date ("Porirua, New
    Zealand", "Liaocheng, Shandong Province, China", "Lyon (1958)"), in a block right under
    a line with a partnership word: an unbulleted list of partners. A line without a country
    ("Lyon") counts only under a partnership heading ("Partnerstädte")."""
    segments = context.segments
    text = context.text
    prose = _PLACE_LINE_REACH + 1  # lines of prose since the last partnership line
    heading = False  # that partnership line is a heading
    in_block = False  # the lines since that partnership line were place lines only
    for line in segments.lines:
        body = text[line.start : line.end]
        if not body.strip():
            continue
        found = _place_line(context, line)
        if found is None and in_block and _country_line(context, line):
            continue  # "Suseong Gu, Daegu City, Republic of Korea": a place we do not know
        if found is None or (not found[2] and not heading):
            if PARTNER_WORDS.search(body) and not NOT_PARTNER_WORDS.search(body):
                prose, heading = 0, segments.is_heading(line)
            else:
                # prose after a block of place lines ends it
                prose = _PLACE_LINE_REACH + 1 if in_block else prose + 1
            in_block = False
            continue
        if prose > _PLACE_LINE_REACH and not in_block:
            continue
        in_block = True
        place, since, _country = found
        if line.number not in context.table_lines and _candidate(context, place):
            _add_partner(context, place, since, (line.start, line.end))


_PLACE_LINE_FILLER = re.compile(
    r"(?i)\b(?:province|region|state|county|prefecture|city|gu|republic\s+of|people'?s\s+republic"
    r"\s+of|provinz|bundesstaat|kanton|canton|oblast|seit|since|ab)\b|[,;:/()\s–-]|\bthe\b"
)


def _place_line(context: Relations, line) -> tuple[PlaceMention, DateMention | None, bool] | None:
    """(place, its date, whether a country is written) of a line that is only "Place[,
    Region][, Country][ (date)]", else None."""
    if line.is_item or line.end - line.start > 90:
        return None
    mentions = context.places.within(line.start, line.end)
    if not mentions:
        return None
    first = mentions[0]
    if not _placeable(context, first) or context.text[line.start : first.start].strip():
        return None
    dates = context.dates.within(line.start, line.end)
    if len(dates) > 1 or (dates and dates[0].start < first.end):
        return None
    rest = list(context.text[line.start : line.end])
    for item in [*mentions, *dates]:
        rest[item.start - line.start : item.end - line.start] = " " * (item.end - item.start)
    if _PLACE_LINE_FILLER.sub("", "".join(rest)):
        return None
    country = any(m.kind == "country" for m in mentions)
    return first, dates[0] if dates else None, country


def _country_line(context: Relations, line) -> bool:
    """A short line that ends with a country's name ("…, Republic of Korea")."""
    if line.is_item or line.end - line.start > 90:
        return False
    last = context.places.last_ending_by(line.end)
    return (
        last is not None
        and last.kind == "country"
        and last.start >= line.start
        and not context.text[last.end : line.end].strip(" .")
    )


def _relationship_sentences(context: Relations) -> None:
    """ "The Dierdorf, Germany relationship was formally established … on June 25, 2005": a
    partner named as the subject of a founded relationship, on a page about partnerships."""
    if not PARTNER_WORDS.search(context.text):
        return
    text = context.text
    for sentence in context.sentences:
        for match in RELATIONSHIP_FOUNDED.finditer(text, sentence.start, sentence.end):
            mentions = context.places.within(match.start(), match.end())
            cities = [m for m in mentions if m.kind != "country"]
            if len(cities) != 1 or not _candidate(context, cities[0]):
                continue
            date = _cued_date(context, sentence)
            _add_partner(context, cities[0], date, (sentence.start, sentence.end))


def _signing_sentences(context: Relations) -> None:
    """ "Heute (28.06.2022) haben der Oberbürgermeister und der Bürgermeister der Stadt X den
    Städtepartnerschaftsvertrag unterzeichnet": a sentence that tells the signing of a
    partnership's charter and names one place besides the home names the partner; its one date
    is the start."""
    text = context.text
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            continue
        body = sentence.text_of(text)
        if not (PARTNERSHIP_CHARTER.search(body) and FOUNDING_ACT.search(body)):
            continue
        if NOT_FOUNDING.search(body) or NOT_PARTNER_WORDS.search(body):
            continue
        mentions = context.places.within(sentence.start, sentence.end)
        found = [m for m in mentions if _candidate(context, m, min_population=1000)]
        if len({key_of(m.place) for m in found}) != 1:
            continue
        dates = context.dates.within(sentence.start, sentence.end)
        since = dates[0] if len(dates) == 1 and dates[0].end_date is None else None
        _add_partner(context, found[0], since, (sentence.start, sentence.end))


def _enumerated_partners(context: Relations) -> None:
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
            for m in context.places.within(sentence.start, sentence.end)
            if m.kind in ("city", "country", "region")
            and not m.in_compound
            # "St. Louis (Missouri/USA 1960)": a place in a city's bracket is no list item
            and not (m.kind != "country" and _in_bracket(text, m.start))
        ]
        keyword = bool(PARTNER_WORDS.search(body))
        continued = (
            not keyword
            and previous is not None
            and bool(DEMONSTRATIVE.match(body))
            and bool(PARTNER_WORDS.search(previous.text_of(text)))
        )
        if (
            (keyword or continued)
            and not NOT_PARTNER_WORDS.search(body)
            and not _foreign_subject(context, sentence)
        ):
            for group in _enumerations(context, places):
                if not continued and not _governs(context, sentence, group):
                    continue
                for mention, since in group:
                    if _candidate(context, mention):
                        _add_partner(context, mention, since, (sentence.start, sentence.end))
        previous = sentence


# "Unsere Partnerstädte sind", "twin towns include", "Partnerstädte:", "Partnerschaften zu den
# Städten", "Städtepartnerschaften, wie etwa", "Partnerschaft zu X seit 60 Jahren, mit": a
# partnership word, a short gap, and a word that opens the list
_LIST_OPENER = re.compile(
    r"(?i)(?:" + PARTNER_WORDS.pattern.removeprefix("(?i)") + r")"
    r"(?:[^.;!?]|(?<=St)\.|(?<=Dr)\.|(?<=Mt)\.){0,80}?"
    r"(?:\b(?:sind|are|were|waren|include|includes|including|umfassen|heißen|lauten|darunter|"
    r"gehören|zählen|zählt|gehört|"
    r"namely|nämlich|mit|with|zu|zum|zur|to|wie(?:\s+etwa|\s+z\.\s*B\.)?|such\s+as|like|"
    r"u\.\s*a\.|unter\s+anderem|zum\s+Beispiel|z\.\s*B\.|e\.\s*g\.)|:)"
    r"\s*(?:(?:die|den|der|the)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:Städten|Gemeinden|Kommunen|cities|"
    r"towns|communities|Regionen|regions)\s+(?:of\s+)?)?$"
)
# the list belongs to another act of the sentence: "reisten Schüler nach", "visited"
_OTHER_ACT = re.compile(
    r"(?i)\b(?:reist\w*|fuhr\w*|fahr\w*|besuch\w*|visit\w*|travel\w*|celebrat\w*|feier\w*|"
    r"went|flog|flew|trip\w*|tour\w*|nach)\b"
)


_SUBJECT_VERB = re.compile(
    r"(?i)(?:\s+(?:also\s+|auch\s+)?(?:hat|unterhält|pflegt|has|maintains|enjoys|is\s+(?:also\s+)?"
    r"twinned|ist\s+(?:auch\s+)?(?:verschwistert|Partnerstadt))\b|(?:s|'s|’s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:partner|twin|sister|Partnerst|Städtepartner))"
)


def _foreign_subject(context: Relations, sentence: Span) -> bool:
    """ "Lyon hat Partnerschaften mit Frankfurt und Mailand", "Lyon's twin towns are …": the
    partnerships of another place, in a sentence that does not name the home."""
    mentions = [
        m
        for m in context.places.within(sentence.start, sentence.end)
        if m.kind == "city" and m.place is not None
    ]
    if not mentions or any(context.is_home(m.place) for m in mentions):
        return False
    first = mentions[0]
    return bool(_SUBJECT_VERB.match(context.text, first.end, sentence.end))


def _in_bracket(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside a bracket opened at most 60 characters before it."""
    return text.rfind("(", max(0, offset - 60), offset) > text.rfind(
        ")", max(0, offset - 60), offset
    )


def _governs(context: Relations, sentence: Span, group: list) -> bool:
    """Whether the partnership word of the sentence speaks of this enumeration: it names
    them as partners ("Partnerschaften mit A, B und C", "Partnerstädte sind A, B und C",
    "A, B und C sind unsere Partnerstädte", "Mit A, B und C bestehen Partnerschaften") rather
    than places of another act in the same sentence ("reisten nach A und B")."""
    text = context.text
    first, last = group[0][0], group[-1][0]
    before = text[max(sentence.start, first.start - 120) : first.start]
    if BEFORE_PARTNER.search(before[-60:]):
        return True
    opener = _LIST_OPENER.search(before)
    if opener and not _OTHER_ACT.search(opener.group(0)):
        return True
    if AFTER_PARTNER.match(text[last.end : last.end + 90]):
        return True
    opening = text[sentence.start : first.start]
    return bool(
        re.fullmatch(r"(?i)\W*(?:mit|with)\s+", opening)
        and PARTNER_WORDS.search(text, last.end, sentence.end)
    )


def _enumerations(
    context: Relations, places: list[PlaceMention]
) -> list[list[tuple[PlaceMention, DateMention | None]]]:
    """Runs of two or more places joined only by commas, "und", "and" (brackets allowed)."""
    groups: list[list[tuple[PlaceMention, DateMention | None]]] = []
    current: list[tuple[PlaceMention, DateMention | None]] = []
    for index, mention in enumerate(places):
        if mention.kind == "country":
            continue
        since = None
        # a region or country inside the bracket ("St. Louis (Missouri/USA 1960)") is no limit
        following = next((p for p in places[index + 1 :] if p.kind == "city"), None)
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
_IN_COUNTRY = re.compile(r"^\s*(?:in|im)\s+(?=,|(?:und|and|sowie)\b)")


def _joins(context: Relations, start: int, end: int) -> bool:
    gap = list(context.text[start:end])
    for item in context.places.within(start, end):
        if item.kind == "country":
            gap[item.start - start : item.end - start] = " " * (item.end - item.start)
    cleaned = _BRACKET.sub(" ", "".join(gap))
    # "Kórnik/Polen und Hauts-de-France": the slash only tied the country (blanked) to the city
    cleaned = re.sub(r"^/\s+(?=\S)", " ", cleaned)
    # "Eichenzell in Germany, Montigny in France and ...": the country was blanked above
    cleaned = _IN_COUNTRY.sub(" ", cleaned)
    cleaned = re.sub(r"\s*,\s*(?=,)|^\s*,\s*(?=\s*(?:,|und|and))", " ", cleaned)
    cleaned = re.sub(r"^\s*,(\s*,)+", ",", cleaned)
    # "Lyon, France; Turin, Italy; and Kraków": the separators around a blanked country
    cleaned = re.sub(r"[,;](?:\s*[,;])+", lambda m: m.group(0)[-1], cleaned)
    return bool(ENUM_GAP.match(cleaned)) and len(cleaned) <= 40


# "Paris (seit 1987)", "Lyon, Frankreich (1958)", "Kórnik/Polen (seit 1957)"
_AFTER_CITY_BRACKET = re.compile(r"\s*(?:(?:,|/|\s+in)\s*[A-ZÄÖÜ][\w .]{0,30})?\s*\(([^()]*)\)")


def _bracket_date(context: Relations, end: int, limit: int | None) -> DateMention | None:
    """A date in the bracket right after a city: "Paris (seit 1987)", "Kyoto (1994)"."""
    following = context.text[end : end + 60]
    match = _AFTER_CITY_BRACKET.match(following)
    if not match:
        return None
    bracket_end = end + match.end()
    # the next city may sit inside the bracket ("(Missouri/USA 1960)"), not before it
    if limit is not None and limit < end + match.start(1) - 1:
        return None
    dates = context.dates.within(end, bracket_end)
    return dates[0] if len(dates) == 1 else None


def _sentence_partners(context: Relations) -> None:
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
        mentions = context.places.within(sentence.start, sentence.end)
        cities = [m for m in mentions if _candidate(context, m, min_population=1000)]
        known = any(key_of(m.place) in context.partners for m in cities)
        keyword = has_keyword and not negative
        succession = not has_keyword and previous_keyword and bool(SUCCESSION.search(body))
        founding = not has_keyword and known and bool(FOUNDING.search(body))
        previous_keyword = has_keyword
        if negative or not (keyword or succession or founding):
            continue
        if _foreign_subject(context, sentence):
            continue
        homes = [m for m in mentions if m.kind == "city" and context.is_home(m.place)]
        found = [
            m for m in cities if _tied_to_home(context, m, homes) or _named_as_partner(context, m)
        ]
        if not found and keyword and len({key_of(m.place) for m in cities}) == 1:
            # "Kontakte mit Lyon gab es seit 1975, eine Partnerschaft seit 1980": the one
            # place of a partnership sentence, as the object of "mit/with"
            found = [m for m in cities if _WITH_BEFORE.search(text, m.start - 50, m.start)]
        pairs = _paired_dates(context, cities)
        if found or succession:
            for mention in cities:
                if mention in pairs and mention not in found:
                    found.append(mention)
        distinct = {key_of(m.place) for m in found}
        since = _since_in(context, sentence) if len(distinct) == 1 else None
        used = {date.start for date in pairs.values()}
        previous_end = sentence.start
        for mention in sorted(found, key=lambda m: m.start):
            own = pairs.get(mention) or since
            if own is None and len(distinct) > 1:
                own = _clause_date(context, previous_end, mention, used)
            previous_end = mention.end
            _add_partner(context, mention, own, (sentence.start, sentence.end))


_WITH_BEFORE = re.compile(
    r"(?i)\b(?:mit|with)\s+(?:(?:der|dem|the)\s+(?:[\w-]+\s+){0,2}?(?:Stadt|Gemeinde|city|town)"
    r"\s+(?:of\s+)?)?$"
)


def _clause_date(
    context: Relations, start: int, mention: PlaceMention, used: set[int]
) -> DateMention | None:
    """ "1958 wurde die Partnerschaft mit Lyon besiegelt, 1960 folgte Turin": the one date
    written before a partner since the previous partner, in words of a founding or a
    partnership with no comma between them."""
    dates = [d for d in context.dates.within(start, mention.start) if d.start not in used]
    if len(dates) != 1 or dates[0].end_date is not None:
        return None
    between = context.text[dates[0].end : mention.start]
    if any(mark in between for mark in ",;:") or len(between) > 60:
        return None
    if not (FOUNDING.search(between) or PARTNER_WORDS.search(between)):
        return None
    used.add(dates[0].start)
    return dates[0]


def _paired_dates(
    context: Relations, cities: list[PlaceMention]
) -> dict[PlaceMention, DateMention]:
    """Dates written right beside a city: "Minsk in 1993", "Paris (1987)", "1970 Mailand"."""
    text = context.text
    pairs: dict[PlaceMention, DateMention] = {}
    inherited: DateMention | None = None
    used: set[int] = set()
    for index, city in enumerate(cities):
        after = context.dates.first_from(city.end)
        nearest_next = cities[index + 1].start if index + 1 < len(cities) else len(text)
        after_ok = (
            after is not None
            and after.start < nearest_next
            and bool(CITY_THEN_DATE.match(text[city.end : after.start]))
        )
        before = context.dates.last_ending_by(city.start)
        before_ok = (
            before is not None
            and before.start not in used
            and bool(DATE_THEN_CITY.match(text[before.end : city.start]))
        )
        bare_after = after_ok and not re.search(r"\w|\(", text[city.end : after.start])
        if after_ok and not (bare_after and before_ok):
            pairs[city] = after
            used.add(after.start)
            inherited = None
            continue
        if before_ok:
            pairs[city] = inherited = before
            used.add(before.start)
            continue
        if inherited is not None and index and _joins(context, cities[index - 1].end, city.start):
            pairs[city] = inherited
        else:
            inherited = None
    return pairs


def _tied_to_home(context: Relations, mention: PlaceMention, homes: list[PlaceMention]) -> bool:
    text = context.text
    for home in homes:
        if home.end <= mention.start and PAIR_GAP.match(text[home.end : mention.start]):
            return True
        if mention.end <= home.start and PAIR_GAP.match(text[mention.end : home.start]):
            return True
        if home.end <= mention.start:
            between = text[home.end : mention.start]
            if re.fullmatch(r"(?:’s|'s|s)?\s+(?:und|and)\s+", between):
                return True
    return False


def _named_as_partner(context: Relations, mention: PlaceMention) -> bool:
    text = context.text
    before = text[max(0, mention.start - 60) : mention.start]
    if BEFORE_PARTNER.search(before):
        return True
    return bool(AFTER_PARTNER.match(text[mention.end : mention.end + 90]))


def _since_in(context: Relations, sentence: Span) -> DateMention | None:
    dates = context.dates.within(sentence.start, sentence.end)
    text = context.text
    since = [d for d in dates if SINCE_BEFORE.search(text[max(0, d.start - 40) : d.start])]
    # "Kontakte seit 1975, eine offizielle Partnerschaft seit 1980": the partnership's own date
    for date in since:
        before = text[max(0, date.start - 40) : date.start]
        if PARTNER_WORDS.search(before) and not CONTACTS.search(before):
            return date
    if since:
        return since[0]
    body = sentence.text_of(text)
    if len(dates) == 1 and FOUNDING.search(body) and not find_anniversary_mentions(body):
        return dates[0]
    return None


# "Diese besteht seit 1969", "It dates from 1975", "Sie wurde 1990 besiegelt": a sentence about
# the partnership the previous sentence named
_PARTNERSHIP_PRONOUN = re.compile(
    r"(?i)^\W*(?:diese|sie|die\s+(?:städte)?partnerschaft|it|this|the\s+(?:partnership|twinning|"
    r"link|relationship))\s+(?:besteht|bestand|wurde|ist|was|dates|has\s+existed|exists|"
    r"began|started)\b"
)


def _pronoun_since(context: Relations) -> None:
    """A partner without a date, named alone in a partnership sentence, dated by the next
    sentence that speaks of that partnership with a pronoun: "… die Partnerschaft mit Lyon.
    Diese besteht seit 1969." """
    text = context.text
    previous: Span | None = None
    for sentence in context.sentences:
        earlier, previous = previous, sentence
        if earlier is None or not _PARTNERSHIP_PRONOUN.match(sentence.text_of(text)):
            continue
        if not PARTNER_WORDS.search(earlier.text_of(text)):
            continue
        named = {
            key_of(m.place)
            for m in context.places.within(earlier.start, earlier.end)
            if m.place is not None and key_of(m.place) in context.partners
        }
        if len(named) != 1:
            continue
        partner = context.partners[next(iter(named))]
        if partner.since is not None:
            continue
        since = _since_in(context, sentence)
        if since is not None and since.start not in context.consumed:
            partner.since, partner.evidence = since, (sentence.start, sentence.end)
            context.consumed.add(since.start)


def _orphan_since(context: Relations) -> None:
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
            m.kind == "city" and not context.is_home(m.place)
            for m in context.places.within(sentence.start, sentence.end)
        ):
            continue
        since = _since_in(context, sentence)
        if since is not None:
            partner.since = since
            partner.evidence = (sentence.start, sentence.end)
            context.consumed.add(since.start)
            return


# the document a partnership is founded with
_CHARTER = re.compile(r"(?i)\b(?:contract|charter|agreement|treaty|Vertrag\w*|Urkunde\w*|Charta)\b")


def _founding_since(context: Relations) -> None:
    """A partner still without a date, in a sentence that dates its founding: "X and Y were
    officially recognized as sister cities on May 25, 1988", "the contract was signed on
    3 November 2012", "Die Urkunde wurde am 5. Mai 1990 in X unterzeichnet"."""
    waiting = {key for key, partner in context.partners.items() if partner.since is None}
    if not waiting:
        return
    lone = len(context.partners) == 1
    text = context.text
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            continue
        others = {
            key_of(m.place)
            for m in context.places.within(sentence.start, sentence.end)
            if _placeable(context, m)
            and not m.in_compound
            and not context.is_home(m.place)
            and not _located(context, m)
            # a small place named like an ordinary word ("Fall") is no second city
            and (key_of(m.place) in context.partners or m.population >= PASSING_MIN_POPULATION)
        }
        named = others & waiting
        body = sentence.text_of(text)
        dates = context.dates.within(sentence.start, sentence.end)
        shared = len(named) > 1 and others <= context.partners.keys() and len(dates) == 1
        ring = bool(named) and len(others) > 1 and _ring_founding(context, sentence, dates)
        if not named and not others and not lone and BOTH_TOWNS.search(body):
            # "the contract between the two municipalities was signed on …": the partner
            # the text spoke of last
            previous = _last_partner_before(context, sentence.start)
            named = {previous} & waiting
        if (len(others) > 1 and not (shared or ring)) or (not named and not lone):
            continue
        if not named:
            if others or not (PARTNER_WORDS.search(body) or _CHARTER.search(body)):
                continue
            named = set(waiting)
        if ring:
            date = dates[0]
        else:
            date = _cued_date(context, sentence) or _founding_date(context, sentence)
        if date is None:
            continue
        # one date for several partners: a ring signed on one day, stated once
        for key in named:
            partner = context.partners[key]
            partner.since = date
            partner.evidence = (sentence.start, sentence.end)
            waiting.discard(key)
        context.consumed.add(date.start)
        if not waiting:
            return


#: how far back a "the two towns" looks for the partner it means
_BOTH_REACH = 600


def _last_partner_before(context: Relations, offset: int) -> object | None:
    """The key of the last partner named before ``offset`` (within ``_BOTH_REACH``)."""
    for mention in reversed(context.places.within(max(0, offset - _BOTH_REACH), offset)):
        if mention.place is not None and key_of(mention.place) in context.partners:
            return key_of(mention.place)
    return None


def _ring_founding(context: Relations, sentence: Span, dates: list[DateMention]) -> bool:
    """One date, a founding act, and the places of the sentence in one enumeration: "1954
    schloss X einen Verbrüderungseid mit A, B, C und D" dates each partner among them."""
    body = sentence.text_of(context.text)
    if len(dates) != 1 or dates[0].end_date is not None or dates[0].start in context.consumed:
        return False
    if not FOUNDING_ACT.search(body) or NOT_FOUNDING.search(body):
        return False
    if NOT_PARTNER_WORDS.search(body):  # a friendship that became a partnership later
        return False
    places = [
        m
        for m in context.places.within(sentence.start, sentence.end)
        if m.kind != "country" and not m.in_compound and not context.is_home(m.place)
    ]
    groups = _enumerations(context, places)
    return len(groups) == 1 and len(groups[0]) == len(places)


def _founding_date(context: Relations, sentence: Span) -> DateMention | None:
    """The one date of a partnership sentence that tells of a founding: "Zuletzt war es 2009,
    als man mit Shanghai eine Städtepartnerschaft einging", "The twinning took place in 1997"."""
    body = sentence.text_of(context.text)
    if not PARTNER_WORDS.search(body) or NOT_PARTNER_WORDS.search(body):
        return None
    dates = context.dates.within(sentence.start, sentence.end)
    if len(dates) != 1 or dates[0].end_date is not None or dates[0].start in context.consumed:
        return None
    if not FOUNDING.search(body) or find_anniversary_mentions(body):
        return None
    return dates[0]


def _cued_date(context: Relations, sentence: Span) -> DateMention | None:
    """The first single date that follows a founding cue closely in ``sentence``."""
    text = context.text
    for cue in FOUNDING_CUE.finditer(text, sentence.start, sentence.end):
        date = context.dates.first_from(cue.end())
        if (
            date is None
            or date.end > sentence.end
            or date.start - cue.end() > CUE_REACH
            or date.end_date is not None
            or date.start in context.consumed
        ):
            continue
        return date
    return None
