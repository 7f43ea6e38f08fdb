"""URL root: the public site per language, the back office, and language-neutral endpoints."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from citypartners.backoffice.two_factor import two_factor_view
from citypartners.core import health

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path(
        "backoffice/two-factor/",
        admin.site.admin_view(two_factor_view),
        name="backoffice-two-factor",
    ),
    path("backoffice/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("", include("citypartners.web.urls")),
    path("", include("citypartners.newsletter.urls")),
    path("", include("citypartners.network.urls")),
    prefix_default_language=True,
)
