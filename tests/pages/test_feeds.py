"""The iCalendar and Atom feeds: they parse, carry every dated activity at its precision, and
are announced in the head of every page."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Milestone
from tests.factories import make_activity, make_city, make_partnership
from tests.urls import url

pytestmark = pytest.mark.django_db


def _calendar(client, path: str) -> Calendar:
    response = client.get(path)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize("language", ["de", "en"])
def test_ical_feed_holds_every_dated_published_activity(client, language):
    calendar = _calendar(client, f"/{language}/feeds/activities.ics")

    events = _events(calendar)
    dated = Activity.objects.published().filter(starts_on__isnull=False)
    assert len(events) == dated.count() > 5
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//citypartners//")
    for activity in dated:
        assert f"activity-{activity.slug}@testserver" in events


def test_ical_year_precision_is_an_all_day_event_over_the_whole_year(client):
    activity = Activity.objects.get(slug="digital-dialogue-2024-first-annual-session")

    event = _events(_calendar(client, "/en/feeds/activities.ics"))[
        f"activity-{activity.slug}@testserver"
    ]

    assert event.decoded("DTSTART") == dt.date(2024, 1, 1)
    assert event.decoded("DTEND") == dt.date(2025, 1, 1)  # exclusive end
    assert "gives only the year" in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "First annual session of the Digital Dialogue"
    assert str(event["URL"]).endswith(
        f"/en/partnerships/germany-mexico-digital-dialogue/#activity-{activity.slug}"
    )


def test_ical_day_precision_range_ends_the_day_after(client, home):
    partnership = make_partnership(home=home)
    activity = make_activity(partnership=partnership, starts="2030-06-01", ends="2030-06-03")

    event = _events(_calendar(client, f"/de/feeds/partnerships/{partnership.slug}.ics"))[
        f"activity-{activity.slug}@testserver"
    ]

    assert event.decoded("DTSTART") == dt.date(2030, 6, 1)
    assert event.decoded("DTEND") == dt.date(2030, 6, 4)
    assert "nur das Jahr" not in str(event["DESCRIPTION"])


def test_ical_partnership_feed_holds_only_its_activities(client):
    events = _events(_calendar(client, "/de/feeds/partnerships/berlin-mexico-city.ics"))

    slugs = {uid.split("@")[0].removeprefix("activity-") for uid in events}
    expected = set(
        Activity.objects.published()
        .filter(partnership__slug="berlin-mexico-city", starts_on__isnull=False)
        .values_list("slug", flat=True)
    )
    assert slugs == expected and slugs


def test_ical_feed_of_an_unknown_partnership_is_not_found(client):
    response = client.get("/de/feeds/partnerships/atlantis.ics")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "title_part"),
    [
        ("/en/feeds/news.atom", "new activities and milestones"),
        ("/de/feeds/partnerships/germany-mexico-digital-dialogue.atom", "Digitaldialog"),
    ],
)
def test_atom_feeds_parse_with_activities_and_milestones(client, path, title_part):
    response = client.get(path)

    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert title_part in feed.feed.title
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)) > 0
    assert any("/activity-" in i for i in ids)
    assert any("/milestone-" in i for i in ids)
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.updated


def test_atom_feed_lists_the_newest_additions_first(client, home):
    partnership = make_partnership(home=home)
    newest = make_activity(partnership=partnership, title_en="Brand-new exchange")

    feed = feedparser.parse(client.get("/en/feeds/news.atom").content)

    assert feed.entries[0].title.startswith("Brand-new exchange")
    assert feed.entries[0].id.endswith(f"activity-{newest.slug}")


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("web:home", "de"),
        ("web:home", "en"),
        ("pages:activities", "de"),
        ("web:sources", "en"),
        ("pages:accessibility", "en"),
        ("web:search", "de"),
    ],
)
def test_every_page_announces_the_feeds_in_its_head(client, name, language):
    html = client.get(url(name, language)).content.decode()
    head = html.split("</head>")[0]

    assert '<link rel="alternate" type="text/calendar" href="/' in head
    assert '<link rel="alternate" type="application/atom+xml" href="/' in head
    assert "feeds/activities.ics" in head and "feeds/news.atom" in head


def test_partnership_page_also_announces_its_own_feeds(client):
    html = client.get(url("web:partnership", "en", "berlin-mexico-city")).content.decode()
    head = html.split("</head>")[0]
    body = html.split("</head>")[1]

    assert 'type="text/calendar" href="/en/feeds/partnerships/berlin-mexico-city.ics"' in head
    assert (
        'type="application/atom+xml" href="/en/feeds/partnerships/berlin-mexico-city.atom"' in head
    )
    assert 'href="/en/feeds/partnerships/berlin-mexico-city.ics"' in body  # visible link


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/en/feeds/activities.ics",
        "/en/feeds/news.atom",
        "/en/feeds/partnerships/{slug}.ics",
        "/en/feeds/partnerships/{slug}.atom",
    ],
)
def test_feeds_cost_the_same_queries_for_one_and_many_activities(client, home, path):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership)
    path = path.format(slug=partnership.slug)
    one = _count(client, path)

    for n in range(25):
        make_activity(partnership=partnership, starts=f"20{10 + n}")
        Milestone.objects.create(
            partnership=partnership, kind="other", title=f"Step {n}", on="2020"
        )

    assert _count(client, path) == one


def test_site_feeds_hold_the_home_sites_partnerships_not_the_whole_registry(client):
    elsewhere = make_city(slug="elsewhere", name_de="Anderswo", name_en="Elsewhere")
    theirs = make_partnership(home=elsewhere)
    activity = make_activity(partnership=theirs, starts="2031-02-03")

    site_events = _events(_calendar(client, "/en/feeds/activities.ics"))
    own_events = _events(_calendar(client, f"/en/feeds/partnerships/{theirs.slug}.ics"))
    assert f"activity-{activity.slug}@testserver" not in site_events
    assert f"activity-{activity.slug}@testserver" in own_events
    assert activity.title_en not in client.get("/en/feeds/news.atom").content.decode()
    partnership_feed = client.get(f"/en/feeds/partnerships/{theirs.slug}.atom")
    assert activity.title_en in partnership_feed.content.decode()
