"""The public "Open data" page and the download files it links to.

Downloads are language-neutral URLs (`/downloads/…`) wrapped like the API with CORS, rate limit
and conditional GET; each file is written once per registry version (`opendata.files`) and then
served from disk. The page itself is a normal page of the public site.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from citypartners.opendata import exports, files, queries
from citypartners.opendata.http import cached_count, open_data_endpoint, request_language
from citypartners.pagecache.decorators import public_page


@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    context = {
        "partnership_count": cached_count(request, queries.partnerships()),
        "activity_count": cached_count(request, queries.activities(), queries.activity_count),
        "twinning_count": exports.twinning_rows(queries.partnerships()).count(),
    }
    return render(request, "opendata/open_data.html", context)


def _serve(request: HttpRequest, name: str, *, lang: str | None = None) -> FileResponse:
    available = exports.download_files()
    if name not in available:
        raise Http404("No such download")
    content_type, produce = available[name]
    path = files.ensure(name, produce, getattr(request, "registry_version", None))
    response = FileResponse(
        path.open("rb"), content_type=content_type, as_attachment=True, filename=name
    )
    if lang:
        response["Content-Language"] = lang
    return response


@open_data_endpoint
def download(request: HttpRequest, name: str) -> FileResponse:
    return _serve(request, name)


@open_data_endpoint
def download_in_language(request: HttpRequest, stem: str) -> FileResponse:
    """`partnerships.json?lang=en` → the file `partnerships-en.json`."""
    lang = request_language(request)
    return _serve(request, f"{stem}-{lang}.json", lang=lang)
