"""Downloads: language-neutral addresses under /downloads/ (the API's data as files)."""

from django.urls import path

from citypartners.opendata import views

app_name = "downloads"

urlpatterns = [
    path("partnerships.csv", views.download, {"name": "partnerships.csv"}, "partnerships-csv"),
    path("activities.csv", views.download, {"name": "activities.csv"}, "activities-csv"),
    path(
        "partnerships.json",
        views.download_in_language,
        {"stem": "partnerships"},
        "partnerships-json",
    ),
    path("activities.json", views.download_in_language, {"stem": "activities"}, "activities-json"),
    path("dataset.zip", views.download, {"name": "citypartners-dataset.zip"}, "dataset-zip"),
    path(
        "partnerships.quickstatements.txt",
        views.download,
        {"name": "partnerships.quickstatements.txt"},
        "partnerships-quickstatements",
    ),
    path(
        "wikidata-geonames.rq",
        views.download,
        {"name": "wikidata-geonames.rq"},
        "wikidata-lookup",
    ),
]
