"""Relations, part 3: the dated events of the home's partnerships.

An event is a dated occurrence that concerns a partnership of the home (corpus README rule 5):
a visit, a delegation, an exchange, a festival, an anniversary, a renewal, a second signing.
A date is kept once per sentence and distinct date when its sentence concerns a partnership (a
partnership word, a partner's name, or an occurrence word of ``event_words``), except

- a partnership's start (the founding act, a date after "seit/since" or a signing cue);
- dates in partnership table rows, metadata, meeting and caption lines;
- the city's history, terms of office, policies and plans, the sister-cities movement, and
  partnerships or activities of other places (the home's boroughs or member towns).

Relative years ("im Folgejahr") resolve to the last explicit date before them, "dieses Jahr"
without one to the document's own year; anniversaries without a year ("25 Jahre …") to the
partnership's start plus the count. A day or month written without a year takes the year of
the same month stated in the text nearby ("im Oktober" … "20. Oktober 2018"), or, when its
weekday is written ("am Samstag (14. April)"), the year of a stated date in which that day is
that weekday.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re

from citypartners.core.dates import PartialDate
from citypartners.ingest.date_mentions import (
    DateMention,
    YearlessMention,
    find_anniversary_mentions,
    find_relative_mentions,
    find_yearless_mentions,
)
from citypartners.ingest.event_words import (
    ADMIN,
    ANNIVERSARY_OF_OTHERS,
    BETWEEN,
    CALLED_OFF,
    CAPTION,
    CLUB_AFTER,
    CLUB_BEFORE,
    DATES_BACK,
    FOUNDED_BOND,
    FOUNDING_CHARTER,
    FOUNDING_INFLECTED,
    FOUNDING_MORE,
    FUTURE,
    HISTORY_NEAR,
    LIFESPAN,
    MEETING_DATE,
    MEMBER_TOWNS,
    MOVEMENT,
    NOT_A_FIRST_ACT,
    OCCURRENCE,
    OF_THIS_YEAR,
    OFFICE_NEAR,
    OFFICE_TITLE,
    OTHER_ANNIVERSARY_AFTER,
    PAGE_TIME,
    PLAN_BEFORE,
    PUBLICATION_BEFORE,
    SIGNING,
    STATE_MORE,
    STATISTIC_NEAR,
    SUCCESSION_STARTS,
    TEASER_AFTER,
    THIS_YEAR,
    TOWN_ANNIVERSARY,
    TWINNED_WITH,
    WORK_BEFORE,
    YEAR_HEADING,
)
from citypartners.ingest.home import key_of
from citypartners.ingest.partners import CUE_REACH, Relations
from citypartners.ingest.records import evidence_of
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    CONTACTS,
    FOUNDED,
    FOUNDING,
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

#: a relative year ("the following year") refers to an explicit date at most this far back;
#: "dieses Jahr" is the year just named when one stands this close before it ("2018 bestand
#: die Partnerschaft 25 Jahre. Dieses Jahr war …"), else the year of the page's date line
RELATIVE_REACH = 1500
ANAPHORIC_REACH = 200
SUMMARY_LENGTH = 300


#: a day or month without a year takes the year of the same month stated this far before it,
#: or in the text up to this far after its sentence (the next sentence)
SAME_MONTH_BEFORE = 2000
SAME_MONTH_AFTER = 300
#: the page's date line stands this close to the start of the text; a day without a year up
#: to this many days before it is of its year
DATELINE_START = 40
DATELINE_DAYS = 92
#: a weekday is checked against at most this many distinct stated years, nearest first
WEEKDAY_YEARS = 5
#: a teaser's date stands at most this far after the start of its line
TEASER_REACH = 40
#: a year opens its sentence when it starts at most this many characters into it
OPENING = 12
#: a heading gives its year to the days and months at most this many lines below it
HEADING_REACH = 40
#: a date is history, an office or a plan when such a word stands this close to it
NEAR_BEFORE = 40
NEAR_AFTER = 25
#: an office's title this close to a range of years makes it a term of office
TITLE_REACH = 40
#: a signing cue states a start only with at most this many words between it and the date
CUE_WORDS = 4
#: the two places of "Partnerschaft zwischen A und B" lie within this many characters
PAIR_REACH = 80
_CUE_TAIL = re.compile(rf"^\W*(?:\w+\W+){{0,{CUE_WORDS}}}$")


def find_events(context: Relations) -> list[dict]:
    text = context.text
    starts = _partner_starts(context)
    years = _Years(context)
    yearless = _yearless(context)
    yearless_starts = [mention.start for mention in yearless]
    events: list[dict] = []
    other_anniversary = False  # the sentence before told the anniversary of an association
    for sentence in context.sentences:
        if sentence.line in context.table_lines:
            continue
        body = sentence.text_of(text)
        if METADATA.search(body) or MEETING.search(body) or _only_dates(context, sentence):
            continue
        if MEETING_DATE.search(body) or CALLED_OFF.search(body) or CAPTION.match(body):
            continue
        concern = _concern(context, sentence, body)
        if concern is None or _of_others(context, sentence, body):
            continue
        if concern == "occurrence" and HISTORY_NEAR.search(body):
            continue  # tied only by an occurrence word, and telling the city's history
        refers_back = bool(_REFERS_BACK.match(body))
        if ANNIVERSARY_OF_OTHERS.search(body) or (other_anniversary and refers_back):
            other_anniversary = True
            continue
        other_anniversary = False
        if TOWN_ANNIVERSARY.match(body):
            continue  # "feiert 2025 ihr 775-jähriges Jubiläum": the town's own history
        keys: dict[tuple, None] = {}
        partnership = bool(PARTNER_WORDS.search(body))
        dates = context.dates.within(sentence.start, sentence.end)
        founded = bool(FOUNDED.search(body)) and not _names_partner(context, sentence)
        second_signing = _a_second_signing(context, sentence, body)
        founded = founded or (not second_signing and _a_founding_act(body, dates))
        founded = founded or bool(
            partnership and SUCCESSION_STARTS.search(body) and not NOT_A_FIRST_ACT.search(body)
        )
        signing_start = _first_of_signing(body, dates)
        clause_ends = [match.start() for match in _CLAUSE_END.finditer(body)] if dates else []
        # with several dates, a founding act may stand in a clause between commas ("1965 wurde
        # die Partnerschaftsurkunde unterzeichnet, 1990 feierte man 25 Jahre")
        comma_ends = [m.start() for m in _COMMA.finditer(body)] if len(dates) > 1 else []
        occurrence = (
            bool(OCCURRENCE.search(body) or find_anniversary_mentions(body)) or second_signing
        )
        for date in dates:
            if date.start in context.consumed or founded or date is signing_start:
                continue
            if not occurrence and signing_start is None:
                continue  # a partnership named, but nothing happening: a start or a state
            if partnership and _a_start(context, sentence, date):
                continue
            if _a_duration(context, sentence, date, body) or _not_an_occurrence(context, date):
                continue
            if _a_term(context, sentence, date) or _a_teaser(context, date):
                continue
            opening = date.start - sentence.start <= OPENING
            if (
                date.date.month is None
                and opening
                and FUTURE.search(body)
                and _FOR_BEFORE.search(text[sentence.start : date.start])
            ):
                continue  # "Für 2023 sind geplant: …": the year of a programme
            if _a_stated_start(context, sentence, date, body):
                continue
            if _a_listed_start(context, date, body):
                continue
            if _founded_in_its_clause(
                body, sentence.start, date, dates, second_signing, clause_ends
            ):
                continue
            if _founded_in_its_clause(
                body, sentence.start, date, dates, second_signing, comma_ends
            ):
                continue
            keys.setdefault((date.date, date.end_date))
        if not occurrence:
            continue  # relative years, days without a year, anniversaries: only occurrences
        for start, end, offset in find_relative_mentions(body):
            absolute = sentence.start + start
            if _near_no_occurrence(text, absolute, sentence.start + end):
                continue
            if OFFICE_NEAR.search(body) or HISTORY_NEAR.search(body):
                continue  # "Dieses Jahr war ein Wahljahr": a relative year is dated by its words
            earlier = context.dates.last_ending_by(absolute)
            anaphoric = earlier is not None and absolute - earlier.end < ANAPHORIC_REACH
            anaphoric = anaphoric and earlier.start >= DATELINE_START  # not the page's date
            present = years.dateline.year if years.dateline else years.present
            if offset == 0 and not anaphoric and FUTURE.search(body):
                continue  # "This year, they are going to …": a plan the page's time dates
            if THIS_YEAR.match(body[start:end]) and present is not None and not anaphoric:
                # said from the page's own time, not of a year just named: the year of the
                # page's date line, else the latest year it states
                keys.setdefault((PartialDate(present), None))
            elif earlier is not None and absolute - earlier.end < RELATIVE_REACH:
                year = (earlier.end_date or earlier.date).year + offset
                keys.setdefault((PartialDate(year), None))
            elif offset == 0 and years.present is not None:
                keys.setdefault((PartialDate(years.present), None))
        anniversaries = [] if dates else _anniversary_years(context, sentence, body, starts)
        if years.page_year is not None and PAGE_TIME.search(body):
            # "welcoming … this week to mark the 25th anniversary" on a page of 2019: a count
            # from a start that gives another year than the page's own is not the date
            anniversaries = [year for year in anniversaries if year == years.page_year]
        # a year that opens the sentence ("Für 2023 …", "Im Jahr 2019 …", "In 2019, …") is the
        # year of the days and months written after it without one
        years_stated = {
            d.date.year
            for d in dates
            if d.end_date is None and d.date.month is None and d.start - sentence.start <= OPENING
        }
        if any(d.date.month is not None for d in dates):
            years_stated = set()  # a day or month stated in full: its own year governs
        low = bisect.bisect_left(yearless_starts, sentence.start)
        high = bisect.bisect_left(yearless_starts, sentence.end, lo=low)
        for mention in yearless[low:high]:
            resolved = years.resolve(mention, sentence)
            if resolved is None and len(years_stated) == 1:
                # "Für 2023 sind geplant: … ein Fest am 1. Juli": the sentence's own year
                resolved = mention.in_year(next(iter(years_stated)))
            if resolved is None and len(anniversaries) == 1:
                # "in June to mark the 30th anniversary": the anniversary's year is the day's
                resolved = mention.in_year(anniversaries.pop())
            if resolved is not None:
                keys.setdefault(resolved)
        for year in anniversaries:
            keys.setdefault((PartialDate(year), None))
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


def _concern(context: Relations, sentence: Span, body: str) -> str | None:
    """How a sentence concerns a partnership: "partnership" (a partnership word or a partner's
    name), "occurrence" (only an occurrence word: a visit, a delegation, an anniversary …), or
    None: a date elsewhere is the city's history or the page's own business."""
    if PARTNER_WORDS.search(body) or RELATION_WORDS.search(body):
        return "partnership"
    if _names_partner(context, sentence):
        return "partnership"
    if OCCURRENCE.search(body) or _names_foreign_city(context, sentence):
        return "occurrence"
    return None


def _names_foreign_city(context: Relations, sentence: Span) -> bool:
    """A city of another country than the home's: on a page about partnerships, most often a
    partner the relation rules did not find."""
    home = context.home
    if home is None or not home.country:
        return False
    return any(
        m.kind == "city" and m.place is not None and m.place.country not in (None, home.country)
        for m in context.places.within(sentence.start, sentence.end)
    )


def _of_others(context: Relations, sentence: Span, body: str) -> bool:
    """The sister-cities movement, the activities of the home's member towns or boroughs, and a
    partnership "between A and B" where neither is the home: no event of the home's
    partnerships. The home is recognised as a place resolving to it ("Nürnberg" for
    Nuremberg) or by the first letters of its name ("Nürnberger", "Mössingen")."""
    if MOVEMENT.search(body) or MEMBER_TOWNS.search(body):
        return True
    if context.home is None:
        return False
    return any(_not_the_home(context, sentence, match) for match in _pairs(body))


def _pairs(body: str) -> list[re.Match]:
    return [m for m in (BETWEEN.search(body), TWINNED_WITH.search(body)) if m is not None]


def _not_the_home(context: Relations, sentence: Span, match: re.Match) -> bool:
    """Neither place of "partnership between A and B" or "A is twinned with B" is the home; the
    A of "A is twinned" must be a place ("The town is twinned with …" is the home's)."""
    start = sentence.start + match.start("first")
    if match.re is TWINNED_WITH:
        subject = context.places.within(start, sentence.start + match.end("first"))
        if not any(m.place is not None for m in subject):
            return False
    end = min(sentence.end, start + PAIR_REACH)
    if any(context.is_home(m.place) for m in context.places.within(start, end) if m.place):
        return False
    name = context.home.name.casefold()
    return name[:5] not in context.text[start:end].casefold()


def _not_an_occurrence(context: Relations, date: DateMention) -> bool:
    """The city's history, a term of office, a policy or a plan written next to the date."""
    return _near_no_occurrence(context.text, date.start, date.end, date.end_date is not None)


def _a_term(context: Relations, sentence: Span, date: DateMention) -> bool:
    """A date after "seit/since" beside an office's title ("Seit 2014 ist Meier Bürgermeister",
    "Mayor since 2019"): when a term began, no event."""
    text = context.text
    window = text[max(sentence.start, date.start - 25) : date.start]
    if not SINCE_DATE.search(window):
        return False
    near = text[max(sentence.start, date.start - TITLE_REACH) : date.end + TITLE_REACH]
    return bool(OFFICE_TITLE.search(near))


def _a_teaser(context: Relations, date: DateMention) -> bool:
    """A date opening a line of a news list and followed by a bar ("12.05.2021 | Besuch aus
    Lyon"): the item's publication date (README rule 5: publication dates are no events)."""
    text = context.text
    low = max(0, date.start - TEASER_REACH)  # bounded, so a text of one long line stays linear
    newline = text.rfind("\n", low, date.start)
    if newline < 0 and low > 0:
        return False
    if text[newline + 1 : date.start].strip():
        return False
    return bool(TEASER_AFTER.match(text[date.end : date.end + 4]))


def _near_no_occurrence(text: str, start: int, end: int, is_range: bool = False) -> bool:
    before = text[max(0, start - NEAR_BEFORE) : start]
    after = text[end : end + NEAR_AFTER]
    near = before + " " + after
    if HISTORY_NEAR.search(near) or OFFICE_NEAR.search(near) or ADMIN.search(near):
        return True
    if STATISTIC_NEAR.search(near):
        return True
    if PLAN_BEFORE.search(before) or PUBLICATION_BEFORE.search(before):
        return True
    if is_range and OFFICE_TITLE.search(text[max(0, start - TITLE_REACH) : end + TITLE_REACH]):
        return True  # "Von 1998 bis 2010 … Oberbürgermeister", "Mayor 2015-16": a term
    if CLUB_BEFORE.search(before) or WORK_BEFORE.search(before) or CLUB_AFTER.match(after):
        return True  # "TSV 1860", "„Freunde in Lyon“ (2012)": a name's year, a work's year
    bracket = LIFESPAN.search(before[-12:])
    return bool(bracket) and (is_range or bracket.group(0).strip() != "(")


class _Years:
    """The years a text states, to give a day or month written without one its year."""

    def __init__(self, context: Relations) -> None:
        self.text = context.text
        self.segments = context.segments
        self.body: list[DateMention] = []  # explicit dates outside metadata lines, by start
        self.all = list(context.dates)
        self.all_starts = [date.start for date in self.all]
        metadata: dict[int, bool] = {}  # per line number, so a long line is searched once
        for date in self.all:
            line = self.segments.line_at(date.start)
            if line.number not in metadata:
                metadata[line.number] = bool(METADATA.search(self.segments.line_text(line)))
            if not metadata[line.number]:
                self.body.append(date)
        self.body_starts = [date.start for date in self.body]
        self.present = self._present()
        self.dateline = self._dateline()
        self.page_year = self._page_year()

    def _page_year(self) -> int | None:
        """The year of the page's own date: its date line, or a date that opens the text
        ("Tuesday 17 September 2019" as its first line)."""
        if self.dateline is not None:
            return self.dateline.year
        first = self.all[0] if self.all else None
        if first is not None and first.start < DATELINE_START and first.end_date is None:
            return first.date.year
        return None

    def _dateline(self) -> PartialDate | None:
        """The page's own date: a date on a metadata line at the very start of the text
        (" date 2024-04-12", "Stand: 3. Mai 2021")."""
        for date in self.all[:1]:
            if date.start < DATELINE_START and date not in self.body and date.end_date is None:
                return date.date
        return None

    def _present(self) -> int | None:
        """The document's own year: its date line if it has one, else the latest year stated."""
        for date in self.all[:1]:
            if date not in self.body or date.start < 40:
                return date.date.year
        return max((date.date.year for date in self.body), default=None)

    def resolve(self, mention: YearlessMention, sentence: Span) -> tuple | None:
        if mention.weekday is not None:
            return self._by_weekday(mention)
        if OF_THIS_YEAR.match(self.text[mention.end : mention.end + 30]):
            return mention.in_year(self.dateline.year) if self.dateline else None
        heading = self._heading_year(mention)
        if heading is not None:
            return mention.in_year(heading)
        low = bisect.bisect_left(self.body_starts, mention.start - SAME_MONTH_BEFORE)
        high = bisect.bisect_left(self.body_starts, sentence.end + SAME_MONTH_AFTER)
        months = {mention.month, mention.end_month or mention.month}
        stated_years = {
            stated.year
            for date in self.body[low:high]
            for stated in (date.date, date.end_date)
            if stated is not None and stated.month in months
        }
        if len(stated_years) == 1:
            return mention.in_year(stated_years.pop())
        if stated_years:
            return None  # "in August" near both "August 1994" and "August 2019": not fixed
        return self._before_dateline(mention)

    def _before_dateline(self, mention: YearlessMention) -> tuple | None:
        """A day or month told by a dated page that falls in the weeks before its date
        ("Council voted at its meeting on September 19", "im August besuchte …" on a page of
        22 September 2023) is of that year; one after it is a plan, which a date line alone
        does not date (precision first). A month counts from its first day."""
        line = self.dateline
        if line is None or line.month is None:
            return None
        last_day = line.day or calendar.monthrange(line.year, line.month)[1]
        last = datetime.date(line.year, line.month, last_day)
        for year in (line.year, line.year - 1):
            resolved = mention.in_year(year)
            if resolved is None:
                continue
            first = resolved[0]
            day = datetime.date(first.year, first.month, first.day or 1)
            if datetime.timedelta(0) <= last - day <= datetime.timedelta(days=DATELINE_DAYS):
                return resolved
        return None

    def _heading_year(self, mention: YearlessMention) -> int | None:
        """The year of the section's heading ("Rückblick 2016"), where the nearest heading above
        names a year and nothing else of a date; a title with its subtitle right below it
        ("Partnerschaftsfest 2023" / "Danke für die Freundschaft!") is one heading."""
        line = self.segments.line_at(mention.start)
        above_lines = self.segments.lines_above(line.number, HEADING_REACH)
        for above in above_lines:
            if not self.segments.is_heading(above):
                continue
            match = YEAR_HEADING.match(self.segments.line_text(above))
            if match is None:
                title = next(above_lines, None)  # the line right above the subtitle
                if title is None or not self.segments.is_heading(title):
                    return None
                match = YEAR_HEADING.match(self.segments.line_text(title))
            return int(match.group("year")) if match else None
        return None

    def _by_weekday(self, mention: YearlessMention) -> tuple | None:
        """The nearest stated year in which the day falls on the weekday written with it (the
        five nearest distinct years at most, walked outwards from the mention)."""
        if mention.day is None:
            return None
        right = bisect.bisect_left(self.all_starts, mention.start)
        left = right - 1
        seen: set[int] = set()
        while len(seen) < WEEKDAY_YEARS and (left >= 0 or right < len(self.all)):
            if right >= len(self.all) or (
                left >= 0
                and mention.start - self.all[left].start <= self.all[right].start - mention.start
            ):
                date, left = self.all[left], left - 1
            else:
                date, right = self.all[right], right + 1
            year = date.date.year
            if year in seen:
                continue
            seen.add(year)
            resolved = mention.in_year(year)
            day = datetime.date(year, mention.month, mention.day) if resolved else None
            if day is not None and day.weekday() == mention.weekday:
                return resolved
        return None


def _yearless(context: Relations) -> list[YearlessMention]:
    """Days and months without a year that are not part of an explicit date."""
    result = []
    for mention in find_yearless_mentions(context.text):
        inside = context.dates.starting_between(mention.start, mention.end)
        previous = context.dates.last_ending_by(mention.start)
        following = context.dates.first_from(mention.start)
        overlaps = bool(inside) or (following is not None and following.start < mention.end)
        if previous is not None and previous.end > mention.start:
            overlaps = True
        if not overlaps:
            result.append(mention)
    return result


def _a_start(context: Relations, sentence: Span, date: DateMention) -> bool:
    """A date right after "seit/since" or a founding cue in a partnership sentence states when a
    partnership began ("Partnerschaft besteht seit dem 1. November 1995", "signed in 1990"):
    a start, even where no partner could be named, never an event. The cue must stand close
    before the date ("as part of the twinning agreement, the city will host … in October 2020"
    is an occurrence)."""
    start = max(sentence.start, date.start - CUE_REACH)
    previous = context.dates.last_ending_by(date.start)
    if previous is not None and previous.end > start:
        start = previous.end  # the cue must belong to this date, not to the one before
    window = context.text[start : date.start]
    if SINCE_BEFORE.search(window) or DATES_BACK.search(window):
        return True
    cues = list(FOUNDING_CUE.finditer(window))
    tail = window[cues[-1].end() :] if cues else ""
    # "unterzeichnet, 1990 feierte man …": a comma ends the cue's clause
    return bool(cues) and bool(_CUE_TAIL.match(tail)) and "," not in tail


def _a_founding_act(body: str, dates: list[DateMention]) -> bool:
    """A sentence with one date that tells how a partnership was signed or established (and not
    a renewal, a second signing or an anniversary) states the founding act: its date is the
    partnership's start, never an event (README rule 5)."""
    if len(dates) != 1 or NOT_A_FIRST_ACT.search(body):
        return False
    if FOUNDING_MORE.search(body) and FOUNDED_BOND.search(body):
        return True
    charter_act = FOUNDING_INFLECTED.search(body) or _OFFICIAL.search(body)
    if FOUNDING_CHARTER.search(body) and charter_act:
        return True
    act = FOUNDING_ACT.search(body) or FOUNDING_INFLECTED.search(body)
    return bool(act and RELATION_WORDS.search(body))


_OFFICIAL = re.compile(r"(?i)(?:offiziell\w*|official\w*|feierlich\w*|solemn\w*)")


_CLAUSE_END = re.compile(r"[:;]\s")
_COMMA = re.compile(r"[,:;]\s")
_FOR_BEFORE = re.compile(r"(?i)\b(?:für|for)\s+(?:das\s+Jahr\s+|the\s+year\s+)?$")


def _founded_in_its_clause(
    body: str,
    origin: int,
    date: DateMention,
    dates: list[DateMention],
    second_signing: bool,
    clause_ends: list[int],
) -> bool:
    """A founding act told in a clause of its own after an anniversary ("Im Oktober jährt sich
    die Freundschaft zum 25. Mal: Am 10.10.1998 wurde die Partnerschaftsurkunde … unterzeichnet"):
    the clause, between colons or semicolons, is read as a sentence of its own. ``origin`` is
    where ``body`` starts in the text; ``dates`` are the sentence's dates and ``clause_ends``
    the offsets of its colons and semicolons (found once per sentence, looked up by bisect)."""
    if second_signing or not clause_ends:
        return False
    offset = date.start - origin
    slot = bisect.bisect_left(clause_ends, offset)
    start = clause_ends[slot - 1] + 1 if slot else 0
    end = clause_ends[slot] if slot < len(clause_ends) else len(body)
    low = bisect.bisect_left(dates, start + origin, key=lambda d: d.start)
    high = bisect.bisect_left(dates, end + origin, key=lambda d: d.start)
    return _a_founding_act(body[start:end], dates[low:high])


# a sentence that goes on about the one before ("Das sollte 2020 gefeiert werden", "It was …")
_REFERS_BACK = re.compile(r"^\W*(?:Das|Dies|Dieses|Es|This|It|That)\b")
_PLACE_THEN_DATE = re.compile(r"^\s*(?:\(|,|:|–|—|-|/)\s*(?:(?:seit|since|ab|from)\s+)?$", re.I)
_DATE_THEN_PLACE = re.compile(r"^\s*(?::|–|—|-)\s*$")


def _a_listed_start(context: Relations, date: DateMention, body: str) -> bool:
    """A date written beside a place in a list of partners ("Lyon (1960), Leeds (1962)", "1960:
    Lyon", "Kórnik, seit 1957") is when that partnership began, also where no partner was
    resolved; a date beside a place in a sentence about an occurrence ("Besuch in Lyon (2019)")
    stays an event."""
    if OCCURRENCE.search(body):
        return False
    text = context.text
    before = context.places.last_ending_by(date.start)
    if before is not None and _PLACE_THEN_DATE.match(text[before.end : date.start]):
        return True
    after = context.places.first_from(date.end)
    return after is not None and bool(_DATE_THEN_PLACE.match(text[date.end : after.start]))


def _a_stated_start(context: Relations, sentence: Span, date: DateMention, body: str) -> bool:
    """The start of a partner named in the sentence, told again ("Am 15. Oktober 1960 …", "1990
    schloss die Stadt …"): a day or month equal to it, or its year with a founding verb."""
    for mention in context.places.within(sentence.start, sentence.end):
        if mention.kind != "city" or mention.place is None:
            continue
        partner = context.partners.get(key_of(mention.place))
        if partner is None or partner.since is None or date.end_date is not None:
            continue
        since = partner.since.date
        founding = FOUNDING.search(body) or FOUNDING_INFLECTED.search(body)
        if date.date == since and (date.date.month is not None or founding):
            return True
    return False


def _first_of_signing(body: str, dates: list[DateMention]) -> DateMention | None:
    """In a signing sentence with several dates ("signed on 4 June in A and on 16 September in
    B", "am 11. März … in Mumbai, am 21. März … in Stuttgart die Urkunden unterzeichnet") the
    first is the founding act; the later ones are a second signing or what followed it."""
    if len(dates) < 2 or not (SIGNING.search(body) and RELATION_WORDS.search(body)):
        return None
    if NOT_FOUNDING.search(body):
        return None
    return dates[0]


def _a_second_signing(context: Relations, sentence: Span, body: str) -> bool:
    """A signing sentence with two signing days, one of them perhaps without its year ("am
    11. März in Mumbai, am 21. März 1968 in Stuttgart die Urkunden unterzeichnet"): the later
    day is a second signing, a milestone (README rule 5)."""
    if not (SIGNING.search(body) and RELATION_WORDS.search(body)) or NOT_FOUNDING.search(body):
        return False
    days = [d for d in context.dates.within(sentence.start, sentence.end) if d.date.day]
    yearless_days = [m for m in find_yearless_mentions(body) if m.day is not None]
    return len(days) + len(yearless_days) >= 2


def _a_duration(context: Relations, sentence: Span, date: DateMention, body: str) -> bool:
    """A date right after "seit/since" in a sentence about the relation itself ("seit 1977
    verbunden", "Seit 2018 kooperiert", "(Italien; seit Juli 1992)") starts a lasting state: a
    duration, no event. An activity, contacts or a field of cooperation dated so stay events
    (README rule 5: contacts before the founding and the start of a cooperation are events)."""
    window = context.text[max(sentence.start, date.start - 25) : date.start]
    if not SINCE_DATE.search(window) or CONTACTS.search(body):
        return False
    if OCCURRENCE.search(body) and not (PARTNER_WORDS.search(body) or RELATION_WORDS.search(body)):
        return False  # "Seit 1976 gibt es ein Austauschprogramm": an activity's start
    return bool(
        SINCE_IN_BRACKETS.search(window) or RELATION_STATE.search(body) or STATE_MORE.search(body)
    )


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


def _anniversary_years(
    context: Relations, sentence: Span, body: str, starts: dict[object, int]
) -> list[int]:
    """The years of the anniversaries a sentence without an explicit date tells ("25 Jahre
    Partnerschaft mit Lyon"): the partnership's start plus the count, where the start is known."""
    result = []
    for _start, end, count in find_anniversary_mentions(body):
        if OTHER_ANNIVERSARY_AFTER.search(body[end:]):
            continue  # the anniversary of an association or a school
        base = _anniversary_base(context, sentence, starts)
        if base is not None and base + count not in result:
            result.append(base + count)
    return result


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
