"""A home section's figures: its partners formatted once for the table, the list and the map."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citypartners.core.i18n import current_language
from citypartners.homes.models import Home
from citypartners.homes.queries import SidedPartnership
from citypartners.national.drawing import Bubble, render_country_map
from citypartners.partnerships.enums import Status
from citypartners.web.home_figures import partners_map
from citypartners.web.worldmap import MapPoint

# Above this many partners the map draws one circle per partner country, as the national
# overview does, so that its size follows the number of countries, not of partners
# (decision record 0031).
MAX_POINTS = 100


@dataclass(frozen=True)
class PartnerRow:
    """One partner of a home as its section shows it."""

    url: str
    partner_home_url: str
    sided: SidedPartnership
    since: str
    status_label: str
    status_since: str


def section_url(home: Home | None, *, kind: str = "", slug: str = "") -> str:
    """Where a home's section is: the language root for the default home, /…/boroughs/<slug>/
    for a borough, /…/places/<slug>/ for any other home (decision record 0023)."""
    if home is not None:
        if home.is_default:
            return reverse("web:home")
        kind, slug = home.kind, home.slug
    if kind == "borough":
        return reverse("homes:borough", args=[slug])
    return reverse("homes:home", args=[slug])


def _other_section(p: SidedPartnership) -> str:
    """The other side's section, when it is a home: the language root for the default home."""
    if not p.partner_home_slug:
        return ""
    if p.partner_slug == settings.CITYPARTNERS_HOME:
        return reverse("web:home")
    return section_url(None, kind=p.partner_home_kind or "", slug=p.partner_home_slug)


def partner_rows(partners: list[SidedPartnership]) -> list[PartnerRow]:
    language = current_language()
    labels = {value: str(label) for value, label in Status.choices}
    prefix, suffix = reverse("web:partnership", args=["-"]).rsplit("-", 1)
    return [
        PartnerRow(
            url=f"{prefix}{p.slug}{suffix}",
            partner_home_url=_other_section(p),
            sided=p,
            since=p.since.format(language),
            status_label=labels[p.status],
            status_since=p.status_since.format(language)
            if p.status != Status.ACTIVE and p.status_since
            else "",
        )
        for p in partners
    ]


def _since_and_state(row: PartnerRow, unknown: str) -> tuple[str, str]:
    sided = row.sided
    since = escape(unknown)
    if sided.since:
        since = f'<time datetime="{sided.since.isoformat()}">{escape(row.since)}</time>'
    state = (
        f'<strong class="cp-tag cp-tag--{escape(sided.status)}">{escape(row.status_label)}</strong>'
    )
    return since, state


def table_rows(rows: list[PartnerRow]) -> SafeString:
    """The `<tr>` of each partner in the section's table, every value escaped. Written here
    rather than in a template loop, as the home page's table (decision 0030): the template
    engine's lookups were a good part of a large section's time (decision 0038)."""
    since_word, own_section = escape(_("since")), escape(_("its section"))
    out = []
    for row in rows:
        since, state = _since_and_state(row, _("not stated"))
        if row.status_since:
            state += f" ({since_word} {escape(row.status_since)})"
        section = (
            f' (<a href="{escape(row.partner_home_url)}">{own_section}</a>)'
            if row.partner_home_url
            else ""
        )
        out.append(
            f'<tr><th scope="row"><a href="{escape(row.url)}">{escape(row.sided.partner)}</a>'
            f"{section}</th><td>{escape(row.sided.country)}</td><td>{since}</td>"
            f"<td>{state}</td></tr>"
        )
    return mark_safe("\n".join(out))


def list_items(rows: list[PartnerRow]) -> SafeString:
    """The `<li>` of each partner for narrow screens, where the table does not fit."""
    out = []
    for row in rows:
        since, state = _since_and_state(row, _("start not stated"))
        out.append(
            f'<li class="cp-partner-list__item"><a class="cp-partner-list__city"'
            f' href="{escape(row.url)}">{escape(row.sided.partner)}</a>'
            f' <span class="cp-partner-list__country">{escape(row.sided.country)}</span>'
            f'<span class="cp-partner-list__meta">{since} · {state}</span></li>'
        )
    return mark_safe("\n".join(out))


def partner_map(home: Home, rows: list[PartnerRow]) -> SafeString | None:
    """The world map of the home's partners; a borough without coordinates of its own is
    drawn at its State's place (Berlin), which at world scale is the same point."""
    place = home.place
    anchor = place if place.latitude is not None else place.parent
    if anchor is None or anchor.latitude is None:
        return None
    points = [
        MapPoint(
            row.sided.partner,
            row.sided.latitude,
            row.sided.longitude,
            row.url,
            _("%(city)s (%(country)s), partner since %(since)s, %(state)s")
            % {
                "city": row.sided.partner,
                "country": row.sided.country,
                "since": row.since or "?",
                "state": row.status_label,
            },
        )
        for row in rows
        if row.sided.latitude is not None and row.sided.longitude is not None
    ]
    if not points:
        return None
    return partners_map(
        MapPoint(
            place.name,
            float(anchor.latitude),
            float(anchor.longitude),
            section_url(home),
            place.name,
        ),
        points,
    )


def country_map(home: Home, partners: list[SidedPartnership], url_of) -> SafeString | None:
    """The home's partners as one circle per partner country (area in proportion to the
    number), each linking to the section's list of that country (`url_of(code)`)."""
    by_country: dict[str, list[SidedPartnership]] = {}
    for partner in partners:
        if partner.latitude is not None and partner.longitude is not None:
            by_country.setdefault(partner.country_code, []).append(partner)
    if not by_country:
        return None
    bubbles = [
        Bubble(
            latitude=sum(p.latitude for p in located) / len(located),
            longitude=sum(p.longitude for p in located) / len(located),
            count=len(located),
            url=url_of(code),
            label=ngettext(
                "%(country)s: %(count)s partner city",
                "%(country)s: %(count)s partner cities",
                len(located),
            )
            % {"country": located[0].country, "count": len(located)},
        )
        for code, located in by_country.items()
    ]
    svg = render_country_map(
        sorted(bubbles, key=lambda bubble: -bubble.count),
        title=_("Map of %(home)s's partner cities") % {"home": home.place.name},
        description=_(
            "One circle per partner country, its area in proportion to the number of %(home)s's "
            "partner cities there; European countries are shown in the enlarged panel below the "
            "world map. Each circle leads to the list of that country's partner cities."
        )
        % {"home": home.place.name},
        inset_title=_("Europe"),
        element_id="home-country-map",
    )
    return mark_safe(svg)
