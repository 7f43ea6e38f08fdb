"""A calendar date that is only as precise as its source, and a range built on it.

Official texts say "1 September 1993", "April 2025", "2013" or nothing at all. Filling in a
day or month the text does not state would invent facts, so the registry stores exactly what
is known. ``PartialDate`` is that value: it parses the ISO-like forms the dataset and API use
("1993-09-01", "1993-09", "1993", ""), orders coarser dates before finer ones on the same
prefix, knows the first and last day it may stand for, and renders itself per language.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache, total_ordering

from babel import Locale
from babel.dates import format_date, format_skeleton


class Precision(StrEnum):
    """How much of a date the source states."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class InvalidPartialDate(ValueError):
    """Raised with a message a person can act on when a date cannot be read."""


_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
MIN_YEAR = 1000
MAX_YEAR = 2999
# Parsed once: Babel parses a locale given as a string on every call, which made formatting
# the hundreds of dates of a national home page three times slower.
_BABEL_LOCALES = {"de": Locale.parse("de_DE"), "en": Locale.parse("en_GB")}
UNKNOWN_TEXT = {
    "de": "Datum in den Quellen nicht genannt",
    "en": "date not stated in the sources",
}


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to day, month or year precision, or not known at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None:
            if self.month is not None or self.day is not None:
                raise InvalidPartialDate("a month or day needs a year")
            return
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise InvalidPartialDate(f"year {self.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if self.month is None:
            if self.day is not None:
                raise InvalidPartialDate("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise InvalidPartialDate(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidPartialDate(
                    f"day {self.day} does not exist in {self.year}-{self.month:02d}"
                )

    # construction -------------------------------------------------------------------------

    @classmethod
    def unknown(cls) -> PartialDate:
        return cls()

    @classmethod
    def from_iso(cls, value: str | None) -> PartialDate:
        """Read "YYYY-MM-DD", "YYYY-MM", "YYYY" or an empty value (unknown)."""
        if value is None:
            return cls()
        text = str(value).strip()
        if not text:
            return cls()
        match = _ISO.match(text)
        if not match:
            raise InvalidPartialDate(
                f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            )
        parts = match.groupdict()
        return cls(
            int(parts["year"]),
            int(parts["month"]) if parts["month"] else None,
            int(parts["day"]) if parts["day"] else None,
        )

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def coerce(cls, value: PartialDate | dt.date | str | None) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls.from_date(value)
        return cls.from_iso(value)

    # properties ---------------------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return Precision.UNKNOWN
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def is_known(self) -> bool:
        return self.year is not None

    def isoformat(self) -> str:
        """The ISO string cut to the precision; "" when unknown."""
        if self.year is None:
            return ""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def first_day(self) -> dt.date | None:
        """The earliest day the value may stand for."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date | None:
        """The latest day the value may stand for."""
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def format(self, language: str) -> str:
        """Render for people: "1. September 1993" / "1 September 1993", "September 1993", "1993"."""
        lang = language[:2] if language[:2] in _BABEL_LOCALES else "en"
        return _formatted(self, lang)

    # ordering: unknown sorts last; on a shared prefix the coarser value comes first --------

    def sort_key(self) -> tuple[int, int, int, int]:
        if self.year is None:
            return (1, 0, 0, 0)
        return (0, self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.isoformat()

    def __bool__(self) -> bool:
        return self.is_known


@dataclass(frozen=True, slots=True)
class DateRange:
    """A start and an optional end, each a ``PartialDate``; the end is never before the start."""

    start: PartialDate
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.is_known:
            if not self.start.is_known:
                raise InvalidPartialDate("a range with an end needs a start")
            if self.end.last_day() < self.start.first_day():
                raise InvalidPartialDate(
                    f"the end {self.end.isoformat()} is before the start {self.start.isoformat()}"
                )

    @classmethod
    def from_iso(cls, start: str | None, end: str | None = None) -> DateRange:
        end_value = PartialDate.from_iso(end)
        return cls(PartialDate.from_iso(start), end_value if end_value.is_known else None)

    @property
    def is_range(self) -> bool:
        return self.end is not None and self.end.is_known and self.end != self.start

    def first_day(self) -> dt.date | None:
        return self.start.first_day()

    def last_day(self) -> dt.date | None:
        return (self.end if self.is_range else self.start).last_day()

    def format(self, language: str) -> str:
        """ "2020–2022", "1–3 June 2024" is written in full on each side for clarity."""
        if not self.is_range:
            return self.start.format(language)
        return f"{self.start.format(language)}–{self.end.format(language)}"

    def __str__(self) -> str:
        if not self.is_range:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


# A pure function of the date and the language, kept per process: Babel's formatting was the
# largest part of writing a national home page's hundreds of partner rows (issue 16), and a
# registry holds a few tens of thousands of distinct dates at most.
@lru_cache(maxsize=16384)
def _formatted(date: PartialDate, lang: str) -> str:
    locale = _BABEL_LOCALES[lang]
    match date.precision:
        case Precision.UNKNOWN:
            return UNKNOWN_TEXT[lang]
        case Precision.YEAR:
            return str(date.year)
        case Precision.MONTH:
            return format_skeleton("yMMMM", date.first_day(), locale=locale)
        case _:
            return format_date(date.first_day(), format="long", locale=locale)
