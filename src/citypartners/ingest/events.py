"""Relations, part 3: the dated events of the home's partnerships.

Every date a sentence states is an event once per sentence and distinct date, except a date
used as a partnership's start, dates in partnership table rows and metadata lines. Relative
years ("im Folgejahr") resolve to the last explicit date before them; anniversaries without
a year ("25 Jahre …") to the partnership's start plus the count.
"""

from __future__ import annotations

from citypartners.core.dates import PartialDate
from citypartners.ingest.date_mentions import (
    DateMention,
    find_anniversary_mentions,
    find_relative_mentions,
)
from citypartners.ingest.home import key_of
from citypartners.ingest.partners import CUE_REACH, Relations
from citypartners.ingest.records import evidence_of
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    CONTACTS,
    FOUNDED,
    FOUNDING_ACT,
    FOUNDING_CUE,
    MEETING,
    METADATA,
    NOT_FOUNDING,
    PARTNER_WORDS,
    RELATION_STATE,
    RELATION_WORDS,
    SINCE_BEFORE,
    SINCE_DATE,
    SINCE_IN_BRACKETS,
    WORD,
)

#: a relative year ("the following year") refers to an explicit date at most this far back
RELATIVE_REACH = 1500
SUMMARY_LENGTH = 300


def find_events(context: Relations) -> list[dict]:
    text = context.text
    starts = _partner_starts(context)
    events: list[dict] = []
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            continue
        body = sentence.text_of(text)
        if METADATA.search(body) or MEETING.search(body) or _only_dates(context, sentence):
            continue
        keys: dict[tuple, None] = {}
        partnership = bool(PARTNER_WORDS.search(body))
        founded = bool(FOUNDED.search(body)) and not _names_partner(context, sentence)
        founded = founded or _a_founding_act(context, sentence, body)
        for date in context.dates.within(sentence.start, sentence.end):
            if date.start in context.consumed or founded:
                continue
            if partnership and _a_start(context, sentence, date):
                continue
            if _a_duration(context, sentence, date, body):
                continue
            keys.setdefault((date.date, date.end_date))
        for start, _end, offset in find_relative_mentions(body):
            absolute = sentence.start + start
            earlier = context.dates.last_ending_by(absolute)
            if earlier is not None and absolute - earlier.end < RELATIVE_REACH:
                year = (earlier.end_date or earlier.date).year + offset
                keys.setdefault((PartialDate(year), None))
        has_explicit = any(True for _ in context.dates.within(sentence.start, sentence.end))
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
                    "evidence": evidence_of(text, sentence.start, sentence.end),
                }
            )
    return events


def _a_start(context: Relations, sentence: Span, date: DateMention) -> bool:
    """A date right after "seit/since" or a founding cue in a partnership sentence states when a
    partnership began ("Partnerschaft besteht seit dem 1. November 1995", "signed in 1990"):
    a start, even where no partner could be named, never an event."""
    start = max(sentence.start, date.start - CUE_REACH)
    previous = context.dates.last_ending_by(date.start)
    if previous is not None and previous.end > start:
        start = previous.end  # the cue must belong to this date, not to the one before
    window = context.text[start : date.start]
    return bool(SINCE_BEFORE.search(window) or FOUNDING_CUE.search(window))


def _a_founding_act(context: Relations, sentence: Span, body: str) -> bool:
    """A sentence with one date that tells how a partnership was signed or established (and not
    a renewal, a second signing or an anniversary) states the founding act: its date is the
    partnership's start, never an event (README rule 5)."""
    if not (FOUNDING_ACT.search(body) and RELATION_WORDS.search(body)):
        return False
    if NOT_FOUNDING.search(body):
        return False
    dates = context.dates.within(sentence.start, sentence.end)
    return sum(1 for _ in dates) == 1


def _a_duration(context: Relations, sentence: Span, date: DateMention, body: str) -> bool:
    """A date right after "seit/since" in a sentence about the relation itself ("seit 1977
    verbunden", "Seit 2018 kooperiert", "(Italien; seit Juli 1992)") starts a lasting state: a
    duration, no event. An activity, contacts or a field of cooperation dated so stay events
    (README rule 5: contacts before the founding and the start of a cooperation are events)."""
    window = context.text[max(sentence.start, date.start - 25) : date.start]
    if not SINCE_DATE.search(window) or CONTACTS.search(body):
        return False
    return bool(SINCE_IN_BRACKETS.search(window) or RELATION_STATE.search(body))


def _only_dates(context: Relations, sentence: Span) -> bool:
    """A fragment that is nothing but a date (", 13.04.2018", "In 2002,") is a dateline or a
    broken line, never an activity: fewer than two words of at least three letters remain."""
    text = context.text
    rest = []
    cursor = sentence.start
    dates = list(context.dates.within(sentence.start, sentence.end))
    if not dates:
        return False
    for date in dates:
        rest.append(text[cursor : date.start])
        cursor = max(cursor, date.end)
    rest.append(text[cursor : sentence.end])
    return len(WORD.findall(" ".join(rest))) < 2


def _names_partner(context: Relations, sentence: Span) -> bool:
    return any(
        m.kind == "city" and m.place is not None and key_of(m.place) in context.partners
        for m in context.places.within(sentence.start, sentence.end)
    )


def _partner_starts(context: Relations) -> dict[object, int]:
    return {
        key: partner.since.date.year
        for key, partner in context.partners.items()
        if partner.since is not None
    }


def _anniversary_base(context: Relations, sentence: Span, starts: dict[object, int]) -> int | None:
    named = {
        key_of(m.place)
        for m in context.places.within(sentence.start, sentence.end)
        if m.kind == "city" and m.place and key_of(m.place) in starts
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
