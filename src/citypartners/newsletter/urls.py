"""Newsletter URLs, translated per language (/de/newsletter/…, /en/newsletter/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path(_("newsletter/"), views.subscribe, name="subscribe"),
    path(_("newsletter/thanks/"), views.thanks, name="thanks"),
    path(_("newsletter/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("newsletter/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(_("newsletter/preferences/<str:token>/"), views.preferences, name="preferences"),
]
