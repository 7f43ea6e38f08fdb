"""The date-with-precision type: parsing, ordering, rendering per language, invalid input."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypartners.core.dates import DateRange, InvalidPartialDate, PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "iso"),
    [
        ("1993-09-01", Precision.DAY, "1993-09-01"),
        ("1993-09", Precision.MONTH, "1993-09"),
        ("1993", Precision.YEAR, "1993"),
        ("", Precision.UNKNOWN, ""),
        ("  2000-02-29 ", Precision.DAY, "2000-02-29"),
    ],
)
def test_from_iso_keeps_the_stated_precision(text, precision, iso):
    value = PartialDate.from_iso(text)
    assert value.precision == precision
    assert value.isoformat() == iso


@pytest.mark.parametrize(
    ("iso", "de", "en"),
    [
        ("1993-09-01", "1. September 1993", "1 September 1993"),
        ("2018-12-01", "1. Dezember 2018", "1 December 2018"),
        ("1990-11", "November 1990", "November 1990"),
        ("2013", "2013", "2013"),
        ("", "Datum in den Quellen nicht genannt", "date not stated in the sources"),
    ],
)
def test_format_renders_each_language(iso, de, en):
    value = PartialDate.from_iso(iso)
    assert value.format("de") == de
    assert value.format("en") == en


def test_range_renders_with_an_en_dash():
    assert DateRange.from_iso("2020", "2022").format("de") == "2020–2022"
    assert DateRange.from_iso("2020", "2022").format("en") == "2020–2022"
    assert DateRange.from_iso("2024", "2024").format("en") == "2024"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1993-13", "month 13"),
        ("1993-02-30", "day 30 does not exist"),
        ("2023-02-29", "day 29 does not exist"),
        ("93", "not a date"),
        ("1993/09/01", "not a date"),
        ("0999", "outside"),
        ("September 1993", "not a date"),
    ],
)
def test_invalid_text_is_refused_with_a_reason(text, message):
    with pytest.raises(InvalidPartialDate, match=message):
        PartialDate.from_iso(text)


def test_range_end_before_start_is_refused():
    with pytest.raises(InvalidPartialDate, match="before the start"):
        DateRange.from_iso("2022", "2020")


def test_ordering_puts_coarser_first_and_unknown_last():
    values = [PartialDate.from_iso(v) for v in ["", "1993-09-01", "1993", "1993-09", "1967-06-27"]]
    assert [v.isoformat() for v in sorted(values)] == [
        "1967-06-27",
        "1993",
        "1993-09",
        "1993-09-01",
        "",
    ]


def test_bounds_cover_the_whole_period():
    assert PartialDate.from_iso("2020").first_day() == dt.date(2020, 1, 1)
    assert PartialDate.from_iso("2020").last_day() == dt.date(2020, 12, 31)
    assert PartialDate.from_iso("2024-02").last_day() == dt.date(2024, 2, 29)
    assert PartialDate().first_day() is None


partial_dates = st.builds(
    lambda d, precision: PartialDate(
        d.year, d.month if precision != "year" else None, d.day if precision == "day" else None
    ),
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)


@given(partial_dates)
def test_iso_round_trips(value):
    assert PartialDate.from_iso(value.isoformat()) == value


@given(partial_dates, partial_dates)
def test_string_order_matches_value_order(a, b):
    """The stored ISO strings sort the way the values do, so the database can sort them."""
    assert (a.isoformat() < b.isoformat()) == (a < b)


@given(partial_dates)
def test_first_day_never_after_last_day(value):
    assert value.first_day() <= value.last_day()
    assert value.first_day().year == value.year


@given(st.text(max_size=30))
def test_arbitrary_text_parses_or_fails_clearly(text):
    try:
        value = PartialDate.from_iso(text)
    except InvalidPartialDate as error:
        assert str(error)
    else:
        assert value.isoformat() == text.strip()
