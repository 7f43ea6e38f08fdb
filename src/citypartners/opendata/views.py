"""The public "Open data" page and the download files it links to.

Downloads are language-neutral URLs (`/downloads/…`) wrapped like the API with CORS, rate limit
and conditional GET; each file is written once per registry version by a background task
(`opendata.files`) and then served from disk; until then the answer is 503 with Retry-After.
The page itself is a normal page of the public site.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from citypartners.opendata import exports, files, queries
from citypartners.opendata.http import cached_count, open_data_endpoint, request_language
from citypartners.opendata.versioning import current_version
from citypartners.pagecache.decorators import public_page


@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    context = {
        "partnership_count": cached_count(request, queries.partnerships()),
        "activity_count": cached_count(request, queries.activities(), queries.activity_count),
        "twinning_count": exports.twinning_rows(queries.partnerships()).count(),
    }
    return render(request, "opendata/open_data.html", context)


RETRY_AFTER_SECONDS = 30


def _serve(request: HttpRequest, name: str, *, lang: str | None = None) -> HttpResponse:
    available = exports.download_files()
    if name not in available:
        raise Http404("No such download")
    content_type, _produce = available[name]
    version = getattr(request, "registry_version", None) or current_version()
    path = files.path_for(name, version)
    if not path.exists():
        # Written by a worker, never in a request (minutes at national size); the first server
        # to ask enqueues it, once for all servers.
        files.request_build(version)
        response = HttpResponse(
            _("This file is being written for the latest registry. Please try again shortly."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    response = FileResponse(
        path.open("rb"), content_type=content_type, as_attachment=True, filename=name
    )
    if lang:
        response["Content-Language"] = lang
    return response


@open_data_endpoint
def download(request: HttpRequest, name: str) -> HttpResponse:
    return _serve(request, name)


@open_data_endpoint
def download_in_language(request: HttpRequest, stem: str) -> HttpResponse:
    """`partnerships.json?lang=en` → the file `partnerships-en.json`."""
    lang = request_language(request)
    return _serve(request, f"{stem}-{lang}.json", lang=lang)
