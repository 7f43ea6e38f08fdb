"""Reading editors' memberships and their homes' submissions."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from citypartners.editors.models import Membership, Submission
from citypartners.sources.enums import ReviewStatus


def memberships_of(user) -> QuerySet[Membership]:
    """The account's homes, each with its role, the home's place and the home above it."""
    return (
        Membership.objects.filter(user=user)
        .select_related("home__place", "home__parent__place")
        .order_by("home__position", "home__slug")
    )


def submissions_of(home_ids, *, limit: int = 8) -> list[Submission]:
    """The newest submissions of these homes, each with its claims still waiting."""
    return list(
        Submission.objects.filter(home_id__in=home_ids)
        .select_related("source", "home__place")
        .annotate(
            waiting=Count(
                "source__claims", filter=Q(source__claims__review_status=ReviewStatus.PENDING)
            )
        )
        .order_by("-created_at")[:limit]
    )
