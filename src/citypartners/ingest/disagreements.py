"""What sources disagree on: counts against lists, partners missing from a page, differing dates.

Built from stored claims, so it covers every document ingested so far. Where the sources carry
a publication (or retrieval) date, the newer one is named, since it is usually the one to trust.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citypartners.core.dates import PartialDate
from citypartners.core.i18n import current_language
from citypartners.sources.models import Claim, Source

PARTNER_PROPERTIES = ("partner", "partner_since")
MIN_LIST = 3  # a source lists partners when it names at least this many


# What each kind of disagreement is called where people read it (the codes stay for programs).
KIND_LABELS = {
    "count-vs-list": gettext_lazy("A count that does not match its own list"),
    "counts-differ": gettext_lazy("The sources give different numbers of partners"),
    "partner-missing": gettext_lazy("A partner missing from a list"),
    "dates-differ": gettext_lazy("The sources give different start dates"),
}


@dataclass
class Disagreement:
    kind: str
    message: str
    sources: list[Source] = field(default_factory=list)
    newer: Source | None = None

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def _date_of(source: Source) -> PartialDate:
    return source.published_on if source.published_on.is_known else source.retrieved_on


def _newer(sources: list[Source]) -> Source | None:
    dated = [s for s in sources if _date_of(s).is_known]
    if len(dated) < 2:
        return None
    dated.sort(key=lambda s: _date_of(s).sort_key())
    return dated[-1] if _date_of(dated[-1]) != _date_of(dated[-2]) else None


def _label(source: Source) -> str:
    return f"“{source.title}” ({source.language})"


def _and(labels) -> str:
    return ", ".join(labels)


def find_disagreements() -> list[Disagreement]:
    claims = list(Claim.objects.select_related("source").exclude(review_status="rejected"))
    found: list[Disagreement] = []
    counts = defaultdict(list)
    partners = defaultdict(lambda: defaultdict(set))  # home -> source -> cities
    dates = defaultdict(lambda: defaultdict(set))  # (home, city) -> since -> sources
    names = {}
    for claim in claims:
        home = claim.value.get("home") or "?"
        if claim.property == "count":
            counts[home].append(claim)
            if not claim.value["consistent"]:
                found.append(
                    Disagreement(
                        "count-vs-list",
                        _("%(source)s states %(stated)s partners but lists %(listed)s.")
                        % {
                            "source": _label(claim.source),
                            "stated": claim.value["stated"],
                            "listed": claim.value["listed"],
                        },
                        [claim.source],
                    )
                )
        elif claim.property in PARTNER_PROPERTIES:
            city = claim.value.get("geonames_id") or claim.value["city"]
            names[city] = claim.value["city"]
            partners[home][claim.source].add(city)
            if claim.value.get("since"):
                dates[(home, city)][claim.value["since"]].add(claim.source)
    for claims_of_home in counts.values():
        stated = defaultdict(set)
        for claim in claims_of_home:
            stated[claim.value["stated"]].add(claim.source)
        if len(stated) > 1:
            sources = sorted({s for group in stated.values() for s in group}, key=lambda s: s.key)
            parts = "; ".join(
                _("%(number)s in %(sources)s")
                % {
                    "number": number,
                    "sources": _and(_label(s) for s in sorted(group, key=lambda s: s.key)),
                }
                for number, group in sorted(stated.items())
            )
            found.append(
                Disagreement(
                    "counts-differ",
                    _("The sources state different numbers of partners: %(parts)s.")
                    % {"parts": parts},
                    sources,
                    _newer(sources),
                )
            )
    for _home, by_source in partners.items():
        listing = {
            source: cities for source, cities in by_source.items() if len(cities) >= MIN_LIST
        }
        every = set().union(*listing.values()) if listing else set()
        for city in sorted(every, key=lambda c: names[c]):
            having = sorted(
                (s for s, cities in listing.items() if city in cities), key=lambda s: s.key
            )
            lacking = sorted(
                (s for s, cities in listing.items() if city not in cities), key=lambda s: s.key
            )
            if having and lacking:
                found.append(
                    Disagreement(
                        "partner-missing",
                        _("%(city)s is listed by %(having)s but missing from %(lacking)s.")
                        % {
                            "city": names[city],
                            "having": _and(map(_label, having)),
                            "lacking": _and(map(_label, lacking)),
                        },
                        having + lacking,
                        _newer(having + lacking),
                    )
                )
    for (_home, city), by_date in dates.items():
        values = sorted(by_date)
        disagreeing = [v for v in values if not any(o != v and o.startswith(v) for o in values)]
        if len(disagreeing) > 1:
            sources = sorted({s for group in by_date.values() for s in group}, key=lambda s: s.key)
            language = current_language()
            parts = "; ".join(
                _("%(date)s in %(sources)s")
                % {
                    "date": PartialDate.from_iso(v).format(language),
                    "sources": _and(_label(s) for s in sorted(by_date[v], key=lambda s: s.key)),
                }
                for v in disagreeing
            )
            found.append(
                Disagreement(
                    "dates-differ",
                    _("%(city)s: the sources give different start dates: %(parts)s.")
                    % {"city": names[city], "parts": parts},
                    sources,
                    _newer(sources),
                )
            )
    return found
