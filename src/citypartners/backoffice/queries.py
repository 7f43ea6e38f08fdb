"""What needs an editor's attention now: the lists of the back office's start page.

Each list is read in a fixed number of queries whatever the size of the registry (a query for
the first rows and one for the total), so the start page stays fast at national size
(tests/backoffice/test_start_page.py counts them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate
from citypartners.editors.scope import Scope, claims_in, home_filter, sources_in
from citypartners.partnerships.models import Partnership
from citypartners.sources.enums import ReviewStatus
from citypartners.sources.models import Claim, Source

SHOWN = 8
QUIET_YEARS = 3


def is_round_anniversary(years: int) -> bool:
    """10, 20, 25, 30, 40, 50, 60, 70, 75, 80… years: the ones an office plans for."""
    return years > 0 and (years % 10 == 0 or years % 25 == 0)


@dataclass(frozen=True)
class Anniversary:
    """A partnership that turns a round number of years old within the next twelve months."""

    partnership: Partnership
    years: int
    on: PartialDate  # the anniversary, at the precision "partner since" is known


@dataclass
class Attention:
    """The start page's lists: each the first rows and how many there are in all."""

    pending_claims: int = 0
    sources_with_pending_claims: list[Source] = field(default_factory=list)
    sources_without_address: list[Source] = field(default_factory=list)
    sources_without_address_count: int = 0
    quiet_partnerships: list[Partnership] = field(default_factory=list)
    quiet_partnerships_count: int = 0
    anniversaries: list[Anniversary] = field(default_factory=list)
    undated_activities: list[Activity] = field(default_factory=list)
    undated_activities_count: int = 0


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def anniversaries_between(
    rows: list[tuple[int, PartialDate]], start: dt.date, end: dt.date
) -> list[tuple[int, int, PartialDate]]:
    """(partnership id, years, anniversary date) for each round anniversary from start to end.

    An anniversary is at the precision "partner since" is known: 1 September 1993 gives
    1 September 2033; September 1993 gives September 2033; 1993 gives the year 2033, which
    counts when any of it falls in the window.
    """
    found = []
    for pk, since in rows:
        if not since.is_known:
            continue
        for year in range(start.year, end.year + 1):
            years = year - since.year
            if not is_round_anniversary(years):
                continue
            on = PartialDate(year, since.month, since.day)
            if on.last_day() >= start and on.first_day() <= end:
                found.append((pk, years, on))
    return sorted(found, key=lambda item: (item[2].first_day(), item[0]))


def attention(*, today: dt.date, scope: Scope | None = None) -> Attention:
    """Everything the start page lists, in a constant number of queries; with a `scope`, only
    what is within the account's homes (`editors.scope`)."""
    scope = scope or Scope(is_national=True)
    result = Attention()
    partnerships = Partnership.objects.filter(home_filter(scope, "home"))
    sources = Source.objects.all()
    pending = Q(claims__review_status=ReviewStatus.PENDING)
    if scope.is_scoped:
        visible = claims_in(scope, Claim.objects.all()).values("pk")
        pending &= Q(claims__in=visible)
        sources = sources_in(scope, sources)
    with_pending = (
        Source.objects.annotate(pending=Count("claims", filter=pending))
        .filter(pending__gt=0)
        .order_by("-pending", "title")
    )
    result.sources_with_pending_claims = list(with_pending[:SHOWN])
    result.pending_claims = Source.objects.filter(pending).count()

    no_address = sources.filter(url="").order_by("title")
    result.sources_without_address = list(no_address[:SHOWN])
    result.sources_without_address_count = no_address.count()

    cutoff = _years_ago(today, QUIET_YEARS)
    quiet = (
        partnerships.current()
        .annotate(last_activity=Max("activities__starts_on"))
        .filter(Q(last_activity__lt=cutoff) | Q(last_activity__isnull=True))
        .select_related("home", "partner")
        # Never active first (on every database), then the longest quiet.
        .order_by(F("last_activity").asc(nulls_first=True), "slug")
    )
    result.quiet_partnerships = list(quiet[:SHOWN])
    result.quiet_partnerships_count = quiet.count()

    end = _years_ago(today, -1) - dt.timedelta(days=1)
    rows = list(partnerships.current().exclude(since="").values_list("pk", "since"))
    found = anniversaries_between(rows, today, end)
    partnerships = Partnership.objects.select_related("home", "partner").in_bulk(
        [pk for pk, _years, _on in found]
    )
    result.anniversaries = [Anniversary(partnerships[pk], years, on) for pk, years, on in found]

    undated = (
        Activity.objects.undated()
        .filter(home_filter(scope, "partnership__home"))
        .select_related("partnership__home", "partnership__partner")
        .order_by("-created_at")
    )
    result.undated_activities = list(undated[:SHOWN])
    result.undated_activities_count = undated.count()
    return result
