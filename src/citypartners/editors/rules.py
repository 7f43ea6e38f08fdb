"""Object-level permissions (django-rules): what an account may do with one record.

Each rule is registered under Django's own permission name (`partnerships.change_partnership`),
so `user.has_perm(name, obj)` answers for one record and the admin asks the same question
(`backoffice.scoping`). A rule combines the model permission the account's groups give (what
kind of work: editor, reviewer, administrator) with its scope (where: the homes of its
memberships and the homes below them, `editors.scope`):

- a home's records (partnerships, their history, milestones, topics, organisations' roles,
  activities, proposals, programmes): the account's homes only;
- sources: those the account's homes submitted or their records cite;
- claims: seen for documents the account's homes submitted or about its homes; decided only by
  reviewers whose reviewer membership covers the claim's home, or national reviewers;
- shared records (places, topics, organisations, contacts, the newsletter): changed by national
  accounts and the default home's members; any editor may add a place (a new partner city).
"""

from __future__ import annotations

from collections.abc import Callable

import rules
from django.contrib.auth.backends import ModelBackend

from citypartners.editors.scope import claim_home_slug, claims_in, scope_of, sources_in
from citypartners.homes.models import Home

_model_backend = ModelBackend()
ACTIONS = ("view", "add", "change", "delete")


def _model_perm(perm: str) -> rules.Predicate:
    """What the account's groups allow for the model as a whole (Django's ModelBackend)."""

    @rules.predicate(name=f"model perm {perm}")
    def allowed(user) -> bool:
        return _model_backend.has_perm(user, perm)

    return allowed


def covers_place(user, place_id: int | None) -> bool:
    """Whether a record whose home is this place is within the account's scope."""
    scope = scope_of(user)
    if scope.is_national:
        return True
    if place_id is None:
        return False
    if place_id in scope.place_ids:
        return True
    return scope.keeps_shared and not Home.objects.filter(place_id=place_id).exists()


def _partnership_home(obj) -> int | None:
    partnership = getattr(obj, "partnership", None) if obj.partnership_id else None
    return partnership.home_id if partnership is not None else None


# (app label, model) → the place a record belongs to.
HOME_OF: dict[tuple[str, str], Callable[[object], int | None]] = {
    ("partnerships", "partnership"): lambda obj: obj.home_id,
    ("partnerships", "programme"): lambda obj: obj.home_id,
    ("partnerships", "statuschange"): _partnership_home,
    ("partnerships", "milestone"): _partnership_home,
    ("partnerships", "partnershiptopic"): _partnership_home,
    ("partnerships", "partnershiporganisation"): _partnership_home,
    ("activities", "activity"): _partnership_home,
    ("network", "proposal"): _partnership_home,
}
# Records of no single home: kept by national accounts and the default home's members.
SHARED = [
    ("places", "place"),
    ("places", "placealias"),
    ("partnerships", "topic"),
    ("network", "organisation"),
    ("network", "contactperson"),
    ("newsletter", "edition"),
    ("newsletter", "editionsection"),
    ("newsletter", "consenttext"),
]


def _in_home_scope(home_of: Callable[[object], int | None]) -> rules.Predicate:
    @rules.predicate
    def in_scope(user, obj) -> bool:
        if obj is None:  # the list as a whole: rows are filtered by scope
            return True
        return covers_place(user, home_of(obj))

    return in_scope


@rules.predicate
def keeps_shared_records(user) -> bool:
    return scope_of(user).keeps_shared


@rules.predicate
def is_national(user) -> bool:
    return scope_of(user).is_national


@rules.predicate
def source_in_scope(user, source) -> bool:
    if source is None:
        return True
    scope = scope_of(user)
    if scope.is_national:
        return True
    if source.pk is None:
        return True  # a new source: the account adds it where it cites it
    return sources_in(scope, type(source).objects.filter(pk=source.pk)).exists()


@rules.predicate
def claim_in_scope(user, claim) -> bool:
    if claim is None:
        return True
    scope = scope_of(user)
    return scope.is_national or claims_in(scope, type(claim).objects.filter(pk=claim.pk)).exists()


@rules.predicate
def reviews_claim(user, claim) -> bool:
    if claim is None:
        return True
    return scope_of(user).reviews_place(claim_home_slug(claim))


def _declare() -> None:
    for (app, model), home_of in HOME_OF.items():
        in_scope = _in_home_scope(home_of)
        for action in ACTIONS:
            perm = f"{app}.{action}_{model}"
            rules.set_perm(perm, _model_perm(perm) & in_scope)
    for app, model in SHARED:
        for action in ACTIONS:
            perm = f"{app}.{action}_{model}"
            if action == "view" or (app, model, action) == ("places", "place", "add"):
                rules.set_perm(perm, _model_perm(perm))
            else:
                rules.set_perm(perm, _model_perm(perm) & keeps_shared_records)
    for action in ("view", "add", "change"):
        perm = f"sources.{action}_source"
        rules.set_perm(perm, _model_perm(perm) & source_in_scope)
    rules.set_perm("sources.delete_source", _model_perm("sources.delete_source") & is_national)
    rules.set_perm("sources.view_claim", _model_perm("sources.view_claim") & claim_in_scope)
    rules.set_perm("sources.add_claim", _model_perm("sources.add_claim"))
    rules.set_perm("sources.delete_claim", _model_perm("sources.delete_claim") & is_national)
    rules.set_perm(
        "sources.change_claim", _model_perm("sources.change_claim") & claim_in_scope & reviews_claim
    )
    # Inviting a new home's first editor: national reviewers (and administrators).
    for action in ("view", "add", "change", "delete"):
        perm = f"editors.{action}_invitation"
        rules.set_perm(perm, _model_perm(perm) & is_national)


_declare()
