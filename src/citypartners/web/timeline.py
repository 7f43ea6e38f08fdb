"""A partnership's timeline: its status changes, milestones and activities in date order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from citypartners.core.dates import DateRange
from citypartners.partnerships.models import Partnership


@dataclass
class TimelineEntry:
    dates: DateRange
    title: str
    kind: str
    kind_label: str
    sources: list = field(default_factory=list)
    description: str = ""
    url: str = ""
    anchor: str = ""
    timing: str = "past"

    def place_in_time(self, today: dt.date) -> None:
        """Mark the entry upcoming, current or past (the marker shape and a word show it)."""
        first, last = self.dates.first_day(), self.dates.last_day()
        if first and first > today:
            self.timing = "upcoming"
        elif last and last >= today:
            self.timing = "current"


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def timeline_of(
    partnership: Partnership, today: dt.date | None = None, *, activities: bool = False
) -> list[TimelineEntry]:
    """Dated entries only, earliest first; undated facts are listed elsewhere on the page.

    The partnership page lists its activities in a section of their own, so its timeline holds
    the changes of state and the milestones only (``activities=False``). An entry whose title
    would repeat its kind ("In force: in force") has no title of its own.
    """
    entries = []
    for change in partnership.status_changes.all():
        label = change.get_kind_display()
        title = "" if _same(change.note, label) else change.note
        entries.append(
            TimelineEntry(
                DateRange(change.on),
                title,
                f"status-{change.kind}",
                label,
                list(change.sources.all()),
            )
        )
    for milestone in partnership.milestones.all():
        label = milestone.get_kind_display()
        entries.append(
            TimelineEntry(
                DateRange(milestone.on),
                "" if _same(milestone.title, label) else milestone.title,
                f"milestone-{milestone.kind}",
                label,
                list(milestone.sources.all()),
                milestone.description,
                anchor=f"milestone-{milestone.pk}",
            )
        )
    for activity in partnership.activities.all() if activities else ():
        entries.append(
            TimelineEntry(
                activity.dates,
                activity.title,
                f"activity-{activity.kind}",
                activity.get_kind_display(),
                list(activity.sources.all()),
                activity.description,
            )
        )
    dated = [entry for entry in entries if entry.dates.start.is_known]
    if today is not None:
        for entry in dated:
            entry.place_in_time(today)
    return sorted(dated, key=lambda entry: entry.dates.start.sort_key())
