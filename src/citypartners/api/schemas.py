"""The API's response and filter schemas: what the OpenAPI description promises.

Responses are the records of `opendata.records` (the JSON downloads carry the same ones);
these classes describe and validate them. Filters use the registry's own choices, so the
schema lists every allowed value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

from citypartners.activities.enums import ActivityKind
from citypartners.network.enums import OrganisationKind
from citypartners.partnerships.enums import Operator, PartnershipKind, Status, TopicKind
from citypartners.places.enums import PlaceKind
from citypartners.sources.enums import ReviewStatus, SourceKind

Language = Literal["de", "en"]
PrecisionName = Literal["day", "month", "year", "unknown"]
PartnershipKindName = Literal[tuple(PartnershipKind.values)]  # type: ignore[valid-type]
StatusName = Literal[tuple(Status.values)]  # type: ignore[valid-type]
OperatorName = Literal[tuple(Operator.values)]  # type: ignore[valid-type]
ActivityKindName = Literal[tuple(ActivityKind.values)]  # type: ignore[valid-type]
PlaceKindName = Literal[tuple(PlaceKind.values)]  # type: ignore[valid-type]
OrganisationKindName = Literal[tuple(OrganisationKind.values)]  # type: ignore[valid-type]
TopicKindName = Literal[tuple(TopicKind.values)]  # type: ignore[valid-type]
SourceKindName = Literal[tuple(SourceKind.values)]  # type: ignore[valid-type]
ReviewStatusName = Literal[(*ReviewStatus.values, "any")]  # type: ignore[valid-type]

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 200
YEAR = {"ge": 1000, "le": 2999}
NO_NUL = r"^[^\x00]*$"
SLUG = {"max_length": 160, "pattern": NO_NUL}
# What a slug or source key in a path may look like (letters, digits, "-", "_").
SLUG_PATTERN = r"^[-\w]{1,160}$"


# filters ----------------------------------------------------------------------------------


class Paging(Schema):
    lang: Language | None = Field(
        None, description="Language of translated fields; else Accept-Language, else German."
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Rows per page (at most 200).")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        """PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database."""
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class PartnershipQuery(Paging):
    home: str | None = Field(None, description="Slug of the home place, e.g. berlin.", **SLUG)
    partner: str | None = Field(None, description="Slug of the partner place.", **SLUG)
    partner_country: str | None = Field(
        None, pattern="^[A-Za-z]{2}$", description="ISO 3166-1 code of the partner's country."
    )
    kind: PartnershipKindName | None = None
    status: StatusName | None = None
    operator: OperatorName | None = Field(None, description="Who runs the partnership.")
    since_from: int | None = Field(None, description="Partner since this year or later.", **YEAR)
    since_to: int | None = Field(None, description="Partner since this year or earlier.", **YEAR)
    topic: str | None = Field(None, description="Slug of a topic.", **SLUG)


class ActivityQuery(Paging):
    partnership: str | None = Field(None, description="Slug of the partnership.", **SLUG)
    home: str | None = Field(None, description="Slug of the partnership's home place.", **SLUG)
    partner_country: str | None = Field(
        None, pattern="^[A-Za-z]{2}$", description="ISO country code of the partner place."
    )
    kind: ActivityKindName | None = None
    topic: str | None = Field(None, description="Slug of a topic.", **SLUG)
    organisation: str | None = Field(None, description="Slug of an organisation.", **SLUG)
    date_from: dt.date | None = Field(
        None, description="Activities that end on or after this day (YYYY-MM-DD)."
    )
    date_to: dt.date | None = Field(
        None, description="Activities that start on or before this day (YYYY-MM-DD)."
    )

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def _iso_day(cls, value: object) -> object:
        """Only YYYY-MM-DD: pydantic would otherwise read "0" as 1 January 1970."""
        if value is not None and not (isinstance(value, str) and ISO_DAY.fullmatch(value)):
            raise ValueError("a day is written YYYY-MM-DD")
        return value


class PlaceQuery(Paging):
    kind: PlaceKindName | None = None
    country: str | None = Field(None, pattern="^[A-Za-z]{2}$", description="ISO country code.")
    parent: str | None = Field(None, description="Slug of the place this one is part of.", **SLUG)


class OrganisationQuery(Paging):
    kind: OrganisationKindName | None = None
    place: str | None = Field(None, description="Slug of the organisation's place.", **SLUG)
    partnership: str | None = Field(
        None, description="Slug of a partnership the organisation has a role in.", **SLUG
    )


class TopicQuery(Paging):
    kind: TopicKindName | None = None


class SourceQuery(Paging):
    kind: SourceKindName | None = None
    language: str | None = Field(
        None, max_length=8, pattern=NO_NUL, description="Language of the document."
    )


class ClaimQuery(Paging):
    source: str | None = Field(
        None, description="Key of the source.", max_length=120, pattern=NO_NUL
    )
    property: str | None = Field(
        None, max_length=60, pattern=NO_NUL, description="The claimed property."
    )
    subject: str | None = Field(None, max_length=200, pattern=NO_NUL)
    review_status: ReviewStatusName = Field(
        ReviewStatus.ACCEPTED.value,
        description="Reviewed (accepted) facts by default; 'any' for every claim.",
    )


class DetailQuery(Schema):
    lang: Language | None = Field(
        None, description="Language of translated fields; else Accept-Language, else German."
    )


# records ----------------------------------------------------------------------------------


class DateOut(Schema):
    date: str | None = Field(
        description="ISO date cut to its precision: 1993, 1993-09, 1993-09-01."
    )
    precision: PrecisionName


class SourceRef(Schema):
    key: str
    title: str
    url: str | None


class PlaceRef(Schema):
    slug: str
    name: str
    kind: str
    country_code: str
    geonames_id: int | None


class TopicLinkOut(Schema):
    slug: str
    name: str
    role: str
    sources: list[SourceRef]


class HistoryStepOut(Schema):
    kind: str
    on: DateOut
    note: str
    sources: list[SourceRef]


class MilestoneOut(Schema):
    kind: str
    on: DateOut
    title: str
    description: str
    sources: list[SourceRef]


class OrganisationRoleOut(Schema):
    slug: str
    name: str
    role: str
    sources: list[SourceRef]


class PartnershipOut(Schema):
    slug: str
    name: str
    kind: str
    operator: str
    home: PlaceRef
    partner: PlaceRef
    status: str
    status_since: DateOut
    since: DateOut
    summary: str
    description: str
    topics: list[TopicLinkOut]
    history: list[HistoryStepOut]
    sources: list[SourceRef]
    url: str | None = Field(description="The partnership's page on the public site.")


class PartnershipDetailOut(PartnershipOut):
    milestones: list[MilestoneOut]
    organisations: list[OrganisationRoleOut]


class NamedRef(Schema):
    slug: str
    name: str


class ActivityOut(Schema):
    slug: str
    partnership: NamedRef
    kind: str
    title: str
    description: str
    starts: DateOut
    ends: DateOut | None
    first_day: str | None = Field(description="Earliest day the dates may stand for.")
    last_day: str | None = Field(description="Latest day the dates may stand for.")
    topics: list[NamedRef]
    organisations: list[NamedRef]
    sources: list[SourceRef]


class PlaceOut(PlaceRef):
    name_local: str | None
    parent: str | None
    latitude: float | None
    longitude: float | None
    aliases: list[str]


class OrganisationOut(Schema):
    slug: str
    name: str
    acronym: str | None
    kind: str
    unit: str | None
    place: str | None
    address: str | None
    phone: str | None
    email: str | None
    website: str | None
    founded: DateOut
    description: str
    sources: list[SourceRef]


class TopicOut(Schema):
    slug: str
    name: str
    kind: str
    parent: str | None


class SourceOut(Schema):
    key: str
    title: str
    language: str
    kind: str
    publisher: str | None
    url: str | None
    published: DateOut
    retrieved: DateOut
    sha256: str | None
    note: str


class EvidenceOut(Schema):
    start: int
    end: int
    text: str


class ClaimOut(Schema):
    id: int
    source: SourceRef
    subject: str
    property: str
    value: Any
    evidence: EvidenceOut
    comparison: str
    review_status: str


class PageMeta(Schema):
    count: int = Field(description="Rows matching the filters, over all pages.")
    page: int
    page_size: int
    pages: int
    next: str | None = Field(description="Path and query of the next page, or null.")
    previous: str | None


class PartnershipPage(PageMeta):
    results: list[PartnershipOut]


class ActivityPage(PageMeta):
    results: list[ActivityOut]


class PlacePage(PageMeta):
    results: list[PlaceOut]


class OrganisationPage(PageMeta):
    results: list[OrganisationOut]


class TopicPage(PageMeta):
    results: list[TopicOut]


class SourcePage(PageMeta):
    results: list[SourceOut]


class ClaimPage(PageMeta):
    results: list[ClaimOut]


class ErrorOut(Schema):
    detail: Any


class IndexOut(Schema):
    """The API's front door: where each collection, the documentation and the schema are."""

    title: str
    version: str
    documentation: str
    openapi: str
    collections: dict[str, str]
