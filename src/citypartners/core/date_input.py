"""Reading a date as an editor types it, in German or English, keeping its precision."""

from __future__ import annotations

import re

from citypartners.core.dates import InvalidPartialDate, PartialDate

MONTHS = {
    # German
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    # English
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

_MONTH = r"(?P<month>[A-Za-zÄÖÜäöü]+)\.?"
_PATTERNS = [
    re.compile(r"^(?P<year>\d{4})(?:-(?P<mnum>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$"),
    re.compile(r"^(?P<day>\d{1,2})\.\s*(?P<mnum>\d{1,2})\.\s*(?P<year>\d{4})$"),
    re.compile(r"^(?P<mnum>\d{1,2})[./]\s*(?P<year>\d{4})$"),
    re.compile(rf"^(?P<day>\d{{1,2}})\.?\s*{_MONTH}\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH}\s+(?P<year>\d{{4}})$"),
]


def parse_date_input(text: str | None) -> PartialDate:
    """Parse "1993", "1993-09-01", "1.9.1993", "01 September 1993", "Sept. 1993", "June 27, 1967".

    Empty input means "not stated". Anything else raises `InvalidPartialDate`.
    """
    value = (text or "").strip()
    if not value:
        return PartialDate()
    for pattern in _PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        parts = match.groupdict()
        month = None
        if parts.get("mnum"):
            month = int(parts["mnum"])
        elif parts.get("month"):
            month = MONTHS.get(parts["month"].lower())
            if month is None:
                raise InvalidPartialDate(f"{parts['month']!r} is not a month name")
        day = int(parts["day"]) if parts.get("day") else None
        return PartialDate(int(parts["year"]), month, day)
    raise InvalidPartialDate(f"{value!r} is not a date this form can read")
