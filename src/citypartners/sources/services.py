"""Who may see which sources and claims, and publishing a source.

Least privilege (issue 12): a document uploaded for ingestion and the claims read from it are
editors' work in progress. Until a reviewer accepts a claim from the source or publishes it,
the source is private: only signed-in reviewers see it and its unreviewed claims.
"""

from __future__ import annotations

from django.db import transaction

from citypartners.sources.models import Source


def sees_unreviewed(user) -> bool:
    """True for a signed-in reviewer (may decide on claims): they see private sources and
    unreviewed claims in the API; everyone else sees public sources and accepted claims."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("sources.change_claim")
    )


@transaction.atomic
def publish_source(*, source: Source) -> bool:
    """Make the source public (site, API, open data, search); False if it was already."""
    if source.is_public:
        return False
    source.is_public = True
    source.save(update_fields=["is_public", "modified_at"])
    return True
