"""The public "Open data" page and the download files it links to.

Downloads are language-neutral URLs (`/downloads/…`) wrapped like the API with CORS, rate limit,
conditional GET and the response cache; the page itself is a normal page of the public site.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from citypartners.opendata import exports, queries, records
from citypartners.opendata.http import open_data_endpoint, request_language
from citypartners.opendata.versioning import current_version

CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"
DOWNLOADS = [
    "partnerships.csv",
    "partnerships.json",
    "activities.csv",
    "activities.json",
    "dataset.zip",
    "partnerships.quickstatements.txt",
    "wikidata-geonames.rq",
]


def open_data(request: HttpRequest) -> HttpResponse:
    context = {
        "partnership_count": queries.partnerships().count(),
        "activity_count": queries.activities().count(),
        "twinning_count": len(exports.twinnings(queries.partnerships())[0]),
    }
    return render(request, "opendata/open_data.html", context)


def _attachment(response: HttpResponse | StreamingHttpResponse, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@open_data_endpoint
def partnerships_csv(request: HttpRequest) -> StreamingHttpResponse:
    lines = exports.partnerships_csv(queries.partnerships())
    return _attachment(StreamingHttpResponse(lines, content_type=CSV), "partnerships.csv")


@open_data_endpoint
def activities_csv(request: HttpRequest) -> StreamingHttpResponse:
    lines = exports.activities_csv(queries.activities())
    return _attachment(StreamingHttpResponse(lines, content_type=CSV), "activities.csv")


@open_data_endpoint
def partnerships_json(request: HttpRequest) -> StreamingHttpResponse:
    lang = request_language(request)
    document = exports.json_document(
        name="partnerships",
        rows=queries.partnerships(),
        to_record=records.partnership_record,
        lang=lang,
        version=current_version().number,
    )
    response = StreamingHttpResponse(document, content_type=JSON)
    response["Content-Language"] = lang
    return _attachment(response, f"partnerships-{lang}.json")


@open_data_endpoint
def activities_json(request: HttpRequest) -> StreamingHttpResponse:
    lang = request_language(request)
    document = exports.json_document(
        name="activities",
        rows=queries.activities(),
        to_record=records.activity_record,
        lang=lang,
        version=current_version().number,
    )
    response = StreamingHttpResponse(document, content_type=JSON)
    response["Content-Language"] = lang
    return _attachment(response, f"activities-{lang}.json")


@open_data_endpoint
def dataset_zip(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(exports.dataset_zip(), content_type="application/zip")
    return _attachment(response, "citypartners-dataset.zip")


@open_data_endpoint
def quickstatements(request: HttpRequest) -> HttpResponse:
    text = exports.quickstatements(queries.partnerships())
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    return _attachment(response, "partnerships.quickstatements.txt")


@open_data_endpoint
def wikidata_lookup(request: HttpRequest) -> HttpResponse:
    text = exports.wikidata_lookup_query(queries.partnerships())
    response = HttpResponse(text, content_type="application/sparql-query; charset=utf-8")
    return _attachment(response, "wikidata-geonames.rq")
