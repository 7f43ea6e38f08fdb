"""A home's downloads, language-neutral like the site's: /downloads/homes/<slug>/…"""

from django.urls import path

from citypartners.homes import views

app_name = "home_downloads"

urlpatterns = [
    path("<slug:slug>/partnerships.csv", views.partnerships_csv, name="partnerships-csv"),
]
