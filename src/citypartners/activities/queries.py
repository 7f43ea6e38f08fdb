"""Reading activities for the calendar page and the feeds, with the joins those need.

Each function issues a fixed number of queries whatever the number of activities, so the
calendar and the feeds stay fast as the registry grows (tests/pages count them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from citypartners.activities.enums import Timing
from citypartners.activities.models import Activity
from citypartners.core.i18n import current_language
from citypartners.partnerships.activity_rows import ActivityRow, calendar_rows
from citypartners.partnerships.models import Partnership, Topic
from citypartners.places.models import Place

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


def _scoped(home: Place | None, partnership: str = "") -> QuerySet[Activity]:
    """The activities a home's calendar lists: those of the partnerships its site presents.

    A national registry holds a million activities of tens of thousands of homes; a city's
    calendar is about its own partnerships (and its country's dialogues). A chosen partnership
    is honoured even when another home's: every partnership page links to its past activities
    here. Without a home (no dataset loaded) nothing is narrowed. The partnerships are a
    subquery, so the activities are read through their partnership index.
    """
    partnerships = Partnership.objects.published()
    if partnership:
        partnerships = partnerships.filter(slug=partnership)
    elif home is not None:
        partnerships = partnerships.presented_by(home)
    return Activity.objects.published().filter(partnership__in=partnerships.values("pk"))


def _filtered(chosen: CalendarFilter, home: Place | None) -> QuerySet[Activity]:
    rows = _scoped(home, chosen.partnership)
    if chosen.topic:
        rows = rows.filter(topics__slug=chosen.topic)
    if chosen.year:
        rows = rows.filter(
            starts_on__lte=dt.date(chosen.year, 12, 31), ends_on__gte=dt.date(chosen.year, 1, 1)
        )
    return rows


class CalendarRows:
    """The calendar's activities in their order, for a paginator to slice.

    A page is read in two steps: its ids from the sorted query, then those activities with
    their joins. Sorting a big home's thousands of full rows (descriptions and all) to show
    twenty was most of the page's time. The length is known from `count_by_timing`, which
    the page shows anyway, so the paginator does not count the same rows a second time.
    """

    ordered = True  # what Paginator asks of a list before it trusts its slices

    def __init__(self, rows: QuerySet[Activity], count: int) -> None:
        self.rows = rows
        self.total = count

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[ActivityRow]:
        """The activities of a page as plain rows (`partnerships.activity_rows`): the page
        shows their names, dates, partnership and topics, not their sources."""
        return calendar_rows(list(self.rows.values_list("pk", flat=True)[index]))


def calendar_activities(
    chosen: CalendarFilter, *, home: Place | None, today: dt.date, count: int
) -> CalendarRows:
    """Activities for the calendar: upcoming (soonest first), current, past (latest first),
    undated; narrowed by the filter. `count` is how many there are (from count_by_timing)."""
    rows = _filtered(chosen, home).annotate(timing_rank=_timing_rank(today))
    if chosen.when in Timing.values:
        rows = rows.filter(timing_rank=TIMING_ORDER.index(Timing(chosen.when)))
    ordered = rows.order_by(
        "timing_rank",
        # For upcoming and current rows this is the start; for past rows it is null.
        Case(When(timing_rank__lt=2, then=F("starts_on"))).asc(nulls_last=True),
        # For past rows the end, latest first; null (and so ignored) for the others.
        Case(When(timing_rank=2, then=F("ends_on"))).desc(nulls_last=True),
        # Same dates: in the order they were entered. Not by title: the order is read from
        # the partnership-and-dates index, which holds the id but no titles.
        "pk",
    )
    return CalendarRows(ordered, count)


def count_by_timing(
    chosen: CalendarFilter, *, home: Place | None, today: dt.date
) -> dict[str, int]:
    """How many activities each timing group holds under the filter (one query).

    Counts of `partnership`, never null and in the partnership-and-dates index, so that
    PostgreSQL counts from the index alone. No DISTINCT: the filters match an activity once at
    most (a topic slug names one topic).
    """
    rows = _filtered(chosen, home).aggregate(
        upcoming=Count("partnership", filter=Q(starts_on__gt=today)),
        current=Count("partnership", filter=Q(starts_on__lte=today) & ~Q(ends_on__lt=today)),
        past=Count("partnership", filter=Q(ends_on__lt=today)),
        undated=Count("partnership", filter=Q(starts_on__isnull=True)),
    )
    return {timing: rows[timing] for timing in Timing.values}


def _label(language: str, name_de: str, name_en: str, partner_de: str, partner_en: str) -> str:
    first, second = ("de", "en") if language == "de" else ("en", "de")
    names = {"de": (name_de, partner_de), "en": (name_en, partner_en)}
    return names[first][0] or names[second][0] or names[first][1] or names[second][1]


def filter_choices(home: Place | None, *, partnership: str = "") -> dict[str, list]:
    """The partnerships, topics and years a visitor can narrow the calendar to (3 queries).

    Partnerships are those of the home's calendar that have activities, as (slug, label):
    a few hundred for a big city, not the registry's fifty thousand. A `partnership` asked for
    by slug is offered too when it exists, so a link from another home's partnership page
    keeps its choice visible. Years span the home's activities.
    """
    language = current_language()
    wanted = Exists(Activity.objects.published().filter(partnership=OuterRef("pk")))
    if home is not None:
        wanted &= Q(pk__in=Partnership.objects.presented_by(home).values("pk"))
    if partnership:
        wanted |= Q(slug=partnership)
    rows = (
        Partnership.objects.published()
        .filter(wanted)
        .values_list("slug", "name_de", "name_en", "partner__name_de", "partner__name_en")
    )
    partnerships = sorted(
        ((slug, _label(language, *names)) for slug, *names in rows),
        key=lambda choice: choice[1].casefold(),
    )
    scope = _scoped(home)
    # Topics with any published activity: one index probe per topic (there are dozens),
    # where narrowing them to the home's activities would read all of those.
    used = Activity.topics.through.objects.filter(topic=OuterRef("pk"), activity__is_published=True)
    topics = sorted(Topic.objects.filter(Exists(used)), key=lambda t: t.name)
    span = scope.aggregate(first=Min("starts_on"), last=Max("ends_on"))
    years = []
    if span["first"] and span["last"]:
        years = list(range(span["last"].year, span["first"].year - 1, -1))
    return {"partnerships": partnerships, "topics": topics, "years": years}


def _of(rows: QuerySet[Activity], partnership: Partnership | None, home: Place | None):
    """Of one partnership, else of the partnerships the home's site presents, else all."""
    if partnership is not None:
        return rows.filter(partnership=partnership)
    if home is not None:
        return rows.filter(partnership__in=Partnership.objects.presented_by(home).values("pk"))
    return rows


def dated_activities(
    partnership: Partnership | None = None, *, home: Place | None = None
) -> QuerySet[Activity]:
    """Published activities with a date, earliest first: what a calendar feed can carry."""
    rows = _of(_published().filter(starts_on__isnull=False), partnership, home)
    return (
        rows.select_related("partnership", "partnership__home", "partnership__partner")
        .prefetch_related("topics")
        .order_by("starts_on", "pk")
    )


def newest_activities(
    partnership: Partnership | None = None, *, home: Place | None = None, limit: int = 50
) -> list[Activity]:
    """The activities most recently added to the registry, newest first."""
    rows = _of(_published(), partnership, home)
    return list(
        rows.select_related("partnership", "partnership__home", "partnership__partner").order_by(
            "-created_at", "-pk"
        )[:limit]
    )
