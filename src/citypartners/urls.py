"""URL root: the public site per language, the back office, and language-neutral endpoints."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from citypartners.backoffice.two_factor import two_factor_view
from citypartners.core import health
from citypartners.editors.views import register_partnership
from citypartners.pages.sitemaps import SITEMAPS
from citypartners.pages.views import robots_txt
from citypartners.web.views import favicon

# Any database outage, in a view or in a middleware, answers the friendly 503 (core.resilience).
handler500 = "citypartners.core.resilience.server_error"

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path(
        "backoffice/two-factor/",
        admin.site.admin_view(two_factor_view),
        name="backoffice-two-factor",
    ),
    path(
        "backoffice/register-partnership/",
        admin.site.admin_view(register_partnership),
        name="backoffice-register-partnership",
    ),
    path("backoffice/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # An index of one file per section and page, so every partnership is listed at any size.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("citypartners.api.urls")),
    path("downloads/homes/", include("citypartners.homes.download_urls")),
    path("downloads/", include("citypartners.opendata.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("citypartners.web.urls")),
    path("", include("citypartners.opendata.page_urls")),
    path("", include("citypartners.newsletter.urls")),
    path("", include("citypartners.network.urls")),
    path("", include("citypartners.pages.urls")),
    path("", include("citypartners.editors.urls")),
    path("", include("citypartners.homes.urls")),
    path("", include("citypartners.national.urls")),
    path("", include("citypartners.partnersearch.urls")),
    prefix_default_language=True,
)
# Uploaded media (sign-language videos) are served by the web server in production.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
