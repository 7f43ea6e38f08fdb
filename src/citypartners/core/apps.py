from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "citypartners.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from citypartners.core import lookups

        lookups.register()
