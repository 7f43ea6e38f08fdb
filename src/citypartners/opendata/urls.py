"""Downloads: language-neutral addresses under /downloads/ (the API's data as files)."""

from django.urls import path

from citypartners.opendata import views

app_name = "downloads"

urlpatterns = [
    path("partnerships.csv", views.partnerships_csv, name="partnerships-csv"),
    path("partnerships.json", views.partnerships_json, name="partnerships-json"),
    path("activities.csv", views.activities_csv, name="activities-csv"),
    path("activities.json", views.activities_json, name="activities-json"),
    path("dataset.zip", views.dataset_zip, name="dataset-zip"),
    path(
        "partnerships.quickstatements.txt",
        views.quickstatements,
        name="partnerships-quickstatements",
    ),
    path("wikidata-geonames.rq", views.wikidata_lookup, name="wikidata-lookup"),
]
