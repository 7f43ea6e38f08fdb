"""Writing the audit log and switching two-factor authentication on and off."""

from __future__ import annotations

from django.http import HttpRequest
from django_otp import match_token
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
    *, kind: AuditKind, request: HttpRequest | None, username: str = "", user=None
) -> AuditEvent:
    event = AuditEvent(
        kind=kind,
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


def enable_two_factor(*, user, token: str, request: HttpRequest) -> bool:
    """Confirm the pending authenticator with a code from it; returns whether the code was right."""
    device = pending_device(user=user)
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_audit_event(kind=AuditKind.TWO_FACTOR_ENABLED, request=request, user=user)
    return True


def disable_two_factor(*, user, token: str, request: HttpRequest) -> bool:
    """Remove the user's authenticators, if a current code proves the user holds one."""
    if match_token(user, token.strip()) is None:
        return False
    TOTPDevice.objects.filter(user=user).delete()
    record_audit_event(kind=AuditKind.TWO_FACTOR_DISABLED, request=request, user=user)
    return True
