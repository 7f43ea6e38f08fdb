from django.apps import AppConfig


class DatasetConfig(AppConfig):
    name = "citypartners.dataset"
    label = "dataset"
    verbose_name = "Dataset"
