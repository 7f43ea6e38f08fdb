"""Public network URLs: who is active where, contacting them, proposing a project."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.network import views

app_name = "network"

urlpatterns = [
    path(_("network/"), views.overview, name="overview"),
    path(_("network/propose/"), views.propose, name="propose"),
    path(_("network/propose/thanks/"), views.propose_thanks, name="propose_thanks"),
    path(_("network/contact/<int:pk>/"), views.contact_person, name="contact"),
    path(_("network/contact/<int:pk>/sent/"), views.contact_sent, name="contact_sent"),
    path(_("network/<slug:slug>/"), views.partnership_network, name="partnership"),
]
