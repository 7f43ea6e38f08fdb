"""The national overview's map and bar charts, drawn on the server as inline SVG.

The map is the home map's land outline (``web.worldmap``, Natural Earth, land only, decision
0017) with one circle per partner country, its area proportional to the number of
partnerships there, so 50,000 partnerships make at most one circle per country: the markup
grows with the number of countries, never with the number of partnerships. Countries inside
the Europe box are drawn in a zoomed panel under the world map, where most German twinnings
lie, and only there are they links, so each country keeps a single ``<a>``. Each circle links
to the list filtered by its country and is named by its country and count; the page carries
the same figures as a table.

The bar charts are narrow (320 units wide, the label above its bar) so they read on a phone
at their natural size; each is a ``role="img"`` with its data in ``<desc>``, beside a table.

Both drawings are pure functions of their arguments, so the last MEMO_SIZE of each are kept
in the process, keyed by everything they are drawn from (every circle's place, count, link
and name; every bar; the texts): a change of the figures changes the key and draws anew, an
unchanged page reuses the drawing (decision record 0038, as the home page's map in 0030).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from citypartners.web.worldmap import EUROPE, _panel, land_data, project

__all__ = ["Bar", "Bubble", "render_bar_chart", "render_country_map"]

# Largest circle radius in viewBox units (the outline is about 1000 units wide).
_MAX_R = 32.0
_MIN_R = 3.0
_PANEL_GAP = 14.0
# Drawings kept per process, per kind: the overview's filtered forms and the sections visited.
MEMO_SIZE = 128


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


@dataclass(frozen=True)
class Bubble:
    """A circle on the map: where, how many, where it links, and its accessible name."""

    latitude: float
    longitude: float
    count: int
    url: str
    label: str


def radius(count: int, peak: int) -> float:
    """Circle radius with the area proportional to the count."""
    if count <= 0 or peak <= 0:
        return 0.0
    return max(_MIN_R, _MAX_R * math.sqrt(count / peak))


def render_country_map(
    bubbles: Sequence[Bubble],
    *,
    title: str,
    description: str,
    inset_title: str,
    element_id: str = "national-map",
) -> str:
    """An inline ``<svg>``: land, a circle link per country, largest drawn first so every
    smaller one stays on top and clickable; European countries in the zoomed panel. Kept per
    process by its content (`MEMO_SIZE`)."""
    return _country_map(tuple(bubbles), title, description, inset_title, element_id)


@lru_cache(maxsize=MEMO_SIZE)
def _country_map(
    bubbles: tuple[Bubble, ...], title: str, description: str, inset_title: str, element_id: str
) -> str:
    data = land_data()
    vx, vy, width, world_h = data["viewBox"]
    eid = _attr(element_id)
    peak = max((b.count for b in bubbles), default=0)
    world = [project(b.latitude, b.longitude) for b in bubbles]
    panel = _panel(EUROPE, width, world_h + _PANEL_GAP)
    in_panel = [panel.contains(x, y) for x, y in world]
    if not any(in_panel):
        panel = None
    height = world_h if panel is None else panel.top + panel.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{eid}" class="cp-map__svg cp-natmap"'
        f' viewBox="{_fmt(vx)} {_fmt(vy)} {_fmt(width)} {_fmt(height)}"'
        f' role="group" aria-labelledby="{eid}-title" aria-describedby="{eid}-desc">',
        f'<title id="{eid}-title">{escape(title)}</title>',
        f'<desc id="{eid}-desc">{escape(description)}</desc>',
        f'<rect class="cp-map__sea" x="{_fmt(vx)}" y="{_fmt(vy)}" width="{_fmt(width)}"'
        f' height="{_fmt(world_h)}" aria-hidden="true"/>',
        f'<path class="cp-map__land" d="{data["path"]}" aria-hidden="true"/>',
    ]
    if panel is not None:
        x0, y0, x1, y1 = panel.world_box
        pid = f"{eid}-inset"
        out.append(
            f'<g class="cp-map__inset-marks" aria-hidden="true">'
            f'<rect class="cp-map__inset-frame" x="{_fmt(x0)}" y="{_fmt(y0)}"'
            f' width="{_fmt(x1 - x0)}" height="{_fmt(y1 - y0)}"/></g>'
            f'<clipPath id="{pid}-clip"><rect x="0" y="{_fmt(panel.top)}"'
            f' width="{_fmt(panel.width)}" height="{_fmt(panel.height)}"/></clipPath>'
            f'<g class="cp-map__inset" aria-hidden="true">'
            f'<rect class="cp-map__inset-bg" x="0" y="{_fmt(panel.top)}"'
            f' width="{_fmt(panel.width)}" height="{_fmt(panel.height)}"/>'
            f'<g clip-path="url(#{pid}-clip)"><path class="cp-map__land"'
            f' vector-effect="non-scaling-stroke"'
            f' transform="translate(0 {_fmt(panel.top)}) scale({panel.zoom:.4f})'
            f' translate({_fmt(-x0)} {_fmt(-y0)})" d="{data["path"]}"/></g>'
            f'<text class="cp-map__panel-title" x="10" y="{_fmt(panel.top + 30)}"'
            f' font-size="24">{escape(inset_title)}</text></g>'
        )
    order = sorted(range(len(bubbles)), key=lambda i: (-bubbles[i].count, i))
    out.append('<g class="cp-natmap__circles">')
    for i in order:
        bubble = bubbles[i]
        x, y = world[i]
        r = radius(bubble.count, peak)
        if panel is not None and in_panel[i]:
            x, y = panel.place(x, y)
        out.append(
            f'<a class="cp-natmap__link" href="{_attr(bubble.url)}"'
            f' aria-label="{_attr(bubble.label)}"><title>{escape(bubble.label)}</title>'
            f'<circle class="cp-natmap__circle" cx="{_fmt(x)}" cy="{_fmt(y)}"'
            f' r="{_fmt(r)}"/></a>'
        )
    out.append("</g></svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    shown: str  # the value as the page writes it ("1.234" in German)


_CHART_W = 320.0
_ROW = 40.0
_LABEL_SIZE = 14.0
_BAR_H = 14.0
_VALUE_ROOM = 64.0


def render_bar_chart(bars: Sequence[Bar], *, title: str, caption: str, element_id: str) -> str:
    """A ``<figure>`` with a horizontal bar chart: each row its label, then its bar with the
    value at its end, so the chart reads without colour; the data again in ``<desc>``. Kept
    per process by its content (`MEMO_SIZE`)."""
    return _bar_chart(tuple(bars), title, caption, element_id)


@lru_cache(maxsize=MEMO_SIZE)
def _bar_chart(bars: tuple[Bar, ...], title: str, caption: str, element_id: str) -> str:
    uid = _attr(element_id)
    fig_open = f'<figure class="cp-chart cp-barchart" id="{uid}-figure">'
    cap = f'<figcaption class="cp-chart__caption">{escape(caption)}</figcaption>' if caption else ""
    if not bars:
        return f'{fig_open}{cap}<p class="cp-chart__empty">–</p></figure>'
    peak = max(bar.value for bar in bars) or 1
    height = _ROW * len(bars) + 4
    data_text = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    out = [
        fig_open,
        cap,
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cp-chart__svg"'
        f' viewBox="0 0 {_fmt(_CHART_W)} {_fmt(height)}" role="img"'
        f' aria-labelledby="{uid}-title {uid}-desc">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(data_text)}</desc>',
    ]
    span = _CHART_W - _VALUE_ROOM
    for i, bar in enumerate(bars):
        top = _ROW * i
        w = max(2.0, span * bar.value / peak) if bar.value else 0.0
        out.append(
            f'<text class="cp-barchart__label" x="0" y="{_fmt(top + _LABEL_SIZE)}"'
            f' font-size="{_fmt(_LABEL_SIZE)}">{escape(bar.label)}</text>'
            f'<rect class="cp-chart__bar" x="0" y="{_fmt(top + _LABEL_SIZE + 5)}"'
            f' width="{_fmt(w)}" height="{_fmt(_BAR_H)}"/>'
            f'<text class="cp-barchart__value" x="{_fmt(w + 5)}"'
            f' y="{_fmt(top + _LABEL_SIZE + 5 + _BAR_H - 2)}"'
            f' font-size="{_fmt(_LABEL_SIZE)}">{escape(bar.shown)}</text>'
        )
    out.append("</svg></figure>")
    return "\n".join(out)
