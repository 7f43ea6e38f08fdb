"""URL root: the public site per language, the back office, and language-neutral endpoints."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("backoffice/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("citypartners.api.urls")),
    path("downloads/", include("citypartners.opendata.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("citypartners.web.urls")),
    path("", include("citypartners.opendata.page_urls")),
    prefix_default_language=True,
)
