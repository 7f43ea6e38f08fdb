"""The editors' start page: what needs attention now, each a linked list, in constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citypartners.backoffice.queries import anniversaries_between, is_round_anniversary
from citypartners.core.dates import PartialDate
from citypartners.ingest.services import ingest_document
from tests.conftest import REPO
from tests.factories import make_activity, make_partnership, make_source

NOTE = REPO / "tests" / "e2e" / "data" / "berlin-note.txt"


@pytest.mark.parametrize(
    ("years", "round_"),
    [(10, True), (20, True), (25, True), (30, True), (40, True), (50, True), (60, True),
     (70, True), (75, True), (100, True), (125, True), (0, False), (5, False), (15, False),
     (33, False), (45, False)],
)  # fmt: skip
def test_round_anniversaries_are_the_ones_an_office_plans_for(years, round_):
    assert is_round_anniversary(years) is round_


def test_anniversaries_keep_the_precision_of_partner_since():
    start, end = dt.date(2026, 11, 30), dt.date(2027, 11, 29)
    rows = [
        (1, PartialDate.from_iso("1987-07-02")),  # 40 years on 2 July 2027
        (2, PartialDate.from_iso("1977")),  # 50 years in 2027
        (3, PartialDate.from_iso("2016-11")),  # 10 years in November 2026 (still in it)
        (4, PartialDate.from_iso("1997-11-29")),  # 30 years on 29 Nov 2027: the window's end
        (5, PartialDate.from_iso("1996-11-29")),  # 30 years on 29 Nov 2026: past
        (6, PartialDate()),
    ]
    found = {
        pk: (years, on.isoformat()) for pk, years, on in anniversaries_between(rows, start, end)
    }
    assert found == {
        1: (40, "2027-07-02"),
        2: (50, "2027"),
        3: (10, "2026-11"),
        4: (30, "2027-11-29"),
    }


def _soon(years: int) -> str:
    day = timezone.localdate() + dt.timedelta(days=40)
    return day.replace(year=day.year - years).isoformat()


def _add_work(home, number: int) -> None:
    for _n in range(number):
        partnership = make_partnership(home=home, since=_soon(25))
        make_activity(partnership=partnership, starts="")
        make_source(url="")


@pytest.mark.parametrize("language", ["de", "en"])
def test_start_page_lists_what_needs_attention(editor_client, home, language):
    partnership = make_partnership(home=home, since=_soon(25))
    activity = make_activity(partnership=partnership, starts="", title_en="Youth exchange")
    source = make_source(url="", title="Our announcement of the youth exchange")
    ingest_document(data=NOTE.read_bytes(), path=str(NOTE))
    html = editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language)
    html = html.content.decode()
    change = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    words = {
        "de": ["Jahrestage in den nächsten 12 Monaten", "25 Jahre: ", "4 Angaben warten"],
        "en": ["Anniversaries in the next 12 months", "25 years: ", "4 claims wait"],
    }[language]
    for text in words:
        assert text in html
    assert f'href="{change}"' in html
    assert reverse("admin:activities_activity_change", args=[activity.pk]) in html
    assert source.title in html
    assert "Berlin and its partner cities" in html  # the ingested note, with 4 claims waiting
    # Partnerships of the dataset without any recorded activity come first.
    quiet = html[html.index('id="att-quiet"') : html.index('id="att-undated"')]
    assert "Berlin – Beijing" in quiet or "Berlin – Peking" in quiet


def test_a_recent_activity_takes_a_partnership_off_the_quiet_list(db):
    from citypartners.backoffice.queries import attention
    from citypartners.partnerships.models import Partnership

    today = timezone.localdate()
    kyiv = Partnership.objects.get(slug="berlin-kyiv")
    before = attention(today=today)
    make_activity(partnership=kyiv, starts=str(today.year - 4))
    still = attention(today=today)
    make_activity(partnership=kyiv, starts=str(today.year - 1))
    after = attention(today=today)
    assert still.quiet_partnerships_count == before.quiet_partnerships_count
    assert after.quiet_partnerships_count == before.quiet_partnerships_count - 1


def test_start_page_reads_in_constant_queries(editor_client, home):
    _add_work(home, 1)
    with CaptureQueriesContext(connection) as one:
        assert editor_client.get(reverse("admin:index")).status_code == 200
    _add_work(home, 12)
    with CaptureQueriesContext(connection) as many:
        assert editor_client.get(reverse("admin:index")).status_code == 200
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]
