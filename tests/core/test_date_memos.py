"""Dates are read from their text and formatted once per process (issue 16): the memos answer
what the first call answered, per language, and Babel is not asked again."""

from __future__ import annotations

import pytest

from citypartners.core import dates
from citypartners.core.dates import PartialDate
from citypartners.core.fields import PartialDateField


@pytest.fixture
def babel_calls(monkeypatch):
    calls = []
    real = dates.format_date

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    dates._formatted.cache_clear()
    monkeypatch.setattr(dates, "format_date", counting)
    yield calls
    dates._formatted.cache_clear()


def test_a_date_is_formatted_once_per_language(babel_calls):
    day = PartialDate.from_iso("1993-09-01")
    assert day.format("de") == "1. September 1993"
    assert PartialDate.from_iso("1993-09-01").format("de") == "1. September 1993"
    assert len(babel_calls) == 1
    assert day.format("en") == "1 September 1993"
    assert day.format("en-gb") == "1 September 1993"
    assert len(babel_calls) == 2
    assert PartialDate.from_iso("1993-09-02").format("de") == "2. September 1993"
    assert len(babel_calls) == 3


def test_reading_from_the_database_gives_equal_dates_whatever_was_read_before():
    field = PartialDateField()
    first = field.from_db_value("2001-05", None, None)
    assert first == PartialDate(2001, 5)
    assert field.from_db_value("2001-05", None, None) == first
    assert field.from_db_value("2001", None, None) == PartialDate(2001)
    assert field.from_db_value("", None, None) == PartialDate()
    assert field.from_db_value(None, None, None) == PartialDate()
