"""Public pages beyond the registry's core views, translated per language like web.urls."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from citypartners.pages import feeds, views

app_name = "pages"

urlpatterns = [
    path(_("activities/"), views.activity_calendar, name="activities"),
    path("feeds/activities.ics", feeds.ical_all, name="ical"),
    path("feeds/partnerships/<slug:slug>.ics", feeds.ical_partnership, name="ical_partnership"),
    path("feeds/news.atom", feeds.NewsFeed(), name="atom"),
    path("feeds/partnerships/<slug:slug>.atom", feeds.NewsFeed(), name="atom_partnership"),
    path(_("accessibility/"), views.accessibility_statement, name="accessibility"),
    path(_("report-a-barrier/"), views.report_a_barrier, name="report_barrier"),
    path(_("report-a-barrier/thanks/"), views.barrier_thanks, name="barrier_thanks"),
    path(_("easy-read/"), views.easy_read, name="easy_read"),
    path(_("sign-language/"), views.sign_language, name="sign_language"),
]
