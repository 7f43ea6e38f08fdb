"""Writing activities: the first and last day an activity may stand for follow its dates."""

from __future__ import annotations

from citypartners.activities.models import Activity


def refresh_activity_dates(activity: Activity) -> None:
    """Set `starts_on`/`ends_on` from the partial dates (not saved; the caller saves)."""
    activity.starts_on = activity.starts.first_day()
    end = activity.ends if activity.ends.is_known else activity.starts
    activity.ends_on = end.last_day()
