"""Partners read from the layout of a page rather than from its sentences: table rows of
(city, date) pairs, bulleted items under a partnership heading, and short place lines
("Lyon, Frankreich (1958)") in a block under a partnership line.
"""

from __future__ import annotations

import re

from citypartners.ingest.date_mentions import DateMention
from citypartners.ingest.partner_context import Relations, add_partner
from citypartners.ingest.partner_filters import candidate, placeable
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.segmentation import BULLET, Segments
from citypartners.ingest.vocabulary import (
    NOT_PARTNER_WORDS,
    PARTNER_WORDS,
)

_ROW_FILLER = re.compile(
    r"(?i)\b(?:seit|since|ab|from|partner(?:stadt)?|city|stadt|country|land|year|jahr)\b|"
    r"[|\t,;:()\[\]–—\-/•*·▪]|\s"
)


def table_partners(context: Relations) -> None:
    """Lines that hold only (city, date) pairs — one or more per line — form a table."""
    text = context.text
    rows: list[tuple[int, list[PlaceMention], list[DateMention], tuple[int, int]]] = []
    for number, start, end, _bullet in _spans(context.segments):
        cities = [m for m in context.places.within(start, end) if placeable(context, m)]
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
            if not candidate(context, city):
                continue
            since = dates[index] if dates else None
            add_partner(context, city, since, span)


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


def list_partners(context: Relations) -> None:
    """Bulleted items that start with a city, under a heading that names partnerships."""
    headed: dict[int, bool] = {}
    for number, _start, end, body_start in _spans(context.segments):
        if body_start is None or number in context.table_lines:
            continue
        cities = context.places.within(body_start, end)
        if not cities or cities[0].start != body_start or not placeable(context, cities[0]):
            continue
        if not _list_heading(context, number, headed):
            continue
        city = _paired_partner(context, cities) or cities[0]
        if not candidate(context, city):
            continue
        dates = context.dates.within(city.end, end)
        rest = [c for c in cities if c.start >= city.start]
        since = dates[0] if dates and not _later_city(rest, dates[0]) else None
        add_partner(context, city, since, (body_start, end))


# "Ballymahon and Landévant", "Longford Town and Noyal-Châtillon", "Granard town and East Rouen"
_PAIR_JOIN = re.compile(
    r"(?i)^\s*(?:town|city|village|parish|stadt|gemeinde)?\s*(?:and|und|&|–|—|-|/)\s*$"
)


def _paired_partner(context: Relations, cities: list[PlaceMention]) -> PlaceMention | None:
    """The twin in an item that pairs a place of the home's side with it: "Ballymahon and
    Landévant, France" on a county's list of its towns' twinnings, "Longford Town and
    Noyal-Châtillon". The first place is the home, or of the home's country while the second
    is of another; then the second is the partner."""
    home = context.home
    places = [c for c in cities if c.kind == "city" and c.place is not None]
    if home is None or len(places) < 2:
        return None
    first, second = places[0], places[1]
    if not _PAIR_JOIN.match(context.text[first.end : second.start]):
        return None
    if context.is_home(first.place) and not context.is_home(second.place):
        return second
    if first.country == home.country and second.country not in (None, home.country):
        return second
    return None


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
        if not body.strip() or line.is_item or _country_heading(context, line):
            # a country heading ("Frankreich:") groups the partners under the list's heading
            passed.append(above)
            continue
        answer = bool(PARTNER_WORDS.search(body)) and not NOT_PARTNER_WORDS.search(body)
        break
    for above in passed:
        headed[above] = answer
    headed[number] = answer
    return answer


def _country_heading(context: Relations, line) -> bool:
    """A line holding only a country's name ("Frankreich", "France:")."""
    mentions = context.places.within(line.start, line.end)
    return (
        len(mentions) == 1
        and mentions[0].kind == "country"
        and not context.text[line.start : mentions[0].start].strip()
        and not context.text[mentions[0].end : line.end].strip(" :")
    )


#: how many lines of prose may stand between a partnership line and a block of place lines
_PLACE_LINE_REACH = 1


def place_lines(context: Relations) -> None:
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
        if line.number not in context.table_lines and candidate(context, place):
            add_partner(context, place, since, (line.start, line.end))


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
    if not placeable(context, first) or context.text[line.start : first.start].strip():
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
