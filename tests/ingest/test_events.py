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


def test_a_date_after_seit_starting_a_lasting_state_is_no_event() -> None:
    text = (
        "Der Ortsteil Nordheim ist seit 1981 mit Pontmer verbunden. "
        "Im Juni 2016 reiste ein Chor aus Nordheim nach Pontmer."
    )
    assert _event_dates(text, home="Nordheim") == ["2016-06"]


def test_contacts_since_a_year_stay_an_event() -> None:
    text = "Contacts with the village of Brackwell have existed since 1964. We met again in 2001."
    assert "1964" in _event_dates(text, home="Nordheim")


def test_meeting_and_report_dates_are_no_events() -> None:
    text = (
        "12. Sitzung des Stadtrates Nordheim, 03.05.2021\n"
        "Treasurer's report of 14 March 2019\n"
        "Im Mai 2019 besuchte eine Delegation die Partnerstadt Pontmer."
    )
    assert _event_dates(text, home="Nordheim") == ["2019-05"]


def test_a_fragment_holding_only_a_date_is_no_event() -> None:
    text = "In 2002,\nA brass band from Pontmer played in Nordheim in August 2010."
    assert _event_dates(text, home="Nordheim") == ["2010-08"]


def test_the_founding_act_of_a_partnership_is_no_event() -> None:
    text = (
        "The Pontmer relationship was formally established by Mayor Jo Reed on May 3, 2009. "
        "Students from Pontmer visited Nordheim in April 2012."
    )
    assert _event_dates(text, home="Nordheim") == ["2012-04"]


def test_a_renewal_of_the_charter_stays_an_event() -> None:
    text = (
        "Die Partnerschaftsurkunde mit Pontmer wurde am 4. Mai 2015 in Nordheim feierlich "
        "erneuert und unterzeichnet."
    )
    assert _event_dates(text, home="Nordheim") == ["2015-05-04"]


def test_an_activity_since_a_month_stays_an_event() -> None:
    text = "Since March 2020 the town has donated school books to the children of Pontmer."
    assert _event_dates(text, home="Nordheim") == ["2020-03"]


def test_photo_captions_file_names_and_patenschaft_dates_are_no_events() -> None:
    text = (
        "Besuch am Hafen (2018) | Foto: Stadt Nordheim\n"
        "Partnerschaftstreffen 2017 004.JPG\n"
        "Nordheim übernahm am 5. Mai 1955 die Patenschaft über die Vertriebenen aus Altdorf.\n"
        "Im Juli 2019 spielte ein Orchester aus der Partnerstadt Pontmer in Nordheim."
    )
    assert _event_dates(text, home="Nordheim") == ["2019-07"]
