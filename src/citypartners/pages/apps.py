from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "citypartners.pages"
    label = "pages"
    verbose_name = "Public pages"
