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


def timeline_of(partnership: Partnership, today: dt.date | None = None) -> list[TimelineEntry]:
    """Dated entries only, earliest first; undated facts are listed elsewhere on the page."""
    entries = []
    for change in partnership.status_changes.all():
        label = change.get_kind_display()
        title = change.note or label
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
        entries.append(
            TimelineEntry(
                DateRange(milestone.on),
                milestone.title,
                f"milestone-{milestone.kind}",
                milestone.get_kind_display(),
                list(milestone.sources.all()),
                milestone.description,
                anchor=f"milestone-{milestone.pk}",
            )
        )
    for activity in partnership.activities.all():
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
