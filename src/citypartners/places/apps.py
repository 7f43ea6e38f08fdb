from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "citypartners.places"
    label = "places"
    verbose_name = "Places"
