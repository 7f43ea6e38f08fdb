"""The messaging helpers app (no models: templates and translations only)."""

from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "citypartners.messaging"
    label = "messaging"
    verbose_name = "Messaging"
