from django.apps import AppConfig


class EditorsConfig(AppConfig):
    name = "citypartners.editors"
    label = "editors"
    verbose_name = "Editors and their homes"

    def ready(self):
        # The object-level permission rules (django-rules) are declared on import.
        from citypartners.editors import rules  # noqa: F401
