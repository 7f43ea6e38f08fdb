from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "citypartners.api"
    label = "api"
    verbose_name = "Open data API"
