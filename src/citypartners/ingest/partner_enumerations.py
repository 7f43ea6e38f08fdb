"""Partners named in an enumeration ("Partnerstädte sind A, B und C", "Diese sind …") that a
partnership word governs, with the date in each one's bracket ("Rom (seit 1961)").

The joins between the items (commas, "und", a country in between) are read here once, for
the enumeration rule and for the ring-founding date of `partner_dates`.
"""

from __future__ import annotations

import re

from citypartners.ingest.date_mentions import DateMention
from citypartners.ingest.partner_context import Relations, add_partner
from citypartners.ingest.partner_filters import candidate, foreign_subject, in_bracket
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    AFTER_PARTNER,
    BEFORE_PARTNER,
    DEMONSTRATIVE,
    ENUM_GAP,
    NOT_PARTNER_WORDS,
    PARTNER_WORDS,
)


def enumerated_partners(context: Relations) -> None:
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
            and not (m.kind != "country" and in_bracket(text, m.start))
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
            and not foreign_subject(context, sentence)
        ):
            for group in enumerations(context, places):
                if not continued and not _governs(context, sentence, group):
                    continue
                if continued and not _follows_demonstrative(context, sentence, group[0][0]):
                    continue  # "It is 4 hours' drive from Cherbourg/Roscoff": no list of partners
                for mention, since in group:
                    if candidate(context, mention):
                        add_partner(context, mention, since, (sentence.start, sentence.end))
        previous = sentence


#: "Diese sind A, B und C": the list follows the demonstrative and its verb at once
_DEMONSTRATIVE_REACH = 30
_PREPOSITION = re.compile(r"(?i)\b(?:from|to|in|at|near|with|von|nach|aus|bei|mit|zu|zum|zur)\b")


def _follows_demonstrative(context: Relations, sentence: Span, first: PlaceMention) -> bool:
    """ "Diese sind unter anderem A, B und C", not "It is four hours' drive from A, B and C":
    the list comes right after the demonstrative, with no preposition of a route between."""
    gap = context.text[sentence.start : first.start]
    return len(gap) <= _DEMONSTRATIVE_REACH and not _PREPOSITION.search(gap)


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
    r"\s*(?:(?:die|den|der|the)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:Städten|Gemeinden|Kommunen|(?:Land)?[Kk]reisen|Bezirken|cities|counties|districts|"
    r"towns|communities|Regionen|regions)\s+(?:of\s+)?)?$"
)


# the list belongs to another act of the sentence: "reisten Schüler nach", "visited"
_OTHER_ACT = re.compile(
    r"(?i)\b(?:reist\w*|fuhr\w*|fahr\w*|besuch\w*|visit\w*|travel\w*|celebrat\w*|feier\w*|"
    r"went|flog|flew|trip\w*|tour\w*|nach)\b"
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


def enumerations(
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
            if not joins(context, gap_start, mention.start):
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


def joins(context: Relations, start: int, end: int) -> bool:
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
