"""Memberships, invitations and what a home's editors hand in.

`invite` records an invitation and enqueues its mail; the task calls `send_invitation`, which
makes a fresh single-use secret (only its SHA-256 is stored), sets how long it is valid and
sends the mail in the invitee's language. `accept_invitation` creates the home's first editor
with the password they chose; two-factor authentication is then required of the account
before anything else opens (`backoffice.services.two_factor_required`).

`register_partnership` is the registration form's write: a private source and one claim
waiting for review, exactly like a claim read from an ingested document, so national
reviewers decide it in the same review. When reviewers decide claims of a document a home
submitted, `send_review_decisions` (a background task) tells the home's office and the editor
who submitted it what was decided and why, in the home's language.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string

from citypartners.backoffice.claims import claim_sentence
from citypartners.backoffice.roles import EDITORS, REVIEWERS, ensure_groups
from citypartners.core.dates import PartialDate
from citypartners.core.slugs import slug_of
from citypartners.editors.enums import MembershipRole, SubmissionChannel
from citypartners.editors.models import Invitation, Membership, Submission
from citypartners.editors.scope import forget_scope
from citypartners.homes.models import Home
from citypartners.ingest import comparison
from citypartners.jobs.services import enqueue
from citypartners.messaging.emails import absolute_url, build_email
from citypartners.messaging.link_secrets import new_secret
from citypartners.messaging.smtp import send_or_retry
from citypartners.places.models import Place
from citypartners.sources.enums import ReviewStatus, SourceKind
from citypartners.sources.models import Claim, Source

SEND_INVITATION_TASK = "citypartners.editors.tasks.send_invitation"


@transaction.atomic
def grant_membership(*, user, home: Home, role: str = MembershipRole.EDITOR) -> Membership:
    """Make the account a member of the home in the role, and of the role's group."""
    ensure_groups()
    membership, _created = Membership.objects.update_or_create(
        user=user, home=home, defaults={"role": role}
    )
    membership.full_clean()
    group = REVIEWERS if role == MembershipRole.REVIEWER else EDITORS
    user.groups.add(Group.objects.get(name=group))
    forget_scope(user)
    return membership


# invitations -------------------------------------------------------------------------------------


class InvitationState(enum.StrEnum):
    VALID = "valid"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    INVALID = "invalid"


@transaction.atomic
def invite(*, home: Home, email: str, language: str, by) -> Invitation:
    """Record an invitation for the home's first editor and enqueue its mail."""
    invitation = Invitation(
        home=home, email=email.strip().lower(), language=language, invited_by=by
    )
    invitation.full_clean()
    invitation.save()
    enqueue(SEND_INVITATION_TASK, invitation=invitation.pk)
    return invitation


def invitation_url(secret: str, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("editors:join", kwargs={"token": secret}))


def send_invitation(*, invitation_id: int) -> bool:
    """Send the invitation with a fresh link (an earlier link stops working); False when there
    is nothing to send (accepted, or gone)."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("home__place")
            .filter(pk=invitation_id, accepted_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        secret, digest = new_secret()
        now = timezone.now()
        days = settings.CITYPARTNERS_INVITATION_DAYS
        invitation.token_hash = digest
        invitation.sent_at = now
        invitation.expires_at = now + dt.timedelta(days=days)
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        with translation.override(invitation.language):
            home_name = invitation.home.place.name
        message = build_email(
            "editors/email/invitation",
            language=invitation.language,
            context={
                "home": home_name,
                "join_url": invitation_url(secret, invitation.language),
                "days": days,
            },
            to=invitation.email,
        )
        send_or_retry(message)
    return True


def _judge(invitation: Invitation | None) -> InvitationState:
    if invitation is None:
        return InvitationState.INVALID
    if invitation.accepted_at is not None:
        return InvitationState.ACCEPTED
    if invitation.expires_at is None or invitation.expires_at <= timezone.now():
        return InvitationState.EXPIRED
    return InvitationState.VALID


def find_invitation(token: str) -> tuple[InvitationState, Invitation | None]:
    """What a link's secret opens: its state and the invitation."""
    invitation = (
        Invitation.objects.select_related("home__place").with_secret(token).first()
        if token
        else None
    )
    return _judge(invitation), invitation


def check_new_account(*, username: str, email: str, password: str) -> None:
    """Refuse a taken user name or a weak password (the site's password validators)."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": ValidationError(
            translation.gettext("This user name is taken; choose another."), code="taken"
        )})  # fmt: skip
    try:
        validate_password(password, User(username=username, email=email))
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error


@transaction.atomic
def accept_invitation(*, token: str, username: str, password: str):
    """Create the home's editor from a valid invitation; the new account (or ValidationError)."""
    invitation = Invitation.objects.select_for_update().with_secret(token).first()
    state = _judge(invitation)
    if state != InvitationState.VALID:
        raise ValidationError(state.value, code=state.value)
    check_new_account(username=username, email=invitation.email, password=password)
    User = get_user_model()
    user = User(username=username, email=invitation.email, is_staff=True)
    user.set_password(password)
    user.full_clean()
    user.save()
    grant_membership(user=user, home=invitation.home, role=MembershipRole.EDITOR)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


def joined_by_invitation(user) -> bool:
    """Accounts made from an invitation must always use two-factor authentication."""
    return bool(user.pk) and Invitation.objects.filter(user=user).accepted().exists()


# submissions -------------------------------------------------------------------------------------


def record_submission(
    *, source_id: int, home_id: int, user_id: int | None, upload: bool = False
) -> Submission:
    """Record that a home's editor handed in this source (once per source and home)."""
    submission, _created = Submission.objects.get_or_create(
        source_id=source_id,
        home_id=home_id,
        defaults={
            "submitted_by_id": user_id,
            "channel": SubmissionChannel.UPLOAD if upload else SubmissionChannel.FORM,
        },
    )
    return submission


@transaction.atomic
def register_partnership(
    *,
    home: Home,
    user,
    kind: str,
    since: PartialDate,
    partner: Place | None = None,
    partner_name: str = "",
    partner_country: str = "",
    title: str,
    publisher: str = "",
    url: str = "",
    copy: UploadedFile | None = None,
    language: str = "de",
    source_kind: str = SourceKind.OFFICIAL_PAGE,
    evidence: str = "",
) -> Claim:
    """A home registers one of its partnerships: a private source and a claim waiting for a
    national reviewer, who accepts it (the partnership is then created, citing the source) or
    rejects it with a reason, in the review of ingested documents."""
    if partner is None and not partner_name.strip():
        raise ValidationError(translation.gettext("Choose the partner or give its name."))
    if not (url or copy):
        raise ValidationError(
            translation.gettext("Give the source's public address or upload a copy of it.")
        )
    source = Source(
        key=f"{slug_of(title)[:80].strip('-') or 'source'}-{get_random_string(8).lower()}",
        title=title,
        publisher=publisher,
        url=url,
        language=language,
        kind=source_kind,
        retrieved_on=PartialDate.from_date(timezone.localdate()),
        is_public=False,
    )
    if copy is not None:
        source.copy = copy
    source.full_clean()
    source.save()
    city = partner.name_en if partner else partner_name.strip()
    value = {
        "home": home.place.slug,
        "city": city,
        "city_as_written": partner.name_de if partner else partner_name.strip(),
        "country": partner.country_code if partner else partner_country.strip().upper(),
        "geonames_id": partner.geonames_id if partner else None,
        "place": partner.slug if partner else None,
        "since": since.isoformat() or None,
        "precision": since.precision.value if since.is_known else None,
        "kind": kind,
    }
    with translation.override(language if language in ("de", "en") else "en"):
        stated = evidence.strip() or translation.gettext(
            "%(home)s states a partnership with %(city)s%(since)s."
        ) % {
            "home": home.place.name,
            "city": partner.name if partner else city,
            "since": f" ({since.format(language)})" if since.is_known else "",
        }
    verdict = comparison.compare_partner(home=home.place, value=value)
    claim = Claim(
        source=source,
        subject=f"partner:{value['geonames_id'] or value['place'] or city}"[:200],
        property="partner_since" if since.is_known else "partner",
        value=value,
        evidence_start=0,
        evidence_end=len(stated),
        evidence_text=stated,
        comparison=verdict.comparison,
        comparison_note=verdict.note,
    )
    claim.full_clean()
    claim.save()
    record_submission(source_id=source.pk, home_id=home.pk, user_id=user.pk)
    return claim


# decisions on what a home submitted ---------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """One decided claim as the mail tells it."""

    sentence: str
    is_accepted: bool
    reason: str


def _decision_recipients(submission: Submission) -> list[str]:
    """The home's office (its public address) and the editor who submitted, each once."""
    found = []
    office = submission.home.office
    if office is not None and office.email:
        found.append(office.email.strip().lower())
    editor = submission.submitted_by
    if editor is not None and editor.is_active and editor.email:
        found.append(editor.email.strip().lower())
    return list(dict.fromkeys(found))


def _decisions(claims: list[Claim], home: Home) -> list[Decision]:
    """The decisions told in the home's language, the home by its name (the active language
    must be the home's)."""
    names = dict(
        Place.objects.filter(slug__in={c.value.get("home") for c in claims} - {None}).values_list(
            "slug", f"name_{home.language}"
        )
    )
    return [
        Decision(
            sentence=claim_sentence(claim, names.get(claim.value.get("home"), home.place.name)),
            is_accepted=claim.review_status == ReviewStatus.ACCEPTED,
            reason=claim.rejection_reason,
        )
        for claim in claims
    ]


def send_review_decisions(*, submission_id: int) -> int:
    """Mail the decisions on a submitted document's claims that were not mailed yet to the
    home's office and the submitting editor, in the home's language; the number of decisions
    told (0 when there is nothing new or nobody to tell).

    One mail tells every decision taken since the last one, so a reviewer who decides ten
    claims in a row sends one or a few mails, not ten. The mark moves only after sending: a
    temporary failure is retried (`Retry`) and tells the same decisions again."""
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("home__place", "home__office", "source", "submitted_by")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None:
            return 0
        decided = submission.source.claims.exclude(review_status=ReviewStatus.PENDING).filter(
            reviewed_at__isnull=False
        )
        if submission.decisions_mailed_at is not None:
            decided = decided.filter(reviewed_at__gt=submission.decisions_mailed_at)
        claims = list(decided.order_by("reviewed_at", "pk"))
        if not claims:
            return 0
        home = submission.home
        language = home.language
        with translation.override(language):
            decisions = _decisions(claims, home)
            home_name = home.place.name
            review_url = absolute_url(
                reverse("admin:sources_claim_review_source", args=[submission.source_id])
            )
        context = {
            "home": home_name,
            "document": submission.source.title,
            "decisions": decisions,
            "accepted": sum(d.is_accepted for d in decisions),
            "rejected": sum(not d.is_accepted for d in decisions),
            "waiting": submission.source.claims.filter(review_status=ReviewStatus.PENDING).count(),
            "review_url": review_url,
        }
        for address in _decision_recipients(submission):
            send_or_retry(
                build_email(
                    "editors/email/review_decision",
                    language=language,
                    context=context,
                    to=address,
                )
            )
        submission.decisions_mailed_at = max(claim.reviewed_at for claim in claims)
        submission.save(update_fields=["decisions_mailed_at"])
    return len(claims)
