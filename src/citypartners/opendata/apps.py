from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "citypartners.opendata"
    label = "opendata"
    verbose_name = "Open data"

    def ready(self) -> None:
        from citypartners.opendata import versioning

        versioning.connect_signals()
