from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "citypartners.activities"
    label = "activities"
    verbose_name = "Activities"
