"""Homes' sections, translated per language: /de/bezirke/<slug>/, /en/boroughs/<slug>/ for a
borough, /de/orte/<slug>/, /en/places/<slug>/ for any other home (decision record 0023)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.homes import feeds, views

app_name = "homes"

urlpatterns = [
    path(_("boroughs/"), views.borough_list, name="boroughs"),
    path(_("boroughs/<slug:slug>/"), views.borough, name="borough"),
    path(_("places/<slug:slug>/"), views.home_section, name="home"),
    path("feeds/homes/<slug:slug>.ics", views.ical, name="ical"),
    path("feeds/homes/<slug:slug>.atom", feeds.HomeNewsFeed(), name="atom"),
]
