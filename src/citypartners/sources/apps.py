from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "citypartners.sources"
    label = "sources"
    verbose_name = "Sources and claims"
