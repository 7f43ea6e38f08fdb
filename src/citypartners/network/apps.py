from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "citypartners.network"
    label = "network"
    verbose_name = "Organisations and contacts"
