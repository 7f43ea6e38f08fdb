"""The activities calendar: upcoming, current and past, filters, pagination, query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citypartners.activities.models import Activity
from tests.factories import make_activity, make_partnership
from tests.urls import url

pytestmark = pytest.mark.django_db


def _page(client, query: str = "", language: str = "en") -> str:
    response = client.get(url("pages:activities", language) + query)
    assert response.status_code == 200
    return response.content.decode()


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="cp-timeline__title">(.*?)</h3>', html)


def test_calendar_lists_upcoming_then_current_then_past(client, home):
    today = timezone.localdate()
    partnership = make_partnership(home=home)
    make_activity(
        partnership=partnership,
        title_en="Next year's visit",
        starts=str(today.year + 1),
    )
    make_activity(
        partnership=partnership,
        title_en="This year's exhibition",
        starts=str(today.year),
    )
    make_activity(partnership=partnership, title_en="Long-ago concert", starts="1999")

    html = _page(client, f"?partnership={partnership.slug}")

    assert _titles(html) == [
        "Next year&#x27;s visit",
        "This year&#x27;s exhibition",
        "Long-ago concert",
    ]
    assert html.index('id="group-upcoming"') < html.index('id="group-current"')
    assert html.index('id="group-current"') < html.index('id="group-past"')
    assert "cp-timeline__item--upcoming" in html and "cp-timeline__item--current" in html


def test_calendar_orders_past_activities_latest_first(client, home):
    partnership = make_partnership(home=home)
    for year in ("2001", "2011", "2006"):
        make_activity(partnership=partnership, title_en=f"Visit {year}", starts=year)

    html = _page(client, f"?partnership={partnership.slug}&when=past")

    assert _titles(html) == ["Visit 2011", "Visit 2006", "Visit 2001"]


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("?topic=digital-policy", "First annual session of the Digital Dialogue", "techno parade"),
        ("?year=2018", "Claudia Sheinbaum", "First annual session"),
        ("?partnership=berlin-mexico-city", "techno parade", "First annual session"),
        ("?year=2024&topic=digital-policy", "First annual session", "Sheinbaum"),
    ],
)
def test_calendar_filters(client, query, expected, absent):
    html = _page(client, query)

    assert expected in html
    assert absent not in html


def test_calendar_ignores_unknown_filter_values(client):
    html = _page(client, "?topic=no-such-topic&year=abc&when=someday&page=999")

    assert len(_titles(html)) == len(_titles(_page(client, "")))  # as if unfiltered


def test_calendar_says_so_when_nothing_matches(client, home):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership, starts="2010")

    html = _page(client, f"?partnership={partnership.slug}&year=2024")

    assert "No activities match this choice." in html
    assert f'href="{url("pages:activities")}"' in html


def test_calendar_paginates_with_links_that_keep_the_filter(client, home):
    partnership = make_partnership(home=home)
    for n in range(45):
        make_activity(partnership=partnership, title_en=f"Meeting {n}", starts="2010")

    first = _page(client, f"?partnership={partnership.slug}")
    third = _page(client, f"?partnership={partnership.slug}&page=3")

    assert len(_titles(first)) == 20
    assert len(_titles(third)) == 5
    assert f'href="?partnership={partnership.slug}&amp;page=2" rel="next"' in first
    assert 'aria-current="page" aria-label="Page 3"' in third
    assert "45 activities, page 3 of 3" in third


def test_calendar_counts_each_group(client):
    today = timezone.localdate()
    past = Activity.objects.published().filter(ends_on__lt=today).count()

    html = _page(client)

    assert f"past: {past}" in html


def test_calendar_page_is_german_under_de(client):
    html = _page(client, "", language="de")

    assert '<html lang="de"' in html
    assert "Erste Jahressitzung des Digitaldialogs" in html


def test_calendar_has_schema_org_events(client):
    html = _page(client, "?partnership=berlin-mexico-city")

    assert '<script type="application/ld+json">' in html
    assert '"@type":"Event"' in html


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?topic=digital-policy", "?year=2010&when=past"])
def test_calendar_costs_the_same_queries_for_few_and_many_activities(client, home, query):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership, starts="2010")
    few = _count(client, url("pages:activities") + query)

    for n in range(40):
        make_activity(partnership=partnership, starts=f"{2000 + n % 20}")

    assert _count(client, url("pages:activities") + query) == few


def test_year_filter_offers_every_year_from_first_to_last(client):
    dated = Activity.objects.published().filter(starts_on__isnull=False)
    first = dated.order_by("starts_on").first().starts_on.year
    last = dated.order_by("-ends_on").first().ends_on.year
    html = _page(client)

    for year in (first, (first + last) // 2, last):
        assert f'<option value="{year}"' in html


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def _other_home_with_activities(count: int = 1):
    """Another German home's partnerships, each with an activity: another site's calendar."""
    from tests.factories import make_city

    munich = make_city(slug="munich", name_de="München", name_en="Munich", country_code="DE")
    partnerships = []
    for n in range(count):
        partner = make_city(name_en=f"Verona {n}", name_de=f"Verona {n}")
        partnership = make_partnership(home=munich, partner=partner)
        make_activity(partnership=partnership, title_en=f"Munich meets Verona {n}", starts="2015")
        partnerships.append(partnership)
    return partnerships


def test_calendar_lists_the_homes_partnerships_and_its_countrys_dialogues_only(client, home):
    _other_home_with_activities()
    ours = make_partnership(home=home)
    make_activity(partnership=ours, title_en="Berlin meets its new partner", starts="2015")

    html = _page(client, "?year=2015")
    everything = _page(client)

    assert "Berlin meets its new partner" in html
    assert "Munich meets Verona 0" not in html
    assert "First annual session of the Digital Dialogue" in _page(client, "?year=2024")
    past = (
        Activity.objects.filter(partnership__home=home, ends_on__lt=timezone.localdate()).count()
        + Activity.objects.filter(
            partnership__slug="germany-mexico-digital-dialogue", ends_on__lt=timezone.localdate()
        ).count()
    )
    assert f"past: {past}" in everything


def test_calendar_partnership_filter_offers_only_the_homes_partnerships(client, home):
    others = _other_home_with_activities(3)

    options = _options(_page(client), "partnership")

    assert "berlin-mexico-city" in options
    assert "germany-mexico-digital-dialogue" in options
    assert not {p.slug for p in others} & set(options)
    # Only partnerships with activities: a choice that always gives nothing is no choice.
    with_activities = set(
        Activity.objects.published()
        .filter(partnership__home=home)
        .values_list("partnership__slug", flat=True)
    ) | {"germany-mexico-digital-dialogue"}
    assert set(options) == {"", *with_activities}


def test_calendar_keeps_another_homes_partnership_chosen_from_its_page(client, home):
    (other,) = _other_home_with_activities()

    html = _page(client, f"?partnership={other.slug}")

    assert _titles(html) == ["Munich meets Verona 0"]
    assert other.slug in _options(html, "partnership")
    assert f'<option value="{other.slug}" selected>' in html


def test_calendar_queries_do_not_grow_with_other_homes_partnerships(client, home):
    few = _count(client, url("pages:activities"))
    size = len(_page(client))

    _other_home_with_activities(30)

    assert _count(client, url("pages:activities")) == few
    assert len(_page(client)) == size
