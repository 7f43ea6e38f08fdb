"""The status history and the milestones read in date order; position only breaks ties."""

import pytest
from django.urls import reverse
from django.utils import translation

from citypartners.core.dates import PartialDate
from citypartners.partnerships.enums import MilestoneKind, StatusKind
from citypartners.partnerships.models import Milestone, Partnership, StatusChange
from citypartners.partnerships.services import record_status_change
from tests.factories import make_partnership, make_source


def _kinds(partnership):
    return [(change.kind, change.on.isoformat()) for change in partnership.status_changes.all()]


def test_history_is_in_date_order_whatever_the_positions(home):
    partnership = make_partnership(home=home, since="1993-09-01")
    source = make_source()
    # Entered later, so with a higher position: a declaration of March 1993.
    record_status_change(
        partnership=partnership,
        kind=StatusKind.AGREED,
        on=PartialDate.from_iso("1993-03"),
        sources=[source],
    )
    record_status_change(
        partnership=partnership, kind=StatusKind.SIGNED, on=PartialDate(), sources=[source]
    )
    record_status_change(
        partnership=partnership,
        kind=StatusKind.SIGNED,
        on=PartialDate.from_iso("1993"),
        sources=[source],
    )
    assert _kinds(partnership) == [
        ("signed", "1993"),
        ("agreed", "1993-03"),
        ("active", "1993-09-01"),
        ("signed", ""),
    ]


def test_position_breaks_ties_between_steps_of_the_same_date(home):
    partnership = make_partnership(home=home, since="2001-05-17")
    source = make_source()
    record_status_change(
        partnership=partnership,
        kind=StatusKind.SIGNED,
        on=PartialDate.from_iso("2001-05-17"),
        sources=[source],
    )
    first, second = partnership.status_changes.all()
    assert first.position < second.position
    StatusChange.objects.filter(pk=first.pk).update(position=9)
    assert [c.pk for c in partnership.status_changes.all()] == [second.pk, first.pk]


def test_milestones_are_in_date_order(home):
    partnership = make_partnership(home=home)
    source = make_source()
    for position, on in enumerate(["2020", "", "1990-11", "2020-01-05"]):
        milestone = Milestone.objects.create(
            partnership=partnership,
            kind=MilestoneKind.DECLARATION,
            on=PartialDate.from_iso(on),
            title=f"M{position}",
            position=position,
        )
        milestone.sources.add(source)
    assert [m.on.isoformat() for m in partnership.milestones.all()] == [
        "1990-11",
        "2020",
        "2020-01-05",
        "",
    ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_public_page_shows_kyivs_signing_above_its_undated_listing(db, client, language):
    kyiv = Partnership.objects.get(slug="berlin-kyiv")
    with translation.override(language):
        url = reverse("web:partnership", args=[kyiv.slug])
    html = client.get(url).content.decode()
    history = html[html.index('id="timeline-heading"') :]
    signed = "Partnerschaftsvertrag im Roten Rathaus" if language == "de" else "agreement signed"
    listed = "ohne Datum" if language == "de" else "without a date"
    # an undated state never stands above a dated one (the timeline may leave it out)
    assert signed in history
    assert listed not in history or history.index(signed) < history.index(listed)
