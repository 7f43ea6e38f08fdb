from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "citypartners.web"
    label = "web"
    verbose_name = "Public site"
