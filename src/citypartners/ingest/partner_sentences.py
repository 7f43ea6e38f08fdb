"""Partners named in sentences: tied to the home ("Berlin und Mexiko-Stadt"), named as partner
("Partnerschaft mit Lyon", "twinned with"), paired with a date ("Minsk in 1993"), the subject of
a founded relationship, or the one place of a charter's signing.
"""

from __future__ import annotations

import re

from citypartners.ingest.date_mentions import DateMention
from citypartners.ingest.home import key_of
from citypartners.ingest.partner_context import Relations, add_partner
from citypartners.ingest.partner_dates import cued_date, since_in
from citypartners.ingest.partner_enumerations import joins
from citypartners.ingest.partner_filters import candidate, foreign_subject
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    AFTER_PARTNER,
    BEFORE_PARTNER,
    CITY_THEN_DATE,
    DATE_THEN_CITY,
    FOUNDING,
    FOUNDING_ACT,
    NOT_FOUNDING,
    NOT_PARTNER_WORDS,
    PAIR_GAP,
    PARTNER_WORDS,
    PARTNERSHIP_CHARTER,
    RELATIONSHIP_FOUNDED,
    SUCCESSION,
)


def relationship_sentences(context: Relations) -> None:
    """ "The Dierdorf, Germany relationship was formally established … on June 25, 2005": a
    partner named as the subject of a founded relationship, on a page about partnerships."""
    if not PARTNER_WORDS.search(context.text):
        return
    text = context.text
    for sentence in context.sentences:
        for match in RELATIONSHIP_FOUNDED.finditer(text, sentence.start, sentence.end):
            mentions = context.places.within(match.start(), match.end())
            cities = [m for m in mentions if m.kind != "country"]
            if len(cities) != 1 or not candidate(context, cities[0]):
                continue
            date = cued_date(context, sentence)
            add_partner(context, cities[0], date, (sentence.start, sentence.end))


def signing_sentences(context: Relations) -> None:
    """ "Heute (28.06.2022) haben der Oberbürgermeister und der Bürgermeister der Stadt X den
    Städtepartnerschaftsvertrag unterzeichnet": a sentence that tells the signing of a
    partnership's charter and names one place besides the home names the partner; its one date
    is the start."""
    text = context.text
    for whole in context.sentences:
        if whole.line in context.table_lines:
            continue
        for sentence in _statements(text, whole):
            _signing_statement(context, sentence)


# a colon that opens a statement of its own: "… jährt sich die Städtefreundschaft zum 25. Mal:
# Am 10.10.1998 wurde die Partnerschaftsurkunde … unterzeichnet"
_STATEMENT_COLON = re.compile(r":\s+(?=[A-ZÄÖÜ])")


def _statements(text: str, sentence: Span) -> list[Span]:
    """The statements of a sentence that a colon joins, each read on its own."""
    spans, start = [], sentence.start
    for colon in _STATEMENT_COLON.finditer(text, sentence.start, sentence.end):
        spans.append(Span(start, colon.start(), sentence.line))
        start = colon.end()
    spans.append(Span(start, sentence.end, sentence.line))
    return spans


def _signing_statement(context: Relations, sentence: Span) -> None:
    """One statement of a sentence that may tell a signing (see ``signing_sentences``)."""
    body = sentence.text_of(context.text)
    if not (PARTNERSHIP_CHARTER.search(body) and FOUNDING_ACT.search(body)):
        return
    if NOT_FOUNDING.search(body) or NOT_PARTNER_WORDS.search(body):
        return
    mentions = context.places.within(sentence.start, sentence.end)
    found = [m for m in mentions if candidate(context, m, min_population=1000)]
    if len({key_of(m.place) for m in found}) != 1:
        return
    dates = context.dates.within(sentence.start, sentence.end)
    since = dates[0] if len(dates) == 1 and dates[0].end_date is None else None
    add_partner(context, found[0], since, (sentence.start, sentence.end))


def sentence_partners(context: Relations) -> None:
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
        cities = [m for m in mentions if candidate(context, m, min_population=1000)]
        known = any(key_of(m.place) in context.partners for m in cities)
        keyword = has_keyword and not negative
        succession = not has_keyword and previous_keyword and bool(SUCCESSION.search(body))
        founding = not has_keyword and known and bool(FOUNDING.search(body))
        previous_keyword = has_keyword
        if negative or not (keyword or succession or founding):
            continue
        if foreign_subject(context, sentence):
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
        since = since_in(context, sentence) if len(distinct) == 1 else None
        used = {date.start for date in pairs.values()}
        previous_end = sentence.start
        for mention in sorted(found, key=lambda m: m.start):
            own = pairs.get(mention) or since
            if own is None and len(distinct) > 1:
                own = _clause_date(context, previous_end, mention, used)
            previous_end = mention.end
            add_partner(context, mention, own, (sentence.start, sentence.end))


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
        if inherited is not None and index and joins(context, cities[index - 1].end, city.start):
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
