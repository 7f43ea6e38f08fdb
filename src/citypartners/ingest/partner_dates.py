"""The start date (`since`) of partners found without one: the seit/since/signed date of a
sentence about them alone, a pronoun sentence after it ("Diese besteht seit 1969"), a founding
cue close before a date, one founding date for a ring of partners.

Run after every rule that finds partners, since these dates need to know which partners exist.
"""

from __future__ import annotations

import re

from citypartners.ingest.date_mentions import DateMention, find_anniversary_mentions
from citypartners.ingest.home import PASSING_MIN_POPULATION, key_of
from citypartners.ingest.partner_context import CUE_REACH, Relations
from citypartners.ingest.partner_enumerations import enumerations
from citypartners.ingest.partner_filters import located, placeable
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    BOTH_TOWNS,
    CONTACTS,
    FOUNDING,
    FOUNDING_ACT,
    FOUNDING_CUE,
    NOT_FOUNDING,
    NOT_PARTNER_WORDS,
    PARTNER_WORDS,
    SINCE_BEFORE,
)


def since_in(context: Relations, sentence: Span) -> DateMention | None:
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


def pronoun_since(context: Relations) -> None:
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
        since = since_in(context, sentence)
        if since is not None and since.start not in context.consumed:
            partner.since, partner.evidence = since, (sentence.start, sentence.end)
            context.consumed.add(since.start)


def orphan_since(context: Relations) -> None:
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
        since = since_in(context, sentence)
        if since is not None:
            partner.since = since
            partner.evidence = (sentence.start, sentence.end)
            context.consumed.add(since.start)
            return


# the document a partnership is founded with
_CHARTER = re.compile(r"(?i)\b(?:contract|charter|agreement|treaty|Vertrag\w*|Urkunde\w*|Charta)\b")


def founding_since(context: Relations) -> None:
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
            if placeable(context, m)
            and not m.in_compound
            and not context.is_home(m.place)
            and not located(context, m)
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
            date = cued_date(context, sentence) or _founding_date(context, sentence)
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
    groups = enumerations(context, places)
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


def cued_date(context: Relations, sentence: Span) -> DateMention | None:
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
