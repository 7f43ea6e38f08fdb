"""/api/v1/: the ninja API's URLs, each view wrapped with the open-data HTTP behaviour.

Wrapping the views here (rather than a site-wide middleware) keeps CORS, the rate limit and the
response cache to the open-data addresses; the public pages are untouched.
"""

from django.urls import URLPattern, include, path

from citypartners.api.routers import api
from citypartners.opendata.http import open_data_endpoint

_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    path(
        "api/v1/",
        include(
            (
                [
                    URLPattern(p.pattern, open_data_endpoint(p.callback), p.default_args, p.name)
                    for p in _patterns
                ],
                _app_name,
            ),
            namespace=_namespace,
        ),
    )
]
