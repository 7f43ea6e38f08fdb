"""Find the dates a German or English text states, with the precision it states them at.

A general date parser fills in what the text leaves out ("1993" becomes 1 January 1993, or
today's day and month), which would invent facts. Here each mention keeps exactly the parts
the text gives: "1. September 1993" is a day, "Sept. 1993" a month, "1993" a year; a range
keeps both ends. Two kinds of mention name no number of their own and are resolved from
context by the caller: relative years ("Dieses Jahr", "the same year") and anniversaries
("25 Jahre", "30th anniversary"), whose year follows from the partnership's start.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from citypartners.core.dates import InvalidPartialDate, PartialDate, Precision

MIN_YEAR = 1100
MAX_YEAR = 2100

_MONTH_NAMES = {
    1: "Januar Jänner January Jan",
    2: "Februar Feber February Feb",
    3: "März Maerz March Mär Mrz Mar",
    4: "April Apr",
    5: "Mai May",
    6: "Juni June Jun",
    7: "Juli July Jul",
    8: "August Aug",
    9: "September Sept Sep",
    10: "Oktober October Okt Oct",
    11: "November Nov",
    12: "Dezember December Dez Dec",
}
MONTHS = {
    name.casefold(): number for number, names in _MONTH_NAMES.items() for name in names.split()
}
_MONTH_ALT = "|".join(
    sorted(
        (re.escape(name) for names in _MONTH_NAMES.values() for name in names.split()),
        key=len,
        reverse=True,
    )
)
# a month name, capitalised as both languages write it; abbreviations may carry a full stop
MON = rf"(?<![\w])(?:{_MONTH_ALT})(?:\.(?!\d))?(?![\w])"
YEAR_CORE = r"(?:1[1-9]\d\d|20\d\d|2100)(?![\d])"
YEAR = rf"(?<![\d.,/:-]){YEAR_CORE}"
DAY = r"(?<![\d.])(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:\.|st|nd|rd|th)?"
_DASH = r"\s*(?:–|—|-|bis(?:\s+(?:zum|einschließlich))?|to|until|till|through)\s*"
# two days of one month: "8/9 December 2012", "8 and 9 June", "8. und 9. Juni"
_DAY_PAIR = rf"(?:{_DASH}|\s*(?:/|&|and|und)\s*)"

_UNITS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
ORDINAL_WORDS = {word: number for number, word in enumerate(_UNITS, start=1)}
ORDINAL_WORDS["twentieth"] = 20
ORDINAL_WORDS["thirtieth"] = 30
for _tens, _base in (("twenty", 20), ("thirty", 30)):
    for _unit, _number in list(ORDINAL_WORDS.items())[:9]:
        if _base + _number <= 31:
            ORDINAL_WORDS[f"{_tens}-{_unit}"] = _base + _number
            ORDINAL_WORDS[f"{_tens} {_unit}"] = _base + _number
_ORDINAL_WORDS = (
    "(?i:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ORDINAL_WORDS, key=len, reverse=True)
    )
    + ")"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 1.–3. Juni 2024, 3 to 5 June 2024
    (
        "day_range",
        re.compile(
            rf"(?P<d1>{DAY}){_ORD}{_DAY_PAIR}(?P<d2>{DAY}){_ORD}\s*(?:of\s+)?(?P<m>{MON}),?\s*(?P<y>{YEAR})"
        ),
    ),
    # 3. Mai – 5. Juni 2024
    (
        "day_month_range",
        re.compile(
            rf"(?P<d1>{DAY}){_ORD}\s*(?P<m1>{MON}){_DASH}(?P<d2>{DAY}){_ORD}\s*(?P<m2>{MON}),?\s*(?P<y>{YEAR})"
        ),
    ),
    # 1. September 1993, 1.Juli 2018, 01 September 1993, 27th of June 1967
    (
        "dmy",
        re.compile(rf"(?P<d>{DAY}){_ORD}\s*(?:(?:[Dd]ay\s+)?of\s+)?(?P<m>{MON}),?\s*(?P<y>{YEAR})"),
    ),
    # the Twenty-Eighth of April, 2011 (proclamations write the day in words)
    (
        "words_dmy",
        re.compile(
            rf"(?P<dw>{_ORDINAL_WORDS})\s+(?:[Dd]ay\s+)?of\s+(?P<m>{MON}),?\s*(?P<y>{YEAR})"
        ),
    ),
    # June 27, 1967
    ("mdy", re.compile(rf"(?P<m>{MON})\s+(?P<d>{DAY})(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR})")),
    # 14.09.2023, 14/09/2023
    (
        "numeric",
        re.compile(
            rf"(?<![\d.])(?P<d>[12]\d|3[01]|0?[1-9])(?P<sep>[./])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<y>{YEAR_CORE})"
        ),
    ),
    # 2023-09-14, and a news list's "2023 09 14:" (two-digit month and day)
    (
        "iso",
        re.compile(
            r"(?<![\d.-])(?P<y>1[1-9]\d\d|20\d\d)(?P<sep>-| )(?P<m>1[0-2]|0[1-9])(?P=sep)"
            r"(?P<d>[12]\d|3[01]|0[1-9])(?![\d])"
        ),
    ),
    # Mai 2019 – Juni 2020
    (
        "month_range",
        re.compile(rf"(?P<m1>{MON})\s*(?P<y1>{YEAR})?{_DASH}(?P<m2>{MON})\s*(?P<y2>{YEAR})"),
    ),
    # September 1993, Sept. 1993
    ("my", re.compile(rf"(?P<m>{MON})\s*(?P<y>{YEAR})")),
    # von 2020 bis 2022, from 2020 to 2022, zwischen 2020 und 2022
    (
        "year_range_words",
        re.compile(
            rf"(?:[Vv]on|[Ff]rom|[Zz]wischen|[Bb]etween)\s+(?:den\s+Jahren\s+|the\s+years\s+)?"
            rf"(?P<y1>{YEAR})\s+(?:bis(?:\s+zum\s+Jahr)?|to|and|und|until|till)\s+(?P<y2>{YEAR_CORE})"
        ),
    ),
    # 2020 – 2022, 2020-2022, 2020–22
    (
        "year_range",
        re.compile(
            rf"(?P<y1>{YEAR})\s*(?:–|—|-|bis|to|until)\s*(?P<y2>{YEAR_CORE}|\d\d(?![\d]))(?![\d.])"
        ),
    ),
    ("year", re.compile(YEAR)),
]

# numbers that only look like years
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|Prozent|percent|Euro\b|EUR\b|€|\$|US-Dollar|Dollar|Menschen|people|Personen|persons|"
    r"Einwohner\w*|inhabitants|residents|Teilnehm\w*|participants|Besucher\w*|visitors|km|m\b|"
    r"Meter|metres|meters|Kilometer|Stück|Mal\b|times\b|Mitglied\w*|members|Studierende|students)"
    r"|(?:er\b|er-|s\b|’s|'s)"
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:Nr\.|No\.|Nummer|number|Tel\.?|Fax|Telefon|Telefax|Phone|€|\$|EUR|Postfach|PLZ|D-|A-|CH-|Str\.|straße|strasse|"
    r"Straße|Strasse|Platz|street|Street|Road|road|Avenue|Kapitel|Seite|page|Page|Raum|Room)\s*$"
)
_ADDRESS_LINE = re.compile(r"^\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+[A-ZÄÖÜ][\w-]+(?:\s+[\w-]+)?\s*$")
_PHONE_LINE = re.compile(
    r"\b(?:Tel|Fax|Phone|Telefon|Telefax|Mobil|Mobile)\b\.?\s*[:.]?\s*[+(0-9]", re.I
)

_RELATIVE = re.compile(
    r"\b(?:(?P<same>[Dd]ieses\s+Jahr|[Ii]n\s+diesem\s+Jahr|[Ii]m\s+(?:selben|gleichen)\s+Jahr|"
    r"[Dd]esselben\s+Jahres|[Tt]his\s+year|[Tt]hat\s+(?:same\s+)?year|[Tt]he\s+same\s+year|"
    r"[Ii]n\s+the\s+same\s+year)|"
    r"(?P<next>[Ii]m\s+(?:Folgejahr|darauffolgenden\s+Jahr|Jahr\s+darauf)|[Ee]in\s+Jahr\s+später|"
    r"[Tt]he\s+(?:following|next)\s+year|[Aa]\s+year\s+later|[Oo]ne\s+year\s+later)|"
    r"(?P<prev>[Ii]m\s+Vorjahr|[Ee]in\s+Jahr\s+(?:zuvor|vorher|früher)|[Tt]he\s+(?:previous|preceding)\s+year|"
    r"[Aa]\s+year\s+(?:earlier|before))"
    r")\b"
)
_ANNIVERSARY = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,3})(?:\s*-?\s*jährige[nmrs]?\b|\.\s*(?:Jahrestag|Jubiläum|Geburtstag)\b|"
    r"(?:st|nd|rd|th)\s+anniversary\b|\s*-?\s*year\s+anniversary\b|\s+(?:Jahre|years)\b(?!\s+(?:lang|long|alt|old|später|later|zuvor|ago|earlier|danach)))"
)
_ANNIVERSARY_CUE = re.compile(
    r"(?i)Jubil|Bestehen|Jahrestag|anniversar|jubilee|anlässlich|feier|celebrat|bestand|bestehe|"
    r"jährig|[Zz]um\s+\d",
)
_DURATION_BEFORE = re.compile(
    r"(?:seit|über|mehr\s+als|fast|knapp|for|over|more\s+than|nearly|almost|"
    r"rund|etwa|about|around|nach|after|vor|ago|alle|every)"
    # "seit nunmehr 55 Jahren", "for well over 30 years": a filler between the cue and the count
    r"(?:\s+(?:nunmehr|mittlerweile|inzwischen|schon|bereits|gut|now|already|well|some))?"
    r"(?:\s+(?:über|mehr\s+als|fast|knapp|over|more\s+than|nearly|almost))?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date (or range) stated in the text at ``start:end``.

    ``kind`` is "explicit" (the text states it), "relative" (resolved from an earlier year)
    or "anniversary" (needs the partnership's start; ``years`` holds the count).
    """

    start: int
    end: int
    text: str
    date: PartialDate
    end_date: PartialDate | None = None
    kind: str = "explicit"
    years: int = 0
    offset: int = 0

    @property
    def precision(self) -> Precision:
        return self.date.precision

    @property
    def key(self) -> tuple[str, str, str]:
        end = self.end_date.isoformat() if self.end_date else ""
        return (self.date.isoformat(), end, self.precision.value)


def _month(value: str) -> int:
    return MONTHS[value.rstrip(".").casefold()]


def _build(kind: str, g: dict[str, str | None]) -> tuple[PartialDate, PartialDate | None] | None:
    if kind == "day_range":
        year, month = int(g["y"]), _month(g["m"])
        return PartialDate(year, month, int(g["d1"])), PartialDate(year, month, int(g["d2"]))
    if kind == "day_month_range":
        year = int(g["y"])
        return (
            PartialDate(year, _month(g["m1"]), int(g["d1"])),
            PartialDate(year, _month(g["m2"]), int(g["d2"])),
        )
    if kind == "words_dmy":
        day = ORDINAL_WORDS[" ".join(g["dw"].casefold().split())]
        return PartialDate(int(g["y"]), _month(g["m"]), day), None
    if kind in ("dmy", "mdy"):
        return PartialDate(int(g["y"]), _month(g["m"]), int(g["d"])), None
    if kind in ("numeric", "iso"):
        return PartialDate(int(g["y"]), int(g["m"]), int(g["d"])), None
    if kind == "month_range":
        year2 = int(g["y2"])
        year1 = int(g["y1"]) if g.get("y1") else year2
        return PartialDate(year1, _month(g["m1"])), PartialDate(year2, _month(g["m2"]))
    if kind == "my":
        return PartialDate(int(g["y"]), _month(g["m"])), None
    if kind in ("year_range", "year_range_words"):
        first, second = int(g["y1"]), g["y2"] or ""
        last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        return PartialDate(first), PartialDate(last)
    return PartialDate(int(g["0"])), None


def _blocked_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number that is an amount, a postcode, a phone or a decade."""
    if _NOT_A_YEAR_AFTER.match(text, end):
        return True
    if _NOT_A_YEAR_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return bool(_ADDRESS_LINE.match(line) or _PHONE_LINE.search(line))


def find_date_mentions(text: str) -> list[DateMention]:
    """Every explicit date, month, year and range in ``text``, left to right, not overlapping."""
    found: list[DateMention] = []
    # spans already taken, disjoint and sorted: an overlap can only be with the last one
    # starting before ``end`` (a scan of all of them made long texts quadratic)
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            before = bisect.bisect_left(taken_starts, end) - 1
            if before >= 0 and taken_ends[before] > start:
                continue
            groups = match.groupdict()
            if kind == "year":
                groups = {"0": match.group(0)}
                if _blocked_year(text, start, end):
                    continue
            elif kind == "year_range" and _blocked_year(text, start, end):
                continue
            try:
                built = _build(kind, groups)
            except (InvalidPartialDate, ValueError, KeyError):
                continue
            if built is None:
                continue
            first, last = built
            if last is not None:
                if last == first:
                    last = None
                elif last.first_day() < first.first_day():
                    continue
            slot = bisect.bisect_left(taken_starts, start)
            taken_starts.insert(slot, start)
            taken_ends.insert(slot, end)
            found.append(DateMention(start, end, match.group(0), first, last))
    found.sort(key=lambda mention: mention.start)
    return found


def find_relative_mentions(text: str) -> list[tuple[int, int, int]]:
    """Spans of "Dieses Jahr", "the following year" …: (start, end, offset in years)."""
    result = []
    for match in _RELATIVE.finditer(text):
        offset = 1 if match.group("next") else -1 if match.group("prev") else 0
        result.append((match.start(), match.end(), offset))
    return result


def find_anniversary_mentions(text: str) -> list[tuple[int, int, int]]:
    """Spans of "20-jährigen Bestehen", "30th anniversary", "25 Jahre" in an anniversary
    sentence: (start, end, years). ``text`` should be one sentence."""
    if not _ANNIVERSARY_CUE.search(text):
        return []
    result = []
    for match in _ANNIVERSARY.finditer(text):
        years = int(match.group("n"))
        if not 1 <= years <= 500:
            continue
        if _DURATION_BEFORE.search(text[max(0, match.start() - 32) : match.start()]):
            continue
        result.append((match.start(), match.end(), years))
    return result


# --- days and months written without a year ---------------------------------------------------

_WEEKDAY = (
    r"(?P<wd>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_NO_YEAR_AFTER = r"(?!\.?,?\s*(?:[12]\d{3}|\d{2}(?![\d.:])))"
_YEARLESS: list[tuple[str, re.Pattern[str]]] = [
    # vom 30. Oktober bis zum 4. November, 5.–7. Juli, 30 October to 4 November
    (
        "range",
        re.compile(
            rf"(?P<d1>{DAY}){_ORD}\s*(?:(?:of\s+)?(?P<m1>{MON})\s*)?{_DASH}(?P<d2>{DAY}){_ORD}"
            rf"\s*(?:of\s+)?(?P<m2>{MON}){_NO_YEAR_AFTER}"
        ),
    ),
    # Samstag (14. April), Am Samstag, 30. November, 14. April, 26 September, 14th of April
    (
        "dm",
        re.compile(
            rf"(?:{_WEEKDAY},?\s*(?:(?:den|the)\s+)?\(?\s*)?(?P<d>{DAY}){_ORD}\s*(?:(?:[Dd]ay\s+)?of\s+)?"
            rf"(?P<m>{MON}){_NO_YEAR_AFTER}"
        ),
    ),
    # Saturday, September 26th, on September 26th
    (
        "md",
        re.compile(
            rf"(?:{_WEEKDAY},?\s*)?(?P<m>{MON})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?![\d.:])"
            rf"{_NO_YEAR_AFTER}"
        ),
    ),
    # im Oktober, in October, Anfang Mai, Ende Juni, early June
    (
        "m",
        re.compile(
            rf"(?:\b(?:[Ii]m|[Ii]n|[Aa]nfang|[Mm]itte|[Ee]nde|[Ee]arly|[Ll]ate|[Mm]id-?)\s+)"
            rf"(?P<m>{MON}){_NO_YEAR_AFTER}"
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class YearlessMention:
    """A day, a range of days or a month stated without a year ("am Samstag (14. April)",
    "vom 30. Oktober bis zum 4. November", "im Oktober"); the year comes from the context."""

    start: int
    end: int
    month: int
    day: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: int | None = None

    def in_year(self, year: int) -> tuple[PartialDate, PartialDate | None] | None:
        """The date (and end) in ``year``, or None where the day does not exist then; a range
        running into January ends in the next year."""
        try:
            if self.day is None:
                return PartialDate(year, self.month), None
            first = PartialDate(year, self.month, self.day)
            if self.end_day is None:
                return first, None
            end_month = self.end_month or self.month
            end_year = year + 1 if end_month < self.month else year
            return first, PartialDate(end_year, end_month, self.end_day)
        except (InvalidPartialDate, ValueError):
            return None


_WEEKDAY_NUMBER = {
    name: number
    for number, names in enumerate(
        [
            "montag monday",
            "dienstag tuesday",
            "mittwoch wednesday",
            "donnerstag thursday",
            "freitag friday",
            "samstag sonnabend saturday",
            "sonntag sunday",
        ]
    )
    for name in names.split()
}


def find_yearless_mentions(text: str) -> list[YearlessMention]:
    """Days, day ranges and months written without a year, left to right, not overlapping each
    other (a caller drops those inside an explicit date). "May" alone is a verb: a month alone
    needs "im/in/Anfang/Ende/early/late" before it."""
    found: list[YearlessMention] = []
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for kind, pattern in _YEARLESS:
        for match in pattern.finditer(text):
            start, end = match.span()
            before = bisect.bisect_left(taken_starts, end) - 1
            if before >= 0 and taken_ends[before] > start:
                continue
            groups = match.groupdict()
            weekday = groups.get("wd")
            if kind == "range":
                month2 = _month(groups["m2"])
                month1 = _month(groups["m1"]) if groups.get("m1") else month2
                mention = YearlessMention(
                    start, end, month1, int(groups["d1"]), month2, int(groups["d2"])
                )
            elif kind == "m":
                mention = YearlessMention(start, end, _month(groups["m"]))
            else:
                mention = YearlessMention(
                    start,
                    end,
                    _month(groups["m"]),
                    int(groups["d"]),
                    weekday=_WEEKDAY_NUMBER[weekday.casefold()] if weekday else None,
                )
            slot = bisect.bisect_left(taken_starts, start)
            taken_starts.insert(slot, start)
            taken_ends.insert(slot, end)
            found.append(mention)
    found.sort(key=lambda mention: mention.start)
    return found
