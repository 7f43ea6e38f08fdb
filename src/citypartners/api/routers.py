"""The read-only open-data API, version 1: lists with filters and pages, and one record each.

Views only translate the query into a selector call (`opendata.queries`) and the rows into
records (`opendata.records`); caching, ETags, CORS and the rate limit wrap every view in
`api.urls`. Every list costs the same number of queries whatever the page size or data size.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Path, Query, Router
from ninja.openapi.docs import Swagger

from citypartners.api import schemas
from citypartners.opendata import queries, records, value_records
from citypartners.opendata.http import cached_count, request_language
from citypartners.opendata.visibility import may_read_claim, may_read_source, reader_scope

DESCRIPTION = """Read-only open data of the partnership registry: partnerships with their dated,
sourced history, places, activities, organisations, topics, sources and claims.

* Translated fields come in the language of `lang` (de, en), else of `Accept-Language`,
  else German; `Content-Language` says which.
* Dates are ISO strings cut to the precision the sources state (`1993`, `1993-09`,
  `1993-09-01`) with a `precision` field; unknown dates are `null` with precision `unknown`.
* Lists are ordered stably and paged (`page`, `page_size` up to 200) with a total `count`.
* Every response carries `ETag` and `Last-Modified`; send `If-None-Match` or
  `If-Modified-Since` to get `304 Not Modified` while the registry is unchanged.
* Claims not yet accepted, and sources not yet public, are served only to signed-in reviewers
  of the back office (their session), and only those of the homes they work for; everyone
  else sees accepted claims and public sources.
* Anyone may call the API from any origin (CORS). Requests per client IP are limited; past the
  limit the answer is `429` with `Retry-After`. For bulk use, download the files on the
  "Open data" page instead.
"""

api = NinjaAPI(
    title="citypartners open data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

DETAIL_ERRORS = {404: schemas.ErrorOut, 422: schemas.ErrorOut}


def json_response(data: dict, lang: str) -> HttpResponse:
    """The record(s) as JSON, written directly.

    Returning an HttpResponse skips ninja's validation of the output against the response
    schema, about a fifth of a list's time; the schemathesis tests check that every answer
    conforms to the schema instead.
    """
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Language"] = lang
    return response


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"


def paginate(
    request: HttpRequest,
    response: HttpResponse,
    rows: QuerySet,
    to_record: Callable[[Any, str], dict],
    paging: schemas.Paging,
    counter: Callable[[], int] | None = None,
    page_records: Callable[[QuerySet, str], list[dict]] | None = None,
) -> HttpResponse:
    """One page of records with the total count and links to the neighbouring pages.

    `page_records` builds the records of a sliced queryset at once (from plain values, see
    `opendata.value_records`) instead of `to_record` on each model instance."""
    lang = request_language(request)
    count = cached_count(request, rows, counter)
    start = (paging.page - 1) * paging.page_size
    if start >= count:
        results = []
    elif page_records is not None:
        results = page_records(rows[start : start + paging.page_size], lang)
    else:
        results = [to_record(row, lang) for row in rows[start : start + paging.page_size]]
    pages = max(1, math.ceil(count / paging.page_size))
    return json_response(
        {
            "count": count,
            "page": paging.page,
            "page_size": paging.page_size,
            "pages": pages,
            "next": _page_link(request, paging.page + 1) if paging.page < pages else None,
            "previous": (
                _page_link(request, min(paging.page - 1, pages)) if paging.page > 1 else None
            ),
            "results": results,
        },
        lang,
    )


def _one(
    request: HttpRequest,
    find: Callable[[], Model],
    to_record: Callable[..., dict],
    may_read: Callable[[HttpRequest, Model], bool] | None = None,
) -> HttpResponse:
    """The record of the row `find` returns, in the request's language.

    404 when there is none, or when `may_read` (the back office's rule for the row, which has
    the last word over the list's filter) says the reader may not see it.
    """
    lang = request_language(request)
    try:
        row = find()
    except ObjectDoesNotExist:
        raise Http404("No such record") from None
    if may_read is not None and not may_read(request, row):
        raise Http404("No such record")
    return json_response(to_record(row, lang), lang)


def _filters(query: schemas.Paging, cls):
    values = query.dict(exclude={"lang", "page", "page_size"})
    return cls(**values)


partnerships_router = Router(tags=["partnerships"])


@partnerships_router.get(
    "",
    response={200: schemas.PartnershipPage, 422: schemas.ErrorOut},
    url_name="list_partnerships",
    summary="All partnerships",
)
def list_partnerships(
    request: HttpRequest, response: HttpResponse, query: Query[schemas.PartnershipQuery]
):
    """Published partnerships by slug, with places, state, history, topics and sources."""
    rows = queries.partnerships(_filters(query, queries.PartnershipFilters))
    return paginate(
        request,
        response,
        rows,
        records.partnership_record,
        query,
        page_records=value_records.partnership_records,
    )


@partnerships_router.get(
    "/{slug}",
    response={200: schemas.PartnershipDetailOut, **DETAIL_ERRORS},
    url_name="partnership",
    summary="One partnership",
)
def get_partnership(
    request: HttpRequest,
    response: HttpResponse,
    slug: Annotated[str, Path(pattern=schemas.SLUG_PATTERN)],
    query: Query[schemas.DetailQuery],
):
    """A partnership with milestones and organisations' roles as well."""
    return _one(
        request,
        lambda: queries.partnership(slug),
        partial(records.partnership_record, detail=True),
    )


activities_router = Router(tags=["activities"])


@activities_router.get(
    "",
    response={200: schemas.ActivityPage, 422: schemas.ErrorOut},
    url_name="list_activities",
    summary="All activities",
)
def list_activities(
    request: HttpRequest, response: HttpResponse, query: Query[schemas.ActivityQuery]
):
    """Activities by first day (undated last); `date_from`/`date_to` select overlapping ones."""
    filters = _filters(query, queries.ActivityFilters)
    rows = queries.activities(filters)
    return paginate(
        request,
        response,
        rows,
        records.activity_record,
        query,
        counter=lambda: queries.activity_count(filters, rows),
        page_records=value_records.activity_records,
    )


@activities_router.get(
    "/{slug}",
    response={200: schemas.ActivityOut, **DETAIL_ERRORS},
    url_name="activity",
    summary="One activity",
)
def get_activity(
    request: HttpRequest,
    response: HttpResponse,
    slug: Annotated[str, Path(pattern=schemas.SLUG_PATTERN)],
    query: Query[schemas.DetailQuery],
):
    return _one(request, lambda: queries.activities().get(slug=slug), records.activity_record)


places_router = Router(tags=["places"])


@places_router.get(
    "",
    response={200: schemas.PlacePage, 422: schemas.ErrorOut},
    url_name="list_places",
    summary="All places",
)
def list_places(request: HttpRequest, response: HttpResponse, query: Query[schemas.PlaceQuery]):
    """Countries, states, cities and boroughs by slug, with coordinates, GeoNames id, aliases."""
    rows = queries.places(_filters(query, queries.PlaceFilters))
    return paginate(request, response, rows, records.place_record, query)


@places_router.get(
    "/{slug}",
    response={200: schemas.PlaceOut, **DETAIL_ERRORS},
    url_name="place",
    summary="One place",
)
def get_place(
    request: HttpRequest,
    response: HttpResponse,
    slug: Annotated[str, Path(pattern=schemas.SLUG_PATTERN)],
    query: Query[schemas.DetailQuery],
):
    return _one(request, lambda: queries.places().get(slug=slug), records.place_record)


organisations_router = Router(tags=["organisations"])


@organisations_router.get(
    "",
    response={200: schemas.OrganisationPage, 422: schemas.ErrorOut},
    url_name="list_organisations",
    summary="All organisations",
)
def list_organisations(
    request: HttpRequest, response: HttpResponse, query: Query[schemas.OrganisationQuery]
):
    rows = queries.organisations(_filters(query, queries.OrganisationFilters))
    return paginate(request, response, rows, records.organisation_record, query)


@organisations_router.get(
    "/{slug}",
    response={200: schemas.OrganisationOut, **DETAIL_ERRORS},
    url_name="organisation",
    summary="One organisation",
)
def get_organisation(
    request: HttpRequest,
    response: HttpResponse,
    slug: Annotated[str, Path(pattern=schemas.SLUG_PATTERN)],
    query: Query[schemas.DetailQuery],
):
    return _one(
        request, lambda: queries.organisations().get(slug=slug), records.organisation_record
    )


topics_router = Router(tags=["topics"])


@topics_router.get(
    "",
    response={200: schemas.TopicPage, 422: schemas.ErrorOut},
    url_name="list_topics",
    summary="All topics",
)
def list_topics(request: HttpRequest, response: HttpResponse, query: Query[schemas.TopicQuery]):
    return paginate(request, response, queries.topics(query.kind), records.topic_record, query)


@topics_router.get(
    "/{slug}",
    response={200: schemas.TopicOut, **DETAIL_ERRORS},
    url_name="topic",
    summary="One topic",
)
def get_topic(
    request: HttpRequest,
    response: HttpResponse,
    slug: Annotated[str, Path(pattern=schemas.SLUG_PATTERN)],
    query: Query[schemas.DetailQuery],
):
    return _one(request, lambda: queries.topics().get(slug=slug), records.topic_record)


sources_router = Router(tags=["sources"])


@sources_router.get(
    "",
    response={200: schemas.SourcePage, 422: schemas.ErrorOut},
    url_name="list_sources",
    summary="All sources",
)
def list_sources(request: HttpRequest, response: HttpResponse, query: Query[schemas.SourceQuery]):
    """Every document the registry learned from (without its text)."""
    rows = queries.sources(_filters(query, queries.SourceFilters), scope=reader_scope(request))
    return paginate(request, response, rows, records.source_record, query)


@sources_router.get(
    "/{key}",
    response={200: schemas.SourceOut, **DETAIL_ERRORS},
    url_name="source",
    summary="One source",
)
def get_source(
    request: HttpRequest,
    response: HttpResponse,
    key: Annotated[str, Path(pattern=schemas.SLUG_PATTERN)],
    query: Query[schemas.DetailQuery],
):
    return _one(
        request,
        lambda: queries.sources(scope=reader_scope(request)).get(key=key),
        records.source_record,
        may_read_source,
    )


claims_router = Router(tags=["claims"])


@claims_router.get(
    "",
    response={200: schemas.ClaimPage, 422: schemas.ErrorOut},
    url_name="list_claims",
    summary="Facts stated by sources",
)
def list_claims(request: HttpRequest, response: HttpResponse, query: Query[schemas.ClaimQuery]):
    """Each fact a source states with the exact span of text; accepted ones unless asked.

    Pending and rejected claims (and the sources not yet public) are served to signed-in
    reviewers only; to everyone else a filter for them lists nothing.
    """
    rows = queries.claims(_filters(query, queries.ClaimFilters), scope=reader_scope(request))
    return paginate(request, response, rows, records.claim_record, query)


@claims_router.get(
    "/{claim_id}",
    response={200: schemas.ClaimOut, **DETAIL_ERRORS},
    url_name="claim",
    summary="One claim",
)
def get_claim(
    request: HttpRequest,
    response: HttpResponse,
    claim_id: int,
    query: Query[schemas.DetailQuery],
):
    if not 0 < claim_id < 2**63:
        raise Http404("No such claim")
    rows = queries.claims(queries.ClaimFilters(review_status="any"), scope=reader_scope(request))
    return _one(request, lambda: rows.get(pk=claim_id), records.claim_record, may_read_claim)


COLLECTIONS = [
    "partnerships",
    "activities",
    "places",
    "organisations",
    "topics",
    "sources",
    "claims",
]


@api.get("/", response=schemas.IndexOut, url_name="index", summary="Index of the API")
def index(request: HttpRequest):
    """Links to every collection, the interactive documentation and the OpenAPI schema, so
    that `/api/v1/` itself answers instead of 404."""
    base = request.build_absolute_uri(request.path)
    return {
        "title": api.title,
        "version": api.version,
        "documentation": f"{base}docs",
        "openapi": f"{base}openapi.json",
        "collections": {name: f"{base}{name}" for name in COLLECTIONS},
    }


api.add_router("/partnerships", partnerships_router)
api.add_router("/activities", activities_router)
api.add_router("/places", places_router)
api.add_router("/organisations", organisations_router)
api.add_router("/topics", topics_router)
api.add_router("/sources", sources_router)
api.add_router("/claims", claims_router)
