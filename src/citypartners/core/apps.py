from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "citypartners.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from citypartners.core import checks, lookups  # noqa: F401  (checks registers itself)

        lookups.register()
