"""A partnership's timeline: its status changes, milestones and activities in date order."""

from __future__ import annotations

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


def timeline_of(partnership: Partnership) -> list[TimelineEntry]:
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
    return sorted(dated, key=lambda entry: entry.dates.start.sort_key())
