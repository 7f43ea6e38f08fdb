"""What editors type in the back office becomes a date at the precision they typed."""

import pytest

from citypartners.core.date_input import parse_date_input
from citypartners.core.dates import InvalidPartialDate


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("1 September 1993", "1993-09-01"),
        ("1. September 1993", "1993-09-01"),
        ("01 September 1993", "1993-09-01"),
        ("1.9.1993", "1993-09-01"),
        ("14.09.2023", "2023-09-14"),
        ("June 27, 1967", "1967-06-27"),
        ("Sept. 1993", "1993-09"),
        ("März 2025", "2025-03"),
        ("April 2025", "2025-04"),
        ("11/1990", "1990-11"),
        ("1993", "1993"),
        ("1993-09-01", "1993-09-01"),
        ("", ""),
    ],
)
def test_parse_date_input_keeps_precision(typed, iso):
    assert parse_date_input(typed).isoformat() == iso


@pytest.mark.parametrize("typed", ["31. Februar 2020", "Smarch 2020", "next week", "1.13.2020"])
def test_parse_date_input_refuses_what_it_cannot_read(typed):
    with pytest.raises(InvalidPartialDate):
        parse_date_input(typed)
