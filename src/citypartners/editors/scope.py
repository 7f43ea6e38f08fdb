"""An account's scope: the homes whose records it may edit or review, read once per request.

A membership covers its home and every home below it (the State of Berlin covers its
boroughs, through `Home.parent`). National accounts (the national group, administrators,
superusers) cover everything. Records that belong to no home (places, topics, organisations,
the newsletter, and partnerships whose home place is no `Home`, such as Germany's bilateral
dialogues) are kept by national accounts and by the members of the installation's default
home (`CITYPARTNERS_HOME`), the office that runs the site.

The scope is computed with one query per level of homes and kept on the user object, so a
request asks for it once however many permissions it checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from citypartners.backoffice.roles import ADMINISTRATORS, NATIONAL
from citypartners.editors.enums import MembershipRole
from citypartners.editors.models import Membership, Submission
from citypartners.homes.models import Home
from citypartners.sources.enums import ReviewStatus

_CACHE = "_editor_scope"


@dataclass(frozen=True)
class Scope:
    """What an account covers. Place ids are what `Partnership.home` points to."""

    is_national: bool = False
    keeps_shared: bool = False
    home_ids: frozenset[int] = frozenset()
    place_ids: frozenset[int] = frozenset()
    place_slugs: frozenset[str] = frozenset()
    review_home_ids: frozenset[int] = frozenset()
    review_place_slugs: frozenset[str] = frozenset()

    @property
    def is_scoped(self) -> bool:
        return not self.is_national

    def covers_place(self, place_id: int | None, *, is_home: bool = True) -> bool:
        """Whether a record whose home is this place is the account's to edit."""
        if self.is_national:
            return True
        if not is_home:
            return self.keeps_shared
        return place_id in self.place_ids

    def reviews_place(self, slug: str) -> bool:
        return self.is_national or slug in self.review_place_slugs


def _below(rows: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(home id, place id, place slug) of these homes and of every home below them: one query
    per level of homes below."""
    found: dict[int, tuple[int, int, str]] = {}
    while rows:
        for row in rows:
            found[row[0]] = row
        frontier = [row[0] for row in rows]
        rows = [
            row
            for row in Home.objects.filter(parent_id__in=frontier).values_list(
                "pk", "place_id", "place__slug"
            )
            if row[0] not in found
        ]
    return list(found.values())


def is_national(user) -> bool:
    """Superusers and the national and administrator groups cover every home."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[NATIONAL, ADMINISTRATORS]).exists()


def scope_of(user) -> Scope:
    """The account's scope, computed once per user object (that is, per request)."""
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if not (user and user.is_authenticated and user.is_active):
        scope = Scope()
    elif is_national(user):
        scope = Scope(is_national=True, keeps_shared=True)
    else:
        memberships = list(
            Membership.objects.filter(user=user).values_list(
                "home_id", "home__place_id", "home__place__slug", "role"
            )
        )
        homes = _below([(home, place, slug) for home, place, slug, _role in memberships])
        reviewing = _below(
            [
                (home, place, slug)
                for home, place, slug, role in memberships
                if role == MembershipRole.REVIEWER
            ]
        )
        scope = Scope(
            keeps_shared=any(m[2] == settings.CITYPARTNERS_HOME for m in memberships),
            home_ids=frozenset(pk for pk, _place, _slug in homes),
            place_ids=frozenset(place for _pk, place, _slug in homes),
            place_slugs=frozenset(slug for _pk, _place, slug in homes),
            review_home_ids=frozenset(pk for pk, _place, _slug in reviewing),
            review_place_slugs=frozenset(slug for _pk, _place, slug in reviewing),
        )
    if user is not None:
        setattr(user, _CACHE, scope)
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope (after the account's memberships changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


# Filters for lists: what part of each list is the account's. ----------------------------------


def home_filter(scope: Scope, path: str) -> Q:
    """Rows whose home place (at `path`, such as "home" or "partnership__home") is in scope;
    rows whose home place is no home count when the account keeps shared records."""
    if scope.is_national:
        return Q()
    q = Q(**{f"{path}_id__in": scope.place_ids})
    if scope.keeps_shared:
        q |= Q(**{f"{path}__as_home__isnull": True})
    return q


def places_for_homes(scope: Scope, places: QuerySet) -> QuerySet:
    """The places an account may choose as a record's home."""
    if scope.is_national:
        return places
    q = Q(pk__in=scope.place_ids)
    if scope.keeps_shared:
        q |= Q(as_home__isnull=True)
    return places.filter(q)


def sources_in(scope: Scope, sources: QuerySet) -> QuerySet:
    """Sources the account's homes submitted, or that records of its homes cite; for the
    default home's members also the sources no home submitted (the office's own)."""
    if scope.is_national:
        return sources
    from citypartners.activities.models import Activity
    from citypartners.partnerships.models import Milestone, Partnership, StatusChange

    cited = (
        Q(pk__in=Submission.objects.filter(home_id__in=scope.home_ids).values("source_id"))
        | Q(pk__in=Partnership.sources.through.objects.filter(
            partnership__in=Partnership.objects.filter(home_filter(scope, "home"))
        ).values("source_id"))
        | Q(pk__in=StatusChange.sources.through.objects.filter(
            statuschange__partnership__in=Partnership.objects.filter(home_filter(scope, "home"))
        ).values("source_id"))
        | Q(pk__in=Milestone.sources.through.objects.filter(
            milestone__partnership__in=Partnership.objects.filter(home_filter(scope, "home"))
        ).values("source_id"))
        | Q(pk__in=Activity.sources.through.objects.filter(
            activity__partnership__in=Partnership.objects.filter(home_filter(scope, "home"))
        ).values("source_id"))
    )  # fmt: skip
    if scope.keeps_shared:
        # the office that runs the site keeps its own sources: those no home handed in
        cited |= ~Q(pk__in=Submission.objects.values("source_id"))
    return sources.filter(cited)


def claims_in(scope: Scope, claims: QuerySet) -> QuerySet:
    """Claims of documents the account's homes submitted, or about the account's homes; for the
    default home's members also the claims of documents no home handed in (the office's own
    uploads, whose claims without a home are the default home's, `claim_home_slug`)."""
    if scope.is_national:
        return claims
    submitted = Submission.objects.filter(home_id__in=scope.home_ids).values("source_id")
    q = Q(source_id__in=submitted) | Q(value__home__in=sorted(scope.place_slugs))
    if scope.keeps_shared:
        q |= ~Q(source_id__in=Submission.objects.values("source_id"))
    return claims.filter(q)


def readable_sources(scope: Scope, sources: QuerySet) -> QuerySet:
    """Public sources and, of the private ones, those within the account's scope: what the back
    office lets it open (`sources.view_source`) and the open-data API shows it."""
    if scope.is_national:
        return sources
    return sources.filter(
        Q(is_public=True) | Q(pk__in=sources_in(scope, sources.model.objects.all()).values("pk"))
    )


def readable_claims(scope: Scope, claims: QuerySet) -> QuerySet:
    """Accepted claims of public sources and, of the rest, those within the account's scope
    (`sources.view_claim`): a borough's reviewer never reads another home's pending claims."""
    if scope.is_national:
        return claims
    within = claims_in(scope, claims.model.objects.all()).values("pk")
    return claims.filter(
        Q(review_status=ReviewStatus.ACCEPTED, source__is_public=True) | Q(pk__in=within)
    )


def claim_home_slug(claim) -> str:
    """The home a claim is about: the one it names, else the home that submitted its document,
    else the installation's default home (the office that ingested it)."""
    slug = (claim.value or {}).get("home")
    if slug:
        return slug
    submitted = (
        Submission.objects.filter(source_id=claim.source_id)
        .order_by("created_at")
        .values_list("home__place__slug", flat=True)
        .first()
    )
    return submitted or settings.CITYPARTNERS_HOME


def decidable_claims(user, claims: list) -> set[int]:
    """Ids of the claims (of one document or a few) the account may accept or reject, read in
    a fixed number of queries: it needs the reviewers' permission, the claim within its scope,
    and a reviewer membership covering the claim's home (national reviewers: every claim)."""
    from django.contrib.auth.backends import ModelBackend

    if not claims or not ModelBackend().has_perm(user, "sources.change_claim"):
        return set()
    scope = scope_of(user)
    if scope.is_national:
        return {claim.pk for claim in claims}
    model = type(claims[0])
    ids = [claim.pk for claim in claims]
    visible = set(claims_in(scope, model.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    submitted = dict(
        Submission.objects.filter(source_id__in={claim.source_id for claim in claims})
        .order_by("-created_at")
        .values_list("source_id", "home__place__slug")
    )
    found = set()
    for claim in claims:
        slug = (claim.value or {}).get("home") or submitted.get(claim.source_id)
        slug = slug or settings.CITYPARTNERS_HOME
        if claim.pk in visible and scope.reviews_place(slug):
            found.add(claim.pk)
    return found
