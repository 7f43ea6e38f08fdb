"""Registry rows as plain JSON-ready records in one language: the shape of the API and the JSON
downloads.

Every date is written as `{"date": ISO string cut to its precision or null, "precision": …}`,
so "1993" stays a year and never becomes "1993-01-01". Every fact carries the sources that state
it as `{"key", "title", "url"}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate
from citypartners.core.i18n import translated
from citypartners.network.models import Organisation
from citypartners.partnerships.models import Partnership, Topic
from citypartners.places.models import Place
from citypartners.sources.models import Claim, Source

Record = dict[str, Any]


def date_record(value: PartialDate) -> Record:
    return {"date": value.isoformat() or None, "precision": str(value.precision)}


def source_refs(sources: Iterable[Source]) -> list[Record]:
    return [
        {"key": source.key, "title": source.title, "url": source.url or None}
        for source in sorted(sources, key=lambda source: source.key)
    ]


def place_ref(place: Place, lang: str) -> Record:
    return {
        "slug": place.slug,
        "name": translated(place, "name", lang),
        "kind": place.kind,
        "country_code": place.country_code,
        "geonames_id": place.geonames_id,
    }


def partnership_name(partnership: Partnership, lang: str) -> str:
    own = translated(partnership, "name", lang)
    if own:
        return own
    home = translated(partnership.home, "name", lang)
    return f"{home} – {translated(partnership.partner, 'name', lang)}"


_URL_TEMPLATES: dict[str, str | None] = {}
_SLUG_MARK = "slug-placeholder"


def public_url(partnership: Partnership, lang: str) -> str | None:
    """The partnership's page on the public site in the language, as an absolute path."""
    return public_url_of(partnership.slug, lang)


def public_url_of(slug: str, lang: str) -> str | None:
    """The page of the partnership with this slug in the language, as an absolute path.

    The URL pattern is reversed once per language and reused: reversing for each row of a
    national-size list costs more than building the rest of the record.
    """
    if lang not in _URL_TEMPLATES:
        with translation.override(lang):
            try:
                _URL_TEMPLATES[lang] = reverse("web:partnership", kwargs={"slug": _SLUG_MARK})
            except NoReverseMatch:
                _URL_TEMPLATES[lang] = None
    template = _URL_TEMPLATES[lang]
    return template.replace(_SLUG_MARK, slug) if template else None


def partnership_record(partnership: Partnership, lang: str, *, detail: bool = False) -> Record:
    record: Record = {
        "slug": partnership.slug,
        "name": partnership_name(partnership, lang),
        "kind": partnership.kind,
        "operator": partnership.operator,
        "home": place_ref(partnership.home, lang),
        "partner": place_ref(partnership.partner, lang),
        "status": partnership.status,
        "status_since": date_record(partnership.status_since),
        "since": date_record(partnership.since),
        "summary": translated(partnership, "summary", lang),
        "description": translated(partnership, "description", lang),
        "topics": [
            {
                "slug": link.topic.slug,
                "name": translated(link.topic, "name", lang),
                "role": link.role,
                "sources": source_refs(link.sources.all()),
            }
            for link in partnership.topic_links.all()
        ],
        "history": [
            {
                "kind": change.kind,
                "on": date_record(change.on),
                "note": translated(change, "note", lang),
                "sources": source_refs(change.sources.all()),
            }
            for change in partnership.status_changes.all()
        ],
        "sources": source_refs(partnership.sources.all()),
        "url": public_url(partnership, lang),
    }
    if detail:
        record["milestones"] = [
            {
                "kind": milestone.kind,
                "on": date_record(milestone.on),
                "title": translated(milestone, "title", lang),
                "description": translated(milestone, "description", lang),
                "sources": source_refs(milestone.sources.all()),
            }
            for milestone in partnership.milestones.all()
        ]
        record["organisations"] = [
            {
                "slug": role.organisation.slug,
                "name": translated(role.organisation, "name", lang),
                "role": translated(role, "role", lang),
                "sources": source_refs(role.sources.all()),
            }
            for role in partnership.organisation_roles.all()
        ]
    return record


def activity_record(activity: Activity, lang: str) -> Record:
    partnership = activity.partnership
    return {
        "slug": activity.slug,
        "partnership": {"slug": partnership.slug, "name": partnership_name(partnership, lang)},
        "kind": activity.kind,
        "title": translated(activity, "title", lang),
        "description": translated(activity, "description", lang),
        "starts": date_record(activity.starts),
        "ends": date_record(activity.ends) if activity.ends.is_known else None,
        "first_day": activity.starts_on.isoformat() if activity.starts_on else None,
        "last_day": activity.ends_on.isoformat() if activity.ends_on else None,
        "topics": [
            {"slug": topic.slug, "name": translated(topic, "name", lang)}
            for topic in activity.topics.all()
        ],
        "organisations": [
            {"slug": organisation.slug, "name": translated(organisation, "name", lang)}
            for organisation in activity.organisations.all()
        ],
        "sources": source_refs(activity.sources.all()),
    }


def place_record(place: Place, lang: str) -> Record:
    return {
        **place_ref(place, lang),
        "name_local": place.name_local or None,
        "parent": place.parent.slug if place.parent_id else None,
        "latitude": float(place.latitude) if place.latitude is not None else None,
        "longitude": float(place.longitude) if place.longitude is not None else None,
        "aliases": sorted(alias.name for alias in place.aliases.all()),
    }


def organisation_record(organisation: Organisation, lang: str) -> Record:
    return {
        "slug": organisation.slug,
        "name": translated(organisation, "name", lang),
        "acronym": organisation.acronym or None,
        "kind": organisation.kind,
        "unit": translated(organisation, "unit", lang) or None,
        "place": organisation.place.slug if organisation.place_id else None,
        "address": organisation.address or None,
        "phone": organisation.phone or None,
        "email": organisation.email or None,
        "website": organisation.website or None,
        "founded": date_record(organisation.founded_on),
        "description": translated(organisation, "description", lang),
        "sources": source_refs(organisation.sources.all()),
    }


def topic_record(topic: Topic, lang: str) -> Record:
    return {
        "slug": topic.slug,
        "name": translated(topic, "name", lang),
        "kind": topic.kind,
        "parent": topic.parent.slug if topic.parent_id else None,
    }


def source_record(source: Source, lang: str) -> Record:
    return {
        "key": source.key,
        "title": source.title,
        "language": source.language,
        "kind": source.kind,
        "publisher": source.publisher or None,
        "url": source.url or None,
        "published": date_record(source.published_on),
        "retrieved": date_record(source.retrieved_on),
        "sha256": source.sha256 or None,
        "note": translated(source, "note", lang),
    }


def claim_record(claim: Claim, lang: str) -> Record:
    return {
        "id": claim.pk,
        "source": source_refs([claim.source])[0],
        "subject": claim.subject,
        "property": claim.property,
        "value": claim.value,
        "evidence": {
            "start": claim.evidence_start,
            "end": claim.evidence_end,
            "text": claim.evidence_text,
        },
        "comparison": claim.comparison,
        "review_status": claim.review_status,
    }
