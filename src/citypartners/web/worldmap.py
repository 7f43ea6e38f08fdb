"""Server-drawn world map and year chart as inline SVG.

Why: the public site may not send its visitors to tile servers or script CDNs, and the CSP
forbids inline scripts and styles. So the map is drawn here, in Python, from a small land
outline that ``scripts/build_world_map.py`` projected once from Natural Earth (land only: no
country borders, which would publish de-facto lines a German public body must not draw). The
output is plain SVG markup that works without JavaScript, is keyboard usable (each partner is
an ``<a>``), and carries its own text alternative; every colour comes from classes in
``static/citypartners/site.css``.

Accessibility choice: the map ``<svg>`` has ``role="group"`` (named by its ``<title>`` via
``aria-labelledby`` and described by its ``<desc>`` via ``aria-describedby``), not
``role="img"``. ``img`` has presentational children, so the partner links inside would vanish
for screen readers and axe-core reports focusable content inside it (``nested-interactive``).
``graphics-document`` would be the semantic fit but assistive technology support is thin;
``group`` is understood everywhere and lets each link keep its own name. The chart has no
interactive children and therefore is a ``role="img"``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

__all__ = [
    "MapPoint",
    "equal_earth",
    "land_data",
    "project",
    "render_world_map",
    "render_year_chart",
]

LAND_FILE = Path(__file__).with_name("map_data") / "land.json"

# Equal Earth projection (Šavrič, Patterson, Jenny 2018), unit sphere.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

# Marker and label geometry in viewBox units (the land path is about 1000 units wide).
_MARKER_R = 4.5
_HOME_R = 6.0
_HIT_R = 11.0
_FOCUS_R = 9.0
_LABEL_SIZE = 13.0
_CHAR_W = 0.56 * _LABEL_SIZE  # rough advance width of Fira Sans, enough to avoid overlaps
# Segments of a route half-way round the globe; shorter routes get proportionally fewer, since
# Berlin–Paris is straight at this scale and every point costs a projection and markup.
_ARC_STEPS = 32
_MIN_ARC_STEPS = 2
# Side of the grid cells that label collision checks look up boxes in (viewBox units).
_CELL = 40.0


@dataclass(frozen=True)
class MapPoint:
    """A place on the map; ``label`` is the accessible name of its link.

    ``label`` reads in full, e.g. "Mexico City (Mexico), partner since 1993"; ``name`` is the
    short visible text next to the marker. ``url`` is ignored for the home city.
    """

    name: str
    latitude: float
    longitude: float
    url: str
    label: str


def equal_earth(latitude: float, longitude: float) -> tuple[float, float]:
    """Project degrees to unit Equal Earth coordinates (x east, y north, y up)."""
    lam = math.radians(longitude)
    theta = math.asin(_M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (2 * math.sqrt(3) * lam * math.cos(theta)) / (
        3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1)
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


@lru_cache(maxsize=1)
def land_data() -> dict:
    """The projected land outline and its projection parameters, read once per process."""
    with LAND_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Project degrees to SVG user units of the shipped land outline (y grows downwards)."""
    proj = land_data()["projection"]
    x, y = equal_earth(latitude, longitude)
    scale = proj["scale"]
    tx, ty = proj["translate"]
    return x * scale + tx, ty - y * scale


def _fmt(value: float) -> str:
    """Short, deterministic number formatting for SVG attributes."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _great_circle(a: MapPoint, b: MapPoint) -> list[list[tuple[float, float]]]:
    """Points of the great-circle arc from a to b, split where it crosses the map edge."""

    def vec(p: MapPoint) -> tuple[float, float, float]:
        lat, lon = math.radians(p.latitude), math.radians(p.longitude)
        return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))

    va, vb = vec(a), vec(b)
    dot = max(-1.0, min(1.0, sum(p * q for p, q in zip(va, vb, strict=True))))
    omega = math.acos(dot)
    if omega < 1e-9 or math.isclose(omega, math.pi):
        # Same place or exact antipode: no unique great circle; draw nothing.
        return []
    steps = max(_MIN_ARC_STEPS, math.ceil(_ARC_STEPS * omega / math.pi))
    runs: list[list[tuple[float, float]]] = [[]]
    prev_lon: float | None = None
    for i in range(steps + 1):
        t = i / steps
        s0 = math.sin((1 - t) * omega) / math.sin(omega)
        s1 = math.sin(t * omega) / math.sin(omega)
        x, y, z = (s0 * p + s1 * q for p, q in zip(va, vb, strict=True))
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        if prev_lon is not None and abs(lon - prev_lon) > 180:
            runs.append([])
        runs[-1].append(project(lat, lon))
        prev_lon = lon
    return [run for run in runs if len(run) > 1]


def _route_d(runs: list[list[tuple[float, float]]]) -> str:
    parts = []
    for run in runs:
        (x0, y0), *rest = run
        parts.append(f"M{_fmt(x0)} {_fmt(y0)}" + "".join(f"L{_fmt(x)} {_fmt(y)}" for x, y in rest))
    return "".join(parts)


Box = tuple[float, float, float, float]


class _Taken:
    """The boxes already drawn (markers, labels), filed by grid cell.

    A label is tried in four spots against the boxes near it only: with hundreds of partners,
    comparing each spot with every box drawn so far made labelling quadratic.
    """

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}

    @staticmethod
    def _keys(box: Box) -> list[tuple[int, int]]:
        x0, y0, x1, y1 = box
        xs = range(math.floor(x0 / _CELL), math.floor(x1 / _CELL) + 1)
        ys = range(math.floor(y0 / _CELL), math.floor(y1 / _CELL) + 1)
        return [(i, j) for i in xs for j in ys]

    def append(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)

    def overlaps(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        return any(
            not (x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1)
            for key in self._keys(box)
            for a0, b0, a1, b1 in self._cells.get(key, ())
        )


def _place_label(
    name: str, x: float, y: float, taken: _Taken, width: float, height: float
) -> tuple[float, float, str] | None:
    """Find a spot for a visible label beside a marker; None when there is no room."""
    w = len(name) * _CHAR_W
    h = _LABEL_SIZE
    gap = _MARKER_R + 3
    candidates = [
        (x + gap, y + h * 0.35, "start", (x + gap, y - h / 2, x + gap + w, y + h / 2)),
        (x - gap, y + h * 0.35, "end", (x - gap - w, y - h / 2, x - gap, y + h / 2)),
        (x, y - gap - 2, "middle", (x - w / 2, y - gap - h, x + w / 2, y - gap)),
        (x, y + gap + h, "middle", (x - w / 2, y + gap, x + w / 2, y + gap + h)),
    ]
    for lx, ly, anchor, box in candidates:
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
        if inside and not taken.overlaps(box):
            taken.append(box)
            return lx, ly, anchor
    return None


def _label(
    name: str, x: float, y: float, taken: _Taken, size: tuple[float, float], css: str
) -> str:
    """The visible label of a marker, or "" when it would collide with another."""
    spot = _place_label(name, x, y, taken, *size)
    if spot is None:
        return ""
    lx, ly, anchor = spot
    return (
        f'<text class="{css}" x="{_fmt(lx)}" y="{_fmt(ly)}" text-anchor="{anchor}"'
        f' aria-hidden="true">{escape(name)}</text>'
    )


def render_world_map(
    *,
    home: MapPoint,
    partners: Sequence[MapPoint],
    title: str,
    description: str,
    element_id: str = "partner-map",
    routes: bool = True,
) -> str:
    """Return an inline ``<svg>`` world map with a link per partner and, if ``routes``, a line
    from home to each (the caller's ``description`` must say which).

    Deterministic for equal input. All text and attributes are escaped. Visible labels are
    placed where they do not collide (home first, then partners in the given order); the
    accessible name of every link is its ``label`` whether or not a visible label fits.
    """
    data = land_data()
    vx, vy, width, height = data["viewBox"]
    eid = _attr(element_id)
    hx, hy = project(home.latitude, home.longitude)
    taken = _Taken()
    taken.append((hx - _HOME_R, hy - _HOME_R, hx + _HOME_R, hy + _HOME_R))
    positions = [project(p.latitude, p.longitude) for p in partners]
    for x, y in positions:
        taken.append((x - _MARKER_R, y - _MARKER_R, x + _MARKER_R, y + _MARKER_R))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{eid}" class="cp-map__svg"'
        f' viewBox="{_fmt(vx)} {_fmt(vy)} {_fmt(width)} {_fmt(height)}"'
        f' role="group" aria-labelledby="{eid}-title" aria-describedby="{eid}-desc">',
        f'<title id="{eid}-title">{escape(title)}</title>',
        f'<desc id="{eid}-desc">{escape(description)}</desc>',
        f'<rect class="cp-map__sea" x="{_fmt(vx)}" y="{_fmt(vy)}" width="{_fmt(width)}"'
        f' height="{_fmt(height)}" aria-hidden="true"/>',
        f'<path class="cp-map__land" d="{data["path"]}" aria-hidden="true"/>',
    ]
    if routes:
        out.append('<g class="cp-map__routes" aria-hidden="true">')
        for partner in partners:
            d = _route_d(_great_circle(home, partner))
            if d:
                out.append(f'<path class="cp-map__route" d="{d}"/>')
        out.append("</g>")

    out.append(
        f'<g class="cp-map__home" role="img" aria-label="{_attr(home.label)}">'
        f"<title>{escape(home.label)}</title>"
        f'<circle class="cp-map__home-marker" cx="{_fmt(hx)}" cy="{_fmt(hy)}" r="{_fmt(_HOME_R)}"/>'
        + _label(home.name, hx, hy, taken, (width, height), "cp-map__label cp-map__label--home")
        + "</g>"
    )

    out.append('<g class="cp-map__partners">')
    hit_r, focus_r, marker_r = _fmt(_HIT_R), _fmt(_FOCUS_R), _fmt(_MARKER_R)
    for partner, (x, y) in zip(partners, positions, strict=True):
        centre = f'cx="{_fmt(x)}" cy="{_fmt(y)}"'
        out.append(
            f'<a class="cp-map__partner" href="{_attr(partner.url)}"'
            f' aria-label="{_attr(partner.label)}">'
            f"<title>{escape(partner.label)}</title>"
            f'<circle class="cp-map__hit" {centre} r="{hit_r}"/>'
            f'<circle class="cp-map__focus-ring" {centre} r="{focus_r}"/>'
            f'<circle class="cp-map__marker" {centre} r="{marker_r}"/>'
        )
        out.append(_label(partner.name, x, y, taken, (width, height), "cp-map__label") + "</a>")
    out.append("</g></svg>")
    return "\n".join(out)


# Year chart geometry in viewBox units.
_SLOT = 22.0
_BAR = 14.0
_PLOT_H = 160.0
_TOP = 22.0
_BOTTOM = 26.0
_SIDE = 12.0


def render_year_chart(
    counts: Mapping[int, int], *, title: str, caption: str, element_id: str = "year-chart"
) -> str:
    """Return a ``<figure>`` with an SVG column chart of counts per year.

    One column per calendar year from the first to the last year given (gaps stay visible as
    gaps), the count written above each non-empty column so the chart reads without colour,
    and the full data repeated in the ``<desc>``. The page should also carry a table.
    """
    years = sorted(y for y, c in counts.items() if c > 0)
    fig_open = f'<figure class="cp-chart" id="{_attr(element_id)}-figure">'
    cap = f'<figcaption class="cp-chart__caption">{escape(caption)}</figcaption>'
    if not years:
        return f'{fig_open}{cap}<p class="cp-chart__empty">–</p></figure>'
    first, last = years[0], years[-1]
    span = list(range(first, last + 1))
    peak = max(counts[y] for y in years)
    width = _SIDE * 2 + _SLOT * len(span)
    height = _TOP + _PLOT_H + _BOTTOM
    base = _TOP + _PLOT_H
    every = 5 if len(span) <= 60 else 10
    data_text = "; ".join(f"{y}: {counts[y]}" for y in years)
    uid = _attr(element_id)
    ticks = {first, last} | {
        y for y in span if y % every == 0 and abs(y - first) > 2 and abs(last - y) > 2
    }

    out = [
        fig_open,
        cap,
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cp-chart__svg"'
        f' viewBox="0 0 {_fmt(width)} {_fmt(height)}" role="img"'
        f' aria-labelledby="{uid}-title {uid}-desc">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(data_text)}</desc>',
        f'<line class="cp-chart__axis" x1="{_fmt(_SIDE)}" y1="{_fmt(base)}"'
        f' x2="{_fmt(width - _SIDE)}" y2="{_fmt(base)}"/>',
    ]
    for i, year in enumerate(span):
        cx = _SIDE + _SLOT * i + _SLOT / 2
        value = counts.get(year, 0)
        if value > 0:
            h = max(2.0, _PLOT_H * value / peak)
            out.append(
                f'<rect class="cp-chart__bar" x="{_fmt(cx - _BAR / 2)}" y="{_fmt(base - h)}"'
                f' width="{_fmt(_BAR)}" height="{_fmt(h)}"/>'
                f'<text class="cp-chart__value" x="{_fmt(cx)}" y="{_fmt(base - h - 5)}"'
                f' text-anchor="middle">{value}</text>'
            )
        if year in ticks:
            out.append(
                f'<line class="cp-chart__tick" x1="{_fmt(cx)}" y1="{_fmt(base)}"'
                f' x2="{_fmt(cx)}" y2="{_fmt(base + 4)}"/>'
                f'<text class="cp-chart__year" x="{_fmt(cx)}" y="{_fmt(base + 18)}"'
                f' text-anchor="middle">{year}</text>'
            )
    out.append("</svg></figure>")
    return "\n".join(out)
