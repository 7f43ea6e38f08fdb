"""Which mentions may be partners at all, whatever form of text names them.

A city (or, where regions may be partners, a region) that is not the home, not one of its
districts, not a place that only locates another, names an administrative unit or a person,
and not in a sentence about another place's partnerships. Every rule asks these first, so
they live in one place.
"""

from __future__ import annotations

import math
import re

from citypartners.ingest.gazetteer import PlaceRef
from citypartners.ingest.partner_context import DISTRICT_KM, Relations
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    ADMINISTRATIVE_UNIT,
    LOCATOR,
    PERSON_BEFORE,
    REGION_PARTNER_WORDS,
)


def regions_are_partners(context: Relations) -> bool:
    """A State or region is the home, or the text speaks of partner regions: then States,
    provinces and regions named as partners count like cities."""
    home = context.home
    if home is not None and home.geonames_id is None and context.gazetteer.region(home.name):
        return True
    return bool(REGION_PARTNER_WORDS.search(context.text))


def placeable(context: Relations, mention: PlaceMention) -> bool:
    """A city, or (where regions may be partners) a State, province or region."""
    return mention.place is not None and (
        mention.kind == "city" or (mention.kind == "region" and context.regions)
    )


def candidate(context: Relations, mention: PlaceMention, min_population: int = 0) -> bool:
    return (
        placeable(context, mention)
        and not mention.in_compound
        and not context.is_home(mention.place)
        and not part_of_home(context.home, mention.place)
        and not located(context, mention)
        and (
            mention.kind == "region"
            or mention.population >= min_population
            # a place GeoNames lacks stands on the country written beside it, not on its size
            or mention.unlisted
            or context.gazetteer.is_alias(mention.text)
        )
    )


def located(context: Relations, mention: PlaceMention) -> bool:
    """The name does not stand for a partner city: it says where something lies or happens
    ("a suburb of Frankfurt", "the conference in Leipzig"), names an administrative unit
    ("die Wojewodschaft Krakau") or a person ("Mayor William T. Martin")."""
    text, start = context.text, max(0, mention.start - 40)
    return bool(
        LOCATOR.search(text, start, mention.start)
        or ADMINISTRATIVE_UNIT.search(text, start, mention.start)
        or PERSON_BEFORE.search(text, start, mention.start)
    )


def part_of_home(home: PlaceRef | None, place: PlaceRef) -> bool:
    """A place of the home's own country within a few kilometres of it: one of its districts
    ("Steglitz" on a Berlin page), or the city a borough belongs to. Never its partner."""
    if home is None or None in (home.lat, home.lon, place.lat, place.lon):
        return False
    if home.country != place.country:
        return False
    north = (home.lat - place.lat) * 111.2
    east = (home.lon - place.lon) * 111.2 * math.cos(math.radians(home.lat))
    return math.hypot(north, east) < DISTRICT_KM


_SUBJECT_VERB = re.compile(
    r"(?i)(?:\s+(?:also\s+|auch\s+)?(?:hat|unterhält|pflegt|has|maintains|enjoys|is\s+(?:also\s+|now\s+|\w+ly\s+)?"
    r"twinned|ist\s+(?:auch\s+)?(?:verschwistert|Partnerstadt))\b|(?:s|'s|’s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:partner|twin|sister|Partnerst|Städtepartner))"
)


def foreign_subject(context: Relations, sentence: Span) -> bool:
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


def in_bracket(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside a bracket opened at most 60 characters before it."""
    return text.rfind("(", max(0, offset - 60), offset) > text.rfind(
        ")", max(0, offset - 60), offset
    )
