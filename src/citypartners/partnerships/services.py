"""Writing partnerships: recording dated status changes and keeping the current state in step."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from citypartners.core.dates import PartialDate
from citypartners.partnerships.enums import START_KINDS, STATUS_AFTER, Status, StatusKind
from citypartners.partnerships.models import Partnership, StatusChange
from citypartners.sources.models import Source


def derive_state(changes: Iterable[StatusChange]) -> tuple[str, PartialDate, PartialDate]:
    """(current status, in it since, partner since) from a history of status changes.

    Dated steps decide the current state in date order; an undated step only counts when no
    dated step exists. "Partner since" is the earliest dated signing or entry into force.
    """
    changes = list(changes)
    dated = sorted(
        (c for c in changes if c.on.is_known), key=lambda c: (c.on.sort_key(), c.position)
    )
    undated = [c for c in changes if not c.on.is_known]
    deciding = dated[-1] if dated else (undated[-1] if undated else None)
    if deciding is None:
        return Status.ACTIVE, PartialDate(), PartialDate()
    status = STATUS_AFTER[StatusKind(deciding.kind)]
    starts = [c.on for c in dated if c.kind in START_KINDS]
    return status, deciding.on, (min(starts) if starts else PartialDate())


def refresh_partnership_state(partnership: Partnership) -> bool:
    """Recompute status, status_since and since from the history; save only if they changed."""
    status, status_since, since = derive_state(partnership.status_changes.all())
    if (partnership.status, partnership.status_since, partnership.since) == (
        status,
        status_since,
        since,
    ):
        return False
    partnership.status, partnership.status_since, partnership.since = status, status_since, since
    partnership.save(update_fields=["status", "status_since", "since", "modified_at"])
    return True


@transaction.atomic
def record_status_change(
    *,
    partnership: Partnership,
    kind: StatusKind,
    on: PartialDate,
    sources: list[Source],
    note_de: str = "",
    note_en: str = "",
) -> StatusChange:
    """Add a dated, sourced step to the partnership's history and update its current state."""
    position = partnership.status_changes.count()
    change = StatusChange(
        partnership=partnership,
        kind=kind,
        on=on,
        note_de=note_de,
        note_en=note_en,
        position=position,
    )
    change.full_clean()
    change.save()
    change.sources.set(sources)
    refresh_partnership_state(partnership)
    return change
