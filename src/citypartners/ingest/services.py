"""Writing what a document states into the registry: a Source, its Claims, and their review.

`ingest_document` reads and extracts one document and, unless it is a dry run, stores the
document as a Source and each fact as a Claim compared with the registry, all in one
transaction: a document that fails leaves nothing behind, and the same document ingested
again creates nothing new. `accept_claim` and `reject_claim` are what an editor's review
calls, from the back office or anywhere else.

A document uploaded in the back office is ingested by a background task, never in the request
(a large PDF takes longer than an app server lets a request run): `queue_upload` keeps it on the
default storage (MEDIA_ROOT, which every app server and worker must share) and enqueues
`ingest_stored_upload`, whose outcome the editor follows on a status page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

from babel import Locale
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citypartners.activities.enums import ActivityKind
from citypartners.activities.models import Activity
from citypartners.activities.services import refresh_activity_dates
from citypartners.core.dates import PartialDate
from citypartners.core.slugs import slug_of
from citypartners.ingest import comparison
from citypartners.ingest.extraction import extract_document
from citypartners.ingest.gazetteer import get_gazetteer
from citypartners.ingest.language import source_language
from citypartners.ingest.reading import DEFAULT_MAX_BYTES, DocumentError
from citypartners.jobs.services import enqueue
from citypartners.network.enums import OrganisationKind
from citypartners.network.models import Organisation
from citypartners.partnerships.enums import Operator, PartnershipKind, StatusKind
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.services import record_status_change, refresh_partnership_state
from citypartners.places.enums import PlaceKind
from citypartners.places.models import Place
from citypartners.sources.enums import Comparison, ReviewStatus, SourceKind
from citypartners.sources.models import Claim, Source
from citypartners.sources.services import publish_source


@dataclass
class IngestResult:
    """What one document gave: the extraction (the JSON shape) and what was stored."""

    extraction: dict
    source: Source | None = None
    created_claims: int = 0
    existing_claims: int = 0
    claims: list[Claim] = field(default_factory=list)


def ingest_document(
    *,
    data: bytes,
    path: str,
    home: str | None = None,
    dry_run: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    aliases: dict | None = None,
) -> IngestResult:
    """Extract the facts of one document; store them unless `dry_run`. Raises DocumentError.

    `aliases` are the registry's place names (`comparison.registry_aliases()`); a batch reads
    them once and passes them to every document.
    """
    if aliases is None:
        aliases = comparison.registry_aliases()
    extraction = extract_document(data, path=path, home=home, aliases=aliases, max_bytes=max_bytes)
    result = IngestResult(extraction=extraction)
    if not dry_run:
        _store(result, data=data, path=path)
    return result


@transaction.atomic
def _store(result: IngestResult, *, data: bytes, path: str) -> None:
    from citypartners.ingest.reading import read_document

    extraction = result.extraction
    text = read_document(data, path=path).text
    source = _source_for(extraction, text=text, path=path)
    home = _home_place(extraction)
    for fact in _facts(extraction, home):
        claim, created = _claim(source, fact)
        result.claims.append(claim)
        if created:
            result.created_claims += 1
        else:
            result.existing_claims += 1
    result.source = source


def _source_for(extraction: dict, *, text: str, path: str) -> Source:
    info = extraction["source"]
    source = Source.objects.filter(sha256=info["sha256"]).first()
    if source is not None:
        if not source.text:
            source.text = text
            source.save(update_fields=["text", "modified_at"])
        return source
    title = (info.get("title") or Path(path).name)[:300]
    source = Source(
        key=f"{slug_of(title)[:80].strip('-') or 'document'}-{info['sha256'][:8]}",
        title=title,
        language=source_language(info["language"]),
        kind=SourceKind.DOCUMENT,
        file_name=Path(path).name[:200],
        sha256=info["sha256"],
        retrieved_on=PartialDate.from_date(timezone.localdate()),
        text=text,
    )
    source.full_clean()
    source.save()
    return source


def _home_place(extraction: dict) -> Place | None:
    home = extraction.get("home")
    if not home:
        return None
    return comparison.find_place(name=home["name"], geonames_id=home.get("geonames_id"))


def _facts(extraction: dict, home: Place | None):
    """(property, subject, value, evidence, verdict) for every fact of the extraction."""
    home_slug = home.slug if home else None
    for item in extraction["partnerships"]:
        value = {
            k: item[k]
            for k in ("city", "city_as_written", "country", "geonames_id", "since", "precision")
        }
        value["home"] = home_slug
        prop = "partner_since" if item["since"] else "partner"
        subject = f"partner:{item['geonames_id'] or item['city']}"
        yield (
            prop,
            subject,
            value,
            item["evidence"],
            comparison.compare_partner(home=home, value=value),
        )
    for item in extraction["events"]:
        value = {k: item[k] for k in ("date", "end", "precision", "summary")} | {"home": home_slug}
        subject = f"event:{item['date']}/{item['end'] or ''}"
        yield (
            "event",
            subject,
            value,
            item["evidence"],
            comparison.compare_event(home=home, value=value),
        )
    for item in extraction["counts"]:
        value = {k: item[k] for k in ("stated", "listed", "consistent")} | {"home": home_slug}
        yield (
            "count",
            f"count:{item['stated']}",
            value,
            item["evidence"],
            comparison.compare_count(home=home, value=value),
        )
    for item in extraction["organisations"]:
        value = {"name": item["name"], "acronym": item.get("acronym") or ""}
        subject = f"organisation:{value['acronym'] or value['name']}"[:200]
        yield (
            "organisation",
            subject,
            value,
            item["evidence"],
            comparison.compare_organisation(value=value),
        )


def _claim(source: Source, fact) -> tuple[Claim, bool]:
    prop, subject, value, evidence, verdict = fact
    existing = Claim.objects.filter(
        source=source, property=prop, subject=subject[:200], evidence_start=evidence["start"]
    ).first()
    if existing:
        return existing, False
    claim = Claim(
        source=source,
        subject=subject[:200],
        property=prop,
        value=value,
        evidence_start=evidence["start"],
        evidence_end=evidence["end"],
        evidence_text=evidence["text"],
        comparison=verdict.comparison,
        comparison_note=verdict.note,
    )
    claim.full_clean()
    claim.save()
    return claim, True


# review ------------------------------------------------------------------------------------------


# Tells a home that submitted the document (its office and editor) what was decided.
MAIL_DECISIONS_TASK = "citypartners.editors.tasks.mail_review_decisions"


def _reviewed(claim: Claim, *, user, status: ReviewStatus, reason: str = "") -> None:
    claim.review_status = status
    claim.reviewed_by = user
    claim.reviewed_at = timezone.now()
    claim.rejection_reason = reason
    claim.full_clean()
    claim.save()
    # In the decision's transaction: a decision rolled back mails nothing.
    for submission in claim.source.submissions.values_list("pk", flat=True):
        enqueue(MAIL_DECISIONS_TASK, submission=submission)


def _pending(claim: Claim) -> None:
    if claim.review_status != ReviewStatus.PENDING:
        raise ValidationError(
            _("This claim was reviewed already (%(status)s).")
            % {"status": claim.get_review_status_display()}
        )


@transaction.atomic
def reject_claim(*, claim: Claim, user, reason: str) -> None:
    """Reject a claim with the reason; the registry does not change."""
    _pending(claim)
    if not reason.strip():
        raise ValidationError(_("Say why the claim is rejected."))
    _reviewed(claim, user=user, status=ReviewStatus.REJECTED, reason=reason.strip())


@transaction.atomic
def accept_claim(*, claim: Claim, user, partnership: Partnership | None = None) -> None:
    """Apply the claim to the registry, citing its source, and mark it accepted."""
    _pending(claim)
    handler = {
        "partner": _accept_partner,
        "partner_since": _accept_partner,
        "event": _accept_event,
        "count": _accept_count,
        "organisation": _accept_organisation,
    }[claim.property]
    handler(claim, partnership)
    _reviewed(claim, user=user, status=ReviewStatus.ACCEPTED)
    publish_source(source=claim.source)  # the accepted fact cites it publicly


def _home_of(claim: Claim) -> Place:
    slug = claim.value.get("home")
    home = Place.objects.filter(slug=slug).first() if slug else None
    if home is None:
        raise ValidationError(_("The document's home city is not in the registry; add it first."))
    return home


def _accept_partner(claim: Claim, _partnership: Partnership | None) -> None:
    home = _home_of(claim)
    value = claim.value
    # A registration form names the registry's place itself (`place`); a document, a city.
    chosen = Place.objects.filter(slug=value["place"]).first() if value.get("place") else None
    place = (
        chosen
        or comparison.find_place(name=value["city"], geonames_id=value.get("geonames_id"))
        or _new_city(claim)
    )
    partnership = comparison.find_partnership(home, place) or _new_partnership(home, place, claim)
    partnership.sources.add(claim.source)
    since = PartialDate.from_iso(value.get("since") or "")
    agreeing = [
        c
        for c in partnership.status_changes.all()
        if since.is_known and comparison._agrees(since, c.on)
    ]
    for change in agreeing:
        change.sources.add(claim.source)
    if not agreeing:
        record_status_change(
            partnership=partnership,
            kind=StatusKind.ACTIVE,
            on=since,
            sources=[claim.source],
            note_de=f"Laut {claim.source.title}",
            note_en=f"According to {claim.source.title}",
        )
    # Read afresh: the partnership found came with its history prefetched, without this step,
    # and an undated partnership would keep "since unknown" after a dated step was accepted.
    refresh_partnership_state(Partnership.objects.get(pk=partnership.pk))


def _country(code: str) -> Place:
    slug = f"country-{code.lower()}"
    country = Place.objects.filter(slug=slug).first()
    if country:
        return country
    country = Place(
        slug=slug,
        kind=PlaceKind.COUNTRY,
        country_code=code,
        name_de=Locale("de").territories.get(code, code),
        name_en=Locale("en").territories.get(code, code),
    )
    country.full_clean()
    country.save()
    return country


def _new_city(claim: Claim) -> Place:
    value = claim.value
    ref = get_gazetteer().resolve(
        value["city"], countries=(value["country"],) if value.get("country") else ()
    )
    if ref is not None and value.get("country") and ref.country != value["country"]:
        # The country only ranks the gazetteer's candidates: a London borough it lacks would
        # otherwise take the coordinates of a namesake abroad (Lewisham, New South Wales).
        ref = None
    as_written = value.get("city_as_written") or value["city"]
    slug = slug_of(value["city"]) or f"place-{value.get('geonames_id')}"
    if Place.objects.filter(slug=slug).exists():
        slug = f"{slug}-{(value.get('country') or 'xx').lower()}"
    place = Place(
        slug=slug,
        kind=PlaceKind.CITY,
        country_code=value.get("country") or "ZZ",
        name_en=value["city"],
        name_de=as_written if claim.source.language == "de" else value["city"],
        parent=_country(value["country"]) if value.get("country") else None,
        geonames_id=value.get("geonames_id"),
        latitude=_coordinate(ref.lat) if ref else None,
        longitude=_coordinate(ref.lon) if ref else None,
    )
    place.full_clean()
    place.save()
    return place


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.00001"))


def _new_partnership(home: Place, partner: Place, claim: Claim) -> Partnership:
    kind = (
        PartnershipKind.BOROUGH_PARTNERSHIP
        if home.kind == PlaceKind.BOROUGH
        else PartnershipKind.CITY_PARTNERSHIP
    )
    if claim.value.get("kind") in PartnershipKind.values:  # as a registration form states it
        kind = claim.value["kind"]
    operator = {PlaceKind.BOROUGH: Operator.BOROUGH, PlaceKind.STATE: Operator.STATE}.get(
        home.kind, Operator.MUNICIPALITY
    )
    if home.slug == "berlin":
        operator = Operator.STATE  # Berlin is a city-state: its Senate runs its partnerships
    texts = {}
    for language in ("de", "en"):
        with translation.override(language):
            texts[f"summary_{language}"] = _("%(home)s and %(partner)s are partner cities.") % {
                "home": home.name,
                "partner": partner.name,
            }
            texts[f"description_{language}"] = _("Recorded from the document “%(source)s”.") % {
                "source": claim.source.title,
            }
    partnership = Partnership(
        slug=f"{home.slug}-{partner.slug}"[:120],
        kind=kind,
        operator=operator,
        home=home,
        partner=partner,
        **texts,
    )
    partnership.full_clean()
    partnership.save()
    return partnership


def _accept_event(claim: Claim, partnership: Partnership | None) -> None:
    value = claim.value
    partnership = partnership or _only_partnership_of(claim)
    matching = Activity.objects.filter(partnership=partnership, starts=value["date"])
    if matching.exists():
        for activity in matching:
            activity.sources.add(claim.source)
        return
    summary = value.get("summary") or claim.evidence_text
    activity = Activity(
        slug=f"{partnership.slug}-{value['date']}-{claim.pk}"[:160],
        partnership=partnership,
        kind=ActivityKind.OTHER,
        title_de=summary[:300],
        title_en=summary[:300],
        starts=PartialDate.from_iso(value["date"]),
        ends=PartialDate.from_iso(value.get("end") or ""),
        is_published=False,
    )
    refresh_activity_dates(activity)
    activity.full_clean()
    activity.save()
    activity.sources.add(claim.source)


def _only_partnership_of(claim: Claim) -> Partnership:
    """The partnership the document is about, if it names exactly one partner the registry holds."""
    home = _home_of(claim)
    partners = claim.source.claims.filter(property__in=["partner", "partner_since"])
    cities = {
        other.value.get("geonames_id") or other.value["city"]: other.value for other in partners
    }
    if len(cities) == 1:
        (value,) = cities.values()
        place = comparison.find_place(name=value["city"], geonames_id=value.get("geonames_id"))
        partnership = comparison.find_partnership(home, place)
        if partnership is not None:
            return partnership
    raise ValidationError(_("Choose the partnership this event belongs to."))


def _accept_count(claim: Claim, _partnership: Partnership | None) -> None:
    """Counts on public pages are computed; accepting one records that it was checked."""


def _accept_organisation(claim: Claim, _partnership: Partnership | None) -> None:
    value = claim.value
    known = comparison.find_organisation(value)
    if known is not None:
        known.sources.add(claim.source)
        return
    slug = slug_of(value.get("acronym") or value["name"])[:100] or f"organisation-{claim.pk}"
    if Organisation.objects.filter(slug=slug).exists():
        slug = f"{slug}-{claim.pk}"
    organisation = Organisation(
        slug=slug,
        kind=OrganisationKind.AGENCY,
        name_de=value["name"][:300],
        name_en=value["name"][:300],
        acronym=value.get("acronym", "")[:30],
    )
    organisation.full_clean()
    organisation.save()
    organisation.sources.add(claim.source)


def accept_confirming_claims(
    *, source: Source, user, only: set[int] | None = None
) -> tuple[int, int]:
    """Accept every waiting claim of `source` that confirms the registry, in one step.

    Each is accepted on its own (a claim that cannot be applied without a choice, such as an
    event of a document about several partnerships, stays waiting). Returns how many were
    accepted and how many claims of the source still wait for a decision.
    """
    accepted = 0
    waiting = source.claims.filter(
        review_status=ReviewStatus.PENDING, comparison=Comparison.CONFIRMS
    ).order_by("evidence_start", "pk")
    if only is not None:
        waiting = waiting.filter(pk__in=only)
    for claim in waiting:
        try:
            with transaction.atomic():
                accept_claim(claim=claim, user=user)
        except ValidationError:
            continue
        accepted += 1
    left = source.claims.filter(review_status=ReviewStatus.PENDING).count()
    return accepted, left


UPLOAD_DIRECTORY = "ingest-uploads"
INGEST_UPLOAD_TASK = "citypartners.backoffice.tasks.ingest_upload"


def queue_upload(
    *,
    data: bytes,
    name: str,
    home: str | None,
    max_bytes: int,
    submitted_for: int | None = None,
    submitted_by: int | None = None,
) -> str:
    """Keep an uploaded document on shared storage and enqueue its ingestion; the task's id.

    `submitted_for` (a home's id) and `submitted_by` (an account's id) record, once the document
    is read, which home's editor handed it in (`editors.Submission`)."""
    stored = default_storage.save(
        f"{UPLOAD_DIRECTORY}/{uuid4().hex}/{Path(name).name or 'document'}", ContentFile(data)
    )
    extra: dict[str, int] = {}
    if submitted_by is not None:
        extra["submitted_by"] = submitted_by
    if submitted_for is not None:
        extra["submitted_for"] = submitted_for
    result = enqueue(
        INGEST_UPLOAD_TASK, stored=stored, name=name, home=home, max_bytes=max_bytes, **extra
    )
    return str(result.id)


def ingest_stored_upload(*, stored: str, name: str, home: str | None, max_bytes: int) -> dict:
    """Ingest a document kept by `queue_upload`: what it gave, or why it could not be read.

    The stored file is removed once the document was ingested or refused; after any other
    error it stays, so that the task can be retried.
    """
    with default_storage.open(stored, "rb") as handle:
        data = handle.read()
    try:
        result = ingest_document(data=data, path=name, home=home, max_bytes=max_bytes)
    except DocumentError as error:
        outcome: dict = {"error": str(error), "name": name}
    else:
        outcome = {
            "name": name,
            "source": result.source.pk,
            "title": result.source.title,
            "created": result.created_claims,
            "existing": result.existing_claims,
        }
    default_storage.delete(stored)
    return outcome
