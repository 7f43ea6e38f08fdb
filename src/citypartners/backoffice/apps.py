from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from citypartners.backoffice.roles import ensure_groups

    ensure_groups()


class BackofficeConfig(AppConfig):
    name = "citypartners.backoffice"
    label = "backoffice"
    verbose_name = "Back office"

    def ready(self):
        post_migrate.connect(_ensure_groups, sender=self)
