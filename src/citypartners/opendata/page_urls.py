"""The "Open data" page, inside the language prefix (/de/offene-daten/, /en/open-data/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.opendata import views

app_name = "opendata"

urlpatterns = [path(_("open-data/"), views.open_data, name="page")]
