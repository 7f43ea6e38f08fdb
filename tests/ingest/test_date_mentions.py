"""Date mentions keep the precision the text states; numbers that are not dates are skipped."""

from __future__ import annotations

import pytest

from citypartners.ingest.date_mentions import (
    find_anniversary_mentions,
    find_date_mentions,
    find_relative_mentions,
    find_yearless_mentions,
)


@pytest.mark.parametrize(
    ("text", "written", "date", "end", "precision"),
    [
        ("seit dem 1. September 1993 verbunden", "1. September 1993", "1993-09-01", "", "day"),
        ("wählte am 1.Juli 2018 die", "1.Juli 2018", "2018-07-01", "", "day"),
        ("Mexico City 01 September 1993", "01 September 1993", "1993-09-01", "", "day"),
        ("Los Angeles 27 June 1967", "27 June 1967", "1967-06-27", "", "day"),
        ("signed on June 27, 1967.", "June 27, 1967", "1967-06-27", "", "day"),
        ("on the 3rd of March 2001", "3rd of March 2001", "2001-03-03", "", "day"),
        ("Stand: 14.09.2023", "14.09.2023", "2023-09-14", "", "day"),
        ("am 2023-09-14 unterzeichnet", "2023-09-14", "2023-09-14", "", "day"),
        ("2023 09 14: Chor zu Gast", "2023 09 14", "2023-09-14", "", "day"),
        ("seit Sept. 1993", "Sept. 1993", "1993-09", "", "month"),
        ("im September 1993", "September 1993", "1993-09", "", "month"),
        ("im Mai 2019 kam", "Mai 2019", "2019-05", "", "month"),
        ("im Jahr 1993", "1993", "1993", "", "year"),
        ("In den Jahren 2020 – 2022 erfolgte", "2020 – 2022", "2020", "2022", "year"),
        ("2020-2022", "2020-2022", "2020", "2022", "year"),
        ("from 2020 to 2022 online", "from 2020 to 2022", "2020", "2022", "year"),
        ("von 2020 bis 2022 digital", "von 2020 bis 2022", "2020", "2022", "year"),
        ("in 2020–22 online", "2020–22", "2020", "2022", "year"),
        ("vom 1.–3. Juni 2024", "1.–3. Juni 2024", "2024-06-01", "2024-06-03", "day"),
        ("Mai 2019 – Juni 2020", "Mai 2019 – Juni 2020", "2019-05", "2020-06", "month"),
    ],
)
def test_find_date_mentions_keeps_stated_precision(
    text: str, written: str, date: str, end: str, precision: str
) -> None:
    (mention,) = find_date_mentions(text)
    assert mention.text == written
    assert text[mention.start : mention.end] == written
    assert mention.key == (date, end, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Telefon (030) 9026-2241",
        "Jüdenstr. 1\n10178 Berlin",
        "Rathaus, 1010 Wien",
        "2000 Besucherinnen und Besucher",
        "the 1990s and the 1980er Jahre",
        "Tel. 089 233 1990",
        "rund 1500 Euro",
    ],
)
def test_find_date_mentions_skips_numbers_that_are_not_dates(text: str) -> None:
    assert find_date_mentions(text) == []


def test_find_date_mentions_finds_two_pairs_on_a_table_line() -> None:
    mentions = find_date_mentions("Los Angeles 27 June 1967 Taschkent 30 April 1993")
    assert [m.key[0] for m in mentions] == ["1967-06-27", "1993-04-30"]


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("Dieses Jahr war ein Wahljahr.", 0),
        ("Im selben Jahr besuchten Schüler", 0),
        ("In the same year the council", 0),
        ("Im Folgejahr kam eine Delegation", 1),
        ("The following year a delegation came", 1),
        ("A year earlier the talks began", -1),
    ],
)
def test_find_relative_mentions_reads_offset(text: str, offset: int) -> None:
    ((_start, _end, found),) = find_relative_mentions(text)
    assert found == offset


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Zum 20-jährigen Bestehen der Städtepartnerschaft", [20]),
        ("anlässlich 25 Jahre Berlin-CDMX", [25]),
        ("celebrating the 30th anniversary", [30]),
        ("Die Partnerschaft besteht seit über 30 Jahren", []),
        ("Die Reise dauerte 3 Jahre lang", []),
    ],
)
def test_find_anniversary_mentions_needs_an_anniversary_word(text: str, years: list[int]) -> None:
    assert [found for _s, _e, found in find_anniversary_mentions(text)] == years


def test_a_day_written_in_words_and_a_day_of_a_month_are_days() -> None:
    found = find_date_mentions(
        "on Friday, the Twenty-First of May, 2010, this 3rd Day of June, 2011"
    )
    assert [(m.date.isoformat(), m.end_date) for m in found] == [
        ("2010-05-21", None),
        ("2011-06-03", None),
    ]


def test_two_days_of_one_month_are_a_range() -> None:
    found = find_date_mentions("over the weekend 6/7 March 2015, am 8. und 9. Juni 2016")
    assert [(m.date.isoformat(), m.end_date.isoformat()) for m in found] == [
        ("2015-03-06", "2015-03-07"),
        ("2016-06-08", "2016-06-09"),
    ]


def test_a_duration_with_a_filler_word_is_no_anniversary() -> None:
    text = "Die Partnerschaft besteht seit nunmehr 55 Jahren, ihr Jubiläum kommt bald."
    assert find_anniversary_mentions(text) == []
    assert find_anniversary_mentions("Wir feiern 55 Jahre Partnerschaft.") != []


def test_days_ranges_and_months_without_a_year() -> None:
    text = (
        "am Freitag (3. Mai), vom 30. Oktober bis zum 4. November, on Sunday, March 9th, "
        "im Juli, 12. August 2020, we may meet"
    )
    found = find_yearless_mentions(text)
    assert [(m.month, m.day, m.end_month, m.end_day, m.weekday) for m in found] == [
        (5, 3, None, None, 4),
        (10, 30, 11, 4, None),
        (3, 9, None, None, 6),
        (7, None, None, None, None),
    ]


def test_a_yearless_day_placed_in_a_year() -> None:
    (mention,) = find_yearless_mentions("vom 30. Dezember bis 2. Januar")
    first, last = mention.in_year(2019)
    assert (first.isoformat(), last.isoformat()) == ("2019-12-30", "2020-01-02")
    (leap,) = find_yearless_mentions("am 29. Februar")
    assert leap.in_year(2019) is None and leap.in_year(2020)[0].isoformat() == "2020-02-29"
