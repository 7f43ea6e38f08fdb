"""The newsletter app."""

from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "citypartners.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"
