"""The activity tally kept by database triggers, and the exact counts the API gives from it.

Every way of writing activities must keep the tally equal to counting the activities: the ORM
one row at a time, bulk writes that skip Django's signals, raw SQL, and deleting a partnership
with its activities. After each step the tally is compared with a GROUP BY over the table and
every filter combination's count with a plain count of the listed rows.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.db.models import Count

from citypartners.activities.models import Activity, ActivityTally
from citypartners.opendata import queries
from citypartners.partnerships.models import Partnership
from tests.factories import make_activity, make_city, make_partnership

pytestmark = pytest.mark.django_db


def _tally() -> dict[tuple[int, str], int]:
    rows = ActivityTally.objects.exclude(partnership_id=ActivityTally.REGISTRY)
    return {(t.partnership_id, t.kind): t.count for t in rows}


def _totals() -> dict[str, int]:
    rows = ActivityTally.objects.filter(partnership_id=ActivityTally.REGISTRY)
    return {t.kind: t.count for t in rows}


def _counted() -> dict[tuple[int, str], int]:
    rows = (
        Activity.objects.filter(is_published=True)
        .order_by()  # the model's default ordering would split the groups
        .values("partnership_id", "kind")
        .annotate(n=Count("id"))
    )
    return {(row["partnership_id"], row["kind"]): row["n"] for row in rows}


def _filter_sets(partnership: Partnership) -> list[queries.ActivityFilters]:
    options = {
        "partnership": [None, partnership.slug],
        "home": [None, partnership.home.slug, "nowhere"],
        "partner_country": [None, partnership.partner.country_code, "zz"],
        "kind": [None, "visit", "conference"],
    }
    return [
        queries.ActivityFilters(**dict(zip(options, values, strict=True)))
        for values in itertools.product(*options.values())
    ]


def _assert_consistent(partnership: Partnership) -> None:
    counted = _counted()
    assert _tally() == counted
    by_kind: dict[str, int] = {}
    for (_pid, kind), n in counted.items():
        by_kind[kind] = by_kind.get(kind, 0) + n
    assert _totals() == by_kind
    for filters in _filter_sets(partnership):
        assert queries.activity_count(filters) == queries.activities(filters).count(), filters


def test_the_shipped_dataset_is_tallied():
    assert sum(_tally().values()) == Activity.objects.filter(is_published=True).count() > 0
    assert sum(_totals().values()) == sum(_tally().values())
    assert _tally() == _counted()


def test_every_way_of_writing_activities_keeps_the_tally(home):
    partnership = make_partnership(home=home, partner=make_city(country_code="PT"))
    _assert_consistent(partnership)

    first = make_activity(partnership=partnership, kind="visit")
    make_activity(partnership=partnership, kind="conference")
    hidden = make_activity(partnership=partnership, kind="visit", is_published=False)
    _assert_consistent(partnership)

    first.kind = "conference"  # one row changes its kind
    first.save()
    hidden.is_published = True  # and one is published
    hidden.save()
    _assert_consistent(partnership)

    other = make_partnership(home=home, partner=make_city(country_code="PT"))
    Activity.objects.filter(pk=first.pk).update(partnership=other)  # moved, no signals
    _assert_consistent(partnership)
    _assert_consistent(other)

    Activity.objects.filter(partnership=partnership).update(is_published=False)  # in bulk
    _assert_consistent(partnership)

    template = Activity.objects.filter(partnership=other).first()
    Activity.objects.bulk_create(
        [
            Activity(
                slug=f"bulk-{n}",
                partnership=partnership,
                kind="visit",
                title=f"Bulk {n}",
                starts=template.starts,
                ends=template.ends,
                starts_on=template.starts_on,
                ends_on=template.ends_on,
            )
            for n in range(5)
        ]
    )
    _assert_consistent(partnership)

    with connection.cursor() as cursor:  # a write that knows nothing of Django
        cursor.execute(
            "DELETE FROM activities_activity WHERE slug IN (%s, %s)", ["bulk-0", "bulk-1"]
        )
    _assert_consistent(partnership)

    Partnership.objects.filter(pk=partnership.pk).delete()  # takes its activities along
    assert not any(pid == partnership.pk for pid, _kind in _tally())
    _assert_consistent(other)


def test_counts_with_date_topic_or_organisation_filters_count_the_rows(home):
    partnership = make_partnership(home=home, partner=make_city(country_code="PT"))
    make_activity(partnership=partnership, starts="2020-05-01")
    make_activity(partnership=partnership, starts="2022-05-01")
    filters = queries.ActivityFilters(
        partnership=partnership.slug, date_from=dt.date(2021, 1, 1), date_to=dt.date(2023, 1, 1)
    )
    assert queries.activity_count(filters) == 1
    assert queries.activity_count(queries.ActivityFilters(topic="no-such-topic")) == 0


def test_unpublished_partnerships_do_not_count(home):
    partnership = make_partnership(home=home, partner=make_city(country_code="PT"))
    make_activity(partnership=partnership)
    everything = queries.activity_count()
    Partnership.objects.filter(pk=partnership.pk).update(is_published=False)
    assert queries.activity_count() == everything - 1 == queries.activities().count()
