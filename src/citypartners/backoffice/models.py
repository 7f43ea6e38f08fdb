"""The back office's own record: an append-only audit log of log-ins, failures and log-outs.

Changes to the registry are kept by django-reversion; this log adds who tried to get in, from
where and when, so an administrator can see a password being guessed or an account misused.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("log-in failed")
    LOGOUT = "logout", _("logged out")
    TWO_FACTOR_ENABLED = "2fa_enabled", _("two-factor authentication switched on")
    TWO_FACTOR_DISABLED = "2fa_disabled", _("two-factor authentication switched off")
    SUBSCRIBERS_EXPORTED = "subscribers_export", _("subscribers' data exported")


class AuditEvent(models.Model):
    """One security-relevant event in the back office."""

    kind = models.CharField(_("event"), max_length=20, choices=AuditKind.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    username = models.CharField(_("user name given"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
