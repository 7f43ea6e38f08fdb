"""Reading activities for the calendar page and the feeds, with the joins those need.

Each function issues a fixed number of queries whatever the number of activities, so the
calendar and the feeds stay fast as the registry grows (tests/pages count them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, QuerySet, Value, When

from citypartners.activities.enums import Timing
from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership, Topic

# Order of the groups on the calendar: what is still to come first, what is undated last.
TIMING_ORDER = [Timing.UPCOMING, Timing.CURRENT, Timing.PAST, Timing.UNDATED]


@dataclass(frozen=True)
class CalendarFilter:
    """What a visitor narrowed the calendar to; empty values mean "all"."""

    when: str = ""
    partnership: str = ""
    topic: str = ""
    year: int | None = None


def _timing_rank(today: dt.date) -> Case:
    return Case(
        When(starts_on__isnull=True, then=Value(3)),
        When(starts_on__gt=today, then=Value(0)),
        When(ends_on__lt=today, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def _published() -> QuerySet[Activity]:
    return Activity.objects.published().filter(partnership__is_published=True)


def _filtered(chosen: CalendarFilter) -> QuerySet[Activity]:
    rows = _published()
    if chosen.partnership:
        rows = rows.filter(partnership__slug=chosen.partnership)
    if chosen.topic:
        rows = rows.filter(topics__slug=chosen.topic)
    if chosen.year:
        rows = rows.filter(
            starts_on__lte=dt.date(chosen.year, 12, 31), ends_on__gte=dt.date(chosen.year, 1, 1)
        )
    return rows


def calendar_activities(chosen: CalendarFilter, *, today: dt.date) -> QuerySet[Activity]:
    """Activities for the calendar: upcoming (soonest first), current, past (latest first),
    undated; narrowed by the filter. Lazy, so a paginator can count and slice it."""
    rows = _filtered(chosen).annotate(timing_rank=_timing_rank(today))
    if chosen.when in Timing.values:
        rows = rows.filter(timing_rank=TIMING_ORDER.index(Timing(chosen.when)))
    return (
        rows.select_related("partnership", "partnership__partner", "partnership__home")
        .prefetch_related("topics", "sources")
        .order_by(
            "timing_rank",
            # For upcoming and current rows this is the start; for past rows it is null.
            Case(When(timing_rank__lt=2, then=F("starts_on"))).asc(nulls_last=True),
            # For past rows the end, latest first; null (and so ignored) for the others.
            Case(When(timing_rank=2, then=F("ends_on"))).desc(nulls_last=True),
            "title",
            "pk",
        )
    )


def count_by_timing(chosen: CalendarFilter, *, today: dt.date) -> dict[str, int]:
    """How many activities each timing group holds under the filter (one query)."""
    rows = _filtered(chosen).aggregate(
        upcoming=Count("pk", filter=Q(starts_on__gt=today), distinct=True),
        current=Count("pk", filter=Q(starts_on__lte=today, ends_on__gte=today), distinct=True),
        past=Count("pk", filter=Q(ends_on__lt=today), distinct=True),
        undated=Count("pk", filter=Q(starts_on__isnull=True), distinct=True),
    )
    return {timing: rows[timing] for timing in Timing.values}


def filter_choices() -> dict[str, list]:
    """The partnerships, topics and years a visitor can narrow the calendar to (3 queries)."""
    partnerships = list(
        Partnership.objects.published()
        .filter(activities__is_published=True)
        .select_related("home", "partner")
        .distinct()
    )
    partnerships.sort(key=lambda p: str(p.partner.name))
    topics = sorted(
        Topic.objects.filter(activities__is_published=True).distinct(), key=lambda t: t.name
    )
    span = _published().aggregate(first=Min("starts_on"), last=Max("ends_on"))
    years = []
    if span["first"] and span["last"]:
        years = list(range(span["last"].year, span["first"].year - 1, -1))
    return {"partnerships": partnerships, "topics": topics, "years": years}


def dated_activities(partnership: Partnership | None = None) -> QuerySet[Activity]:
    """Published activities with a date, earliest first: what a calendar feed can carry."""
    rows = _published().filter(starts_on__isnull=False)
    if partnership is not None:
        rows = rows.filter(partnership=partnership)
    return (
        rows.select_related("partnership", "partnership__home", "partnership__partner")
        .prefetch_related("topics")
        .order_by("starts_on", "pk")
    )


def newest_activities(partnership: Partnership | None = None, *, limit: int = 50) -> list[Activity]:
    """The activities most recently added to the registry, newest first."""
    rows = _published()
    if partnership is not None:
        rows = rows.filter(partnership=partnership)
    return list(
        rows.select_related("partnership", "partnership__home", "partnership__partner").order_by(
            "-created_at", "-pk"
        )[:limit]
    )
