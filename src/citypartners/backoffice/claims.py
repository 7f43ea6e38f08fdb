"""Claims told as a person reads them: a sentence, the evidence in its paragraph, and what the
registry holds now, in words.

An ingested claim is stored as data (`partner_since` of `partner:1512569` with a value dict);
the review page shows "Berlin – Saint Petersburg, partners since 1957" beside "The registry
holds Berlin – Saint Petersburg: in force, partners since 1957". The registry's side is read for
all claims of a page at once, in a fixed number of queries whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate
from citypartners.core.i18n import current_language
from citypartners.network.models import Organisation
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.partnerships.models import Milestone, Partnership
from citypartners.places.models import Place
from citypartners.sources.models import Claim

PARTNER_PROPERTIES = ("partner", "partner_since")
CONTEXT = 400  # characters of the paragraph shown on each side of the evidence, at most


def _date(iso: str | None) -> str:
    return PartialDate.from_iso(iso or "").format(current_language())


def claim_sentence(claim: Claim, home_name: str = "", city_name: str = "") -> str:
    """The claim as one sentence in the active language (place names as the registry has them
    when given, else as the document's gazetteer resolved them)."""
    value = claim.value or {}
    home = home_name or (value.get("home") or "").replace("-", " ").title() or _("the home city")
    city = city_name or value.get("city", "")
    if claim.property in PARTNER_PROPERTIES:
        if value.get("since"):
            return _("%(home)s – %(city)s, partners since %(since)s") % {
                "home": home,
                "city": city,
                "since": _date(value["since"]),
            }
        return _("%(home)s – %(city)s, partner cities (no date stated)") % {
            "home": home,
            "city": city,
        }
    if claim.property == "event":
        when = _date(value.get("date"))
        if value.get("end"):
            when = f"{when} – {_date(value['end'])}"
        return _("%(when)s: %(summary)s") % {
            "when": when,
            "summary": value.get("summary") or claim.evidence_text,
        }
    if claim.property == "count":
        sentence = _("%(home)s has %(stated)s partner cities") % {
            "home": home,
            "stated": value.get("stated"),
        }
        if value.get("consistent"):
            return sentence + " " + _("(and the text lists all of them)")
        return (
            sentence + " " + _("(but the text lists %(listed)s)") % {"listed": value.get("listed")}
        )
    if claim.property == "organisation":
        name = value.get("name", "")
        if value.get("acronym") and value["acronym"] != name:
            name = f"{name} ({value['acronym']})"
        return _("Organisation named: %(name)s") % {"name": name}
    return claim.subject


def evidence_in_paragraph(claim: Claim) -> SafeString:
    """The paragraph (line) the evidence stands in, the evidence itself marked."""
    text = claim.source.text
    if not text:
        return format_html("<mark>{}</mark>", claim.evidence_text)
    start, end = claim.evidence_start, claim.evidence_end
    begin = text.rfind("\n", 0, start) + 1
    finish = text.find("\n", end)
    finish = len(text) if finish == -1 else finish
    before, after = (
        text[max(begin, start - CONTEXT) : start],
        text[end : min(finish, end + CONTEXT)],
    )
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if begin < start - CONTEXT else "",
        before,
        text[start:end],
        after,
        "…" if finish > end + CONTEXT else "",
    )


@dataclass(frozen=True)
class ClaimView:
    """What the review page shows of one claim."""

    claim: Claim
    sentence: str
    registry: str
    evidence: SafeString
    needs_partnership: bool


class _Registry:
    """What the registry holds for a set of claims, read in a fixed number of queries."""

    def __init__(self, claims: list[Claim]):
        values = [c.value or {} for c in claims]
        home_slugs = {v.get("home") for v in values if v.get("home")}
        self.homes = {p.slug: p for p in Place.objects.filter(slug__in=home_slugs)}
        partner_values = [
            v for c, v in zip(claims, values, strict=True) if c.property in PARTNER_PROPERTIES
        ]
        ids = {v["geonames_id"] for v in partner_values if v.get("geonames_id")}
        names = {v.get("city", "") for v in partner_values} - {""}
        places = list(
            Place.objects.filter(
                Q(geonames_id__in=ids) | Q(name_en__in=names) | Q(name_de__in=names)
            )
        )
        self.by_geonames = {p.geonames_id: p for p in places if p.geonames_id}
        self.by_name = {name: p for p in places for name in (p.name_en, p.name_de) if name}
        self.partnerships = {
            (p.home_id, p.partner_id): p
            for p in Partnership.objects.filter(
                home__in=self.homes.values(), partner__in=places
            ).select_related("home", "partner")
        }
        self.counts = dict(
            Partnership.objects.filter(
                home__in=self.homes.values(),
                kind=PartnershipKind.CITY_PARTNERSHIP,
                status__in=[Status.ACTIVE, Status.DORMANT, Status.SUSPENDED],
            )
            .values_list("home_id")
            .annotate(n=Count("pk"))
        )
        dates = {
            v.get("date") for c, v in zip(claims, values, strict=True) if c.property == "event"
        }
        dates.discard(None)
        self.dated: dict[str, list[str]] = {}
        for starts, title in Activity.objects.filter(starts__in=dates).values_list(
            "starts", "title"
        ):
            self.dated.setdefault(starts.isoformat(), []).append(title)
        for on, title in Milestone.objects.filter(on__in=dates).values_list("on", "title"):
            self.dated.setdefault(on.isoformat(), []).append(title)
        org_values = [
            v for c, v in zip(claims, values, strict=True) if c.property == "organisation"
        ]
        org_names = {v.get("name", "") for v in org_values} - {""}
        acronyms = {v.get("acronym", "") for v in org_values} - {""}
        self.organisations = list(
            Organisation.objects.filter(
                Q(name_en__in=org_names) | Q(name_de__in=org_names) | Q(acronym__in=acronyms)
            )
        )

    def home_name(self, claim: Claim) -> str:
        home = self.homes.get((claim.value or {}).get("home"))
        return home.name if home else ""

    def place(self, claim: Claim) -> Place | None:
        if claim.property not in PARTNER_PROPERTIES:
            return None
        value = claim.value or {}
        return self.by_geonames.get(value.get("geonames_id")) or self.by_name.get(
            value.get("city", "")
        )

    def city_name(self, claim: Claim) -> str:
        place = self.place(claim)
        return place.name if place else ""

    def partnership(self, claim: Claim) -> Partnership | None:
        value = claim.value or {}
        home = self.homes.get(value.get("home"))
        place = self.place(claim)
        if home is None or place is None:
            return None
        return self.partnerships.get((home.pk, place.pk))

    def in_words(self, claim: Claim) -> str:
        value = claim.value or {}
        if claim.property in PARTNER_PROPERTIES:
            partnership = self.partnership(claim)
            if partnership is None:
                return _("The registry has no partnership with %(city)s.") % {
                    "city": value.get("city", "")
                }
            if partnership.since.is_known:
                return _(
                    "The registry holds %(partnership)s: %(status)s, partners since %(since)s."
                ) % {
                    "partnership": partnership,
                    "status": partnership.get_status_display(),
                    "since": partnership.since.format(current_language()),
                }
            return _("The registry holds %(partnership)s: %(status)s, with no start date.") % {
                "partnership": partnership,
                "status": partnership.get_status_display(),
            }
        if claim.property == "event":
            titles = self.dated.get(value.get("date") or "", [])
            if titles:
                return _("The registry has on this date: %(titles)s.") % {
                    "titles": "; ".join(sorted(set(titles)))
                }
            return _("Nothing in the registry is dated %(date)s.") % {
                "date": _date(value.get("date"))
            }
        if claim.property == "count":
            home = self.homes.get(value.get("home"))
            return _("The registry counts %(count)s partner cities (computed, never typed).") % {
                "count": self.counts.get(home.pk, 0) if home else 0
            }
        if claim.property == "organisation":
            for organisation in self.organisations:
                if value.get("name") in (organisation.name_en, organisation.name_de) or (
                    value.get("acronym") and value["acronym"] == organisation.acronym
                ):
                    return _("The registry holds %(organisation)s.") % {
                        "organisation": organisation
                    }
            return _("The registry does not hold this organisation.")
        return ""


def claim_views(claims: list[Claim]) -> list[ClaimView]:
    """Each claim with its sentence, evidence and the registry's value (claims carry .source)."""
    registry = _Registry(claims)
    return [
        ClaimView(
            claim=claim,
            sentence=claim_sentence(claim, registry.home_name(claim), registry.city_name(claim)),
            registry=registry.in_words(claim),
            evidence=evidence_in_paragraph(claim),
            needs_partnership=claim.property == "event",
        )
        for claim in claims
    ]
