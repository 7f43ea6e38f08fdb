"""Each public page runs the same number of SQL queries with the Berlin data as with 500 more rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from citypartners.core.dates import PartialDate
from citypartners.partnerships.enums import StatusKind
from citypartners.partnerships.models import Partnership, StatusChange
from citypartners.places.models import Place
from citypartners.sources.models import Source
from tests.factories import make_activity, make_source

MANY = 500


def _queries(client, name, args=(), query="") -> int:
    with translation.override("en"):
        url = reverse(name, args=args) + query
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _add_partnerships(home, count):
    """Many partner cities, each with a status change citing a source (bulk, to keep the test quick)."""
    source = make_source()
    cities = Place.objects.bulk_create(
        Place(
            slug=f"bulk-city-{n}",
            kind="city",
            name_de=f"Stadt {n}",
            name_en=f"City {n}",
            country_code="FR",
            latitude=40 + n % 20,
            longitude=n % 40,
        )
        for n in range(count)
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            slug=f"bulk-{n}",
            kind="city_partnership",
            operator="state",
            home=home,
            partner=city,
            summary_de="S",
            summary_en="S",
            description_de="D",
            description_en="D",
            status="active",
            since=PartialDate(1990 + n % 30, 1 + n % 12),
        )
        for n, city in enumerate(cities)
    )
    changes = StatusChange.objects.bulk_create(
        StatusChange(partnership=p, kind=StatusKind.ACTIVE, on=p.since) for p in partnerships
    )
    StatusChange.sources.through.objects.bulk_create(
        StatusChange.sources.through(statuschange_id=c.pk, source_id=source.pk) for c in changes
    )
    Partnership.sources.through.objects.bulk_create(
        Partnership.sources.through(partnership_id=p.pk, source_id=source.pk) for p in partnerships
    )


def test_home_queries_do_not_grow_with_partnerships(client, home):
    few = _queries(client, "web:home")
    _add_partnerships(home, MANY)
    assert _queries(client, "web:home") == few


def test_partnership_page_queries_do_not_grow_with_activities(client, db):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    few = _queries(client, "web:partnership", [partnership.slug])
    for n in range(60):
        make_activity(partnership=partnership, starts=f"{1995 + n % 30}")
    assert _queries(client, "web:partnership", [partnership.slug]) == few


@pytest.mark.parametrize("name", ["web:contact", "web:sources"])
def test_simple_pages_queries_do_not_grow(client, db, name):
    few = _queries(client, name)
    Source.objects.bulk_create(
        Source(key=f"bulk-source-{n}", title=f"Bulk {n}", language="en", kind="document")
        for n in range(MANY)
    )
    assert _queries(client, name) == few


def test_search_queries_do_not_grow(client, home):
    few = _queries(client, "web:search", query="?q=city")
    _add_partnerships(home, MANY)
    assert _queries(client, "web:search", query="?q=city") == few


def test_partnership_page_shows_the_newest_past_activities_and_links_to_the_rest(client, db):
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    for n in range(30):
        make_activity(
            partnership=partnership, starts=f"{1990 + n}", title_en=f"Old visit {1990 + n}"
        )
    html = client.get("/en/partnerships/berlin-mexico-city/").content.decode()
    assert "Old visit 2019" in html  # among the 10 newest past ones
    assert "Old visit 1990" not in html.split('id="past"')[1].split('id="undated"')[0]
    assert "All 37 past activities in the calendar" in html
    assert "/en/activities/?partnership=berlin-mexico-city&amp;when=past" in html


def test_partnership_page_shows_the_soonest_upcoming_activities_and_links_to_the_rest(client, db):
    from django.utils import timezone

    from citypartners.partnerships.queries import UPCOMING_ACTIVITIES_SHOWN

    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    next_year = timezone.localdate().year + 1
    for n in range(UPCOMING_ACTIVITIES_SHOWN + 5):
        make_activity(
            partnership=partnership,
            starts=f"{next_year + n}",
            title_en=f"Future visit {next_year + n}",
        )
    html = client.get("/en/partnerships/berlin-mexico-city/").content.decode()
    upcoming = html.split('id="upcoming"')[1].split('id="current"')[0]

    assert f"Future visit {next_year}<" in upcoming  # the soonest first
    assert f"Future visit {next_year + UPCOMING_ACTIVITIES_SHOWN - 1}<" in upcoming
    assert f"Future visit {next_year + UPCOMING_ACTIVITIES_SHOWN}<" not in upcoming
    assert f"All {UPCOMING_ACTIVITIES_SHOWN + 5} upcoming activities in the calendar" in upcoming
    assert "/en/activities/?partnership=berlin-mexico-city&amp;when=upcoming" in upcoming
