from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "citypartners.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
