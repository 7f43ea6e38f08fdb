from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from citypartners.backoffice.roles import ensure_groups

    ensure_groups()


def _audit(kind):
    def handler(sender, request=None, user=None, credentials=None, **kwargs):
        from citypartners.backoffice.services import record_audit_event

        username = (credentials or {}).get("username", "")
        record_audit_event(kind=kind, request=request, user=user, username=username)

    return handler


class BackofficeConfig(AppConfig):
    name = "citypartners.backoffice"
    label = "backoffice"
    verbose_name = "Back office"

    def ready(self):
        from citypartners.backoffice.models import AuditKind

        post_migrate.connect(_ensure_groups, sender=self)
        user_logged_in.connect(_audit(AuditKind.LOGIN), weak=False, dispatch_uid="audit-login")
        user_logged_out.connect(_audit(AuditKind.LOGOUT), weak=False, dispatch_uid="audit-logout")
        user_login_failed.connect(
            _audit(AuditKind.LOGIN_FAILED), weak=False, dispatch_uid="audit-failed"
        )
