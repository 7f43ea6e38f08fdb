"""The public side of invitations, translated per language (/de/mitmachen/…, /en/join/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.editors import views

app_name = "editors"

urlpatterns = [
    path(_("join/<str:token>/"), views.join, name="join"),
]
