"""Writing the audit log and switching two-factor authentication on and off."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from citypartners.backoffice.models import AuditEvent, AuditKind
from citypartners.core import clientaddr


def client_address(request: HttpRequest | None) -> str | None:
    """The proxy-aware client address (the same the rate limits and the lock-out use)."""
    if request is None:
        return None
    address = clientaddr.client_address(request)
    return None if address == clientaddr.UNKNOWN else address


def record_audit_event(
    *,
    kind: AuditKind,
    request: HttpRequest | None,
    username: str = "",
    user=None,
    detail: str = "",
) -> AuditEvent:
    event = AuditEvent(
        kind=kind,
        detail=detail[:300],
        username=(username or (user.get_username() if user else ""))[:150],
        user=user,
        ip_address=client_address(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:300],
    )
    event.full_clean()
    event.save()
    return event


def pending_device(*, user) -> TOTPDevice:
    """The user's authenticator being set up (created on first call, not yet confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


BACKUP_CODES = 10


def two_factor_required(user) -> bool:
    """Whether the account must use two-factor authentication in the back office: every account
    when `CITYPARTNERS_REQUIRE_TWO_FACTOR` is on, a superuser (`createeditor --admin`) and an
    account made from an invitation (a new home's editor, `editors.services`) always."""
    if settings.CITYPARTNERS_REQUIRE_TWO_FACTOR or user.is_superuser:
        return True
    from citypartners.editors.services import joined_by_invitation

    return joined_by_invitation(user)


def new_backup_codes(*, user) -> list[str]:
    """Replace the account's backup codes with new ones; each logs in once instead of a code
    from the authenticator (a lost phone). Shown once; django-otp keeps them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def enable_two_factor(*, user, token: str, request: HttpRequest) -> list[str] | None:
    """Confirm the pending authenticator with a code from it; returns the new backup codes, or
    None when the code was wrong. The session counts as verified from then on."""
    device = pending_device(user=user)
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_backup_codes(user=user)
    otp_login(request, device)
    record_audit_event(kind=AuditKind.TWO_FACTOR_ENABLED, request=request, user=user)
    return codes


def disable_two_factor(*, user, token: str, request: HttpRequest) -> bool:
    """Remove the user's authenticators, if a current code proves the user holds one."""
    if two_factor_required(user):  # required: it can be replaced, not switched off
        return False
    if match_token(user, token.strip()) is None:
        return False
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_audit_event(kind=AuditKind.TWO_FACTOR_DISABLED, request=request, user=user)
    return True
