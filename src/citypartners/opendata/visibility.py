"""What of the registry's unpublished part an open-data reader may see.

Private sources (uploads not yet published) and claims not yet accepted are editors' work in
progress. Anonymous readers and signed-in accounts that do not review see public sources and
accepted claims only. A signed-in reviewer sees, besides, the private rows within the homes it
works for, by the same rules as the back office (`editors.rules`, `editors.scope`): a borough's
reviewer reads its own borough's pending claims, never another borough's or the State's; the
State's reviewers read their boroughs' too; national accounts read everything. Lists are
filtered with the scope the rules compute; one record is checked with the rule itself.
"""

from __future__ import annotations

import rules
from django.http import HttpRequest

from citypartners.editors.scope import Scope, scope_of
from citypartners.opendata.http import signed_in_reviewer
from citypartners.sources.enums import ReviewStatus
from citypartners.sources.models import Claim, Source


def reader_scope(request: HttpRequest) -> Scope | None:
    """The signed-in reviewer's scope, or None for everyone who sees the public part only."""
    return scope_of(request.user) if signed_in_reviewer(request) else None


def may_read_source(request: HttpRequest, source: Source) -> bool:
    if source.is_public:
        return True
    return signed_in_reviewer(request) and rules.has_perm(
        "sources.view_source", request.user, source
    )


def may_read_claim(request: HttpRequest, claim: Claim) -> bool:
    if claim.review_status == ReviewStatus.ACCEPTED and claim.source.is_public:
        return True
    return signed_in_reviewer(request) and rules.has_perm("sources.view_claim", request.user, claim)
