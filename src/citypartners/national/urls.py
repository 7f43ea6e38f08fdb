"""The national overview's URL, translated (/de/bundesweit/, /en/national/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.national import views

app_name = "national"

urlpatterns = [
    path(_("national/"), views.overview, name="overview"),
]
