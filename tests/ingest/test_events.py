"""Events: dated activities of the home's partnerships, and the dates that are not events."""

from __future__ import annotations

from citypartners.ingest.extraction import extract


def _event_dates(text: str, **options) -> list[str]:
    return [event["date"] for event in extract(text, **options)["events"]]


def test_a_start_after_seit_in_a_partnership_sentence_is_no_event() -> None:
    text = (
        "- Wisconsin (USA): Partnerschaft besteht seit dem 20. September 1976\n"
        "Im Mai 2019 besuchte eine Delegation aus Wisconsin die Partnerregion."
    )
    assert _event_dates(text, home="Hessen") == ["2019-05"]


def test_a_signing_date_in_a_twinning_sentence_is_no_event() -> None:
    text = "Longford and Essert were officially twinned in 1998. A choir visited Essert in 2004."
    assert _event_dates(text, home="Longford") == ["2004"]


def test_how_a_movement_was_founded_is_no_event() -> None:
    text = (
        "Sister Cities International was founded in 1956 to link towns. "
        "Sacramento welcomed a youth group from Hamilton in July 2015."
    )
    assert _event_dates(text, home="Sacramento") == ["2015-07"]


def test_publication_lines_are_no_events() -> None:
    text = (
        "- Published11 March 2022\nPlymouth is twinned with Novorossiysk.\n"
        "A choir from Novorossiysk sang in Plymouth in May 2019.\nPage 2"
    )
    assert _event_dates(text, home="Plymouth") == ["2019-05"]
