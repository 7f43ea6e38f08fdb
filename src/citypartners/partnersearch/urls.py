"""Partner search URLs, translated (/de/partnersuche/…, /en/partner-search/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.partnersearch import views

app_name = "partnersearch"

urlpatterns = [
    path(_("partner-search/"), views.search_list, name="list"),
    path(_("partner-search/<int:pk>/"), views.search_detail, name="detail"),
    path(_("partner-search/<int:pk>/answer/"), views.answer, name="answer"),
    path(_("partner-search/<int:pk>/sent/"), views.sent, name="sent"),
]
