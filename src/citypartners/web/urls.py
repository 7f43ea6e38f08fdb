"""Public URLs, translated per language (/de/partnerschaften/…, /en/partnerships/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.pages.views import prose_page
from citypartners.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("partnerships/<slug:slug>/"), views.partnership_detail, name="partnership"),
    path(_("contact/"), views.contact, name="contact"),
    path(_("search/"), views.search, name="search"),
    path(_("sources/"), views.source_list, name="sources"),
    path(_("sources/<slug:key>/"), views.source_detail, name="source"),
    path(_("privacy/"), prose_page, {"name": "privacy"}, name="privacy"),
    path(_("imprint/"), prose_page, {"name": "imprint"}, name="imprint"),
]
