from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "citypartners.search"
    label = "search"
    verbose_name = "Search"
