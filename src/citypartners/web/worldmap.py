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
_MARKER_R = 5.0
_HOME_R = 6.5
_HIT_R = 11.0
_FOCUS_R = 9.0
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

# The zoomed panel under the world map, in degrees: (west, east, south, north). Most partners
# of a European home lie in this box, where at world scale their markers and names would pile
# up on a few millimetres of screen.
EUROPE: tuple[float, float, float, float] = (-11.0, 42.0, 29.5, 60.5)
_PANEL_GAP = 14.0
# Two label sizes in viewBox units: "wide" reads at 11-15 px on a map 600-770 px wide,
# "narrow" at about 11 px on a phone's 290 px. The stylesheet shows one of them by width.
LABEL_SIZES = {"wide": 20.0, "narrow": 38.0}
# Marker radius per label layout: the stylesheet draws markers larger on phones (CSS ``r``),
# and labels keep clear of the larger marker.
MARKER_SIZES = {"wide": _MARKER_R, "narrow": 2 * _MARKER_R}
_CHAR_RATIO = 0.6  # generous advance width of Fira Sans per font size, so boxes never underrate
_LINE = 1.25  # a label's box is this many font sizes high: Fira Sans' ascent and descent
_BASELINE = 0.97  # where the baseline sits in that box, in font sizes from its top
_PAD = 2.0


class _Taken:
    """The boxes already drawn (markers, labels), filed by grid cell.

    A label is tried in a few spots against the boxes near it only: with hundreds of partners,
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


@dataclass(frozen=True)
class _Spot:
    x: float
    y: float
    anchor: str
    leader: tuple[float, float, float, float] | None


# Directions tried for a label, nearest first: right, left, above, below, then the diagonals.
_DIRECTIONS = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)]


# Up to this many places every label may move away from its marker (with a leader line); above
# it, a national home's hundreds of partners, only the spots next to a marker are tried, since
# most labels cannot fit anyway and each further try costs a look-up.
FAR_LABELS_MAX = 60
_STEPS = (1.0, 1.8, 2.8, 4.0)


def _place_label(
    name: str,
    x: float,
    y: float,
    taken: _Taken,
    bounds: Box,
    size: float,
    radius: float,
    steps: tuple[float, ...] = _STEPS,
) -> _Spot | None:
    """Find a spot for a visible label near a marker inside ``bounds``; None when there is
    no room. Spots further away get a leader line back to the marker."""
    w = len(name) * _CHAR_RATIO * size
    h = _LINE * size
    for step in steps:
        gap = (radius + 3) * step + (size * (step - 1) * 0.5)
        for dx, dy in _DIRECTIONS:
            cx = x + dx * gap
            cy = y + dy * gap
            if dx > 0:
                x0, anchor = cx, "start"
            elif dx < 0:
                x0, anchor = cx - w, "end"
            else:
                x0, anchor = cx - w / 2, "middle"
            y0 = cy - h / 2 if dy == 0 else (cy - h if dy < 0 else cy)
            box = (x0 - _PAD, y0 - _PAD, x0 + w + _PAD, y0 + h + _PAD)
            inside = (
                box[0] >= bounds[0]
                and box[1] >= bounds[1]
                and box[2] <= bounds[2]
                and box[3] <= bounds[3]
            )
            if not inside or taken.overlaps(box):
                continue
            taken.append(box)
            leader = None
            if step > 1:
                # From the marker's edge to the nearest point of the label's box.
                lx = min(max(x, x0), x0 + w)
                ly = min(max(y, y0), y0 + h)
                length = math.hypot(lx - x, ly - y) or 1.0
                leader = (
                    x + (lx - x) * radius / length,
                    y + (ly - y) * radius / length,
                    lx,
                    ly,
                )
                if leader is not None:
                    taken.append((min(x, lx), min(y, ly), max(x, lx), max(y, ly)))
            return _Spot(
                (x0 if anchor == "start" else x0 + w if anchor == "end" else x0 + w / 2),
                y0 + _BASELINE * size,
                anchor,
                leader,
            )
    return None


def _label_markup(name: str, spot: _Spot | None, css: str) -> str:
    if spot is None:
        return ""
    out = ""
    if spot.leader:
        x1, y1, x2, y2 = spot.leader
        out += (
            f'<line class="cp-map__leader {css}" x1="{_fmt(x1)}" y1="{_fmt(y1)}"'
            f' x2="{_fmt(x2)}" y2="{_fmt(y2)}" aria-hidden="true"/>'
        )
    return out + (
        f'<text class="{css}" x="{_fmt(spot.x)}" y="{_fmt(spot.y)}" text-anchor="{spot.anchor}"'
        f' aria-hidden="true">{escape(name)}</text>'
    )


@dataclass(frozen=True)
class _Panel:
    """Where the zoomed panel sits in the drawing and how it maps world units into it."""

    world_box: Box  # the region's bounding box in world units
    zoom: float
    top: float
    width: float
    height: float

    def place(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.world_box[0]) * self.zoom, self.top + (y - self.world_box[1]) * self.zoom

    @property
    def bounds(self) -> Box:
        return (0.0, self.top, self.width, self.top + self.height)

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.world_box
        return x0 <= x <= x1 and y0 <= y <= y1


def _panel(region: tuple[float, float, float, float], width: float, top: float) -> _Panel:
    west, east, south, north = region
    points = [
        project(lat, lon)
        for lat in (south, north, (south + north) / 2)
        for lon in (west, east, (west + east) / 2)
    ]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = (min(xs), min(ys), max(xs), max(ys))
    zoom = width / (box[2] - box[0])
    return _Panel(box, zoom, top, width, (box[3] - box[1]) * zoom)


def render_world_map(
    *,
    home: MapPoint,
    partners: Sequence[MapPoint],
    title: str,
    description: str,
    element_id: str = "partner-map",
    routes: bool = True,
    inset_title: str = "Europe",
    inset: tuple[float, float, float, float] | None = EUROPE,
) -> str:
    """Return an inline ``<svg>`` world map with a link per partner (see `_draw`).

    The drawing is a pure function of its arguments, and placing the labels of a national
    home's hundreds of partners is most of a home page's time, so the last MEMO_SIZE drawings
    are kept in the process, keyed by everything they are drawn from (each point's name,
    place, link and label, the texts, the options): any change of the registry that the map
    shows changes the key, so the map is redrawn exactly when its data changed (decision
    record 0030).
    """
    return _draw(
        _Drawing(home, tuple(partners), title, description, element_id, routes, inset_title, inset)
    )


@dataclass(frozen=True)
class _Drawing:
    """Everything a map is drawn from: the key of the kept drawings."""

    home: MapPoint
    partners: tuple[MapPoint, ...]
    title: str
    description: str
    element_id: str
    routes: bool
    inset_title: str
    inset: tuple[float, float, float, float] | None


# Drawings kept per process: a home page in two languages, and the sections most visited.
MEMO_SIZE = 64


@lru_cache(maxsize=MEMO_SIZE)
def _draw(drawing: _Drawing) -> str:
    """Return an inline ``<svg>`` world map with a link per partner and, if ``routes``, a line
    from home to each (the caller's ``description`` must say which).

    When at least two places lie in ``inset`` (west, east, south, north in degrees), a zoomed
    panel of that region is drawn under the world map, and those places are marked, linked and
    named there; the world map shows them as plain dots inside a frame. Each partner keeps one
    ``<a>``, in the order given. Deterministic for equal input; all text and attributes are
    escaped. Visible labels are placed twice, once per size of ``LABEL_SIZES``, where they do
    not collide with markers or other labels (home first, then partners in the given order);
    the accessible name of every link is its ``label`` whether or not a visible label fits.
    """
    home, partners, title, description = (
        drawing.home,
        drawing.partners,
        drawing.title,
        drawing.description,
    )
    element_id, routes, inset_title, inset = (
        drawing.element_id,
        drawing.routes,
        drawing.inset_title,
        drawing.inset,
    )
    data = land_data()
    vx, vy, width, world_h = data["viewBox"]
    eid = _attr(element_id)
    hx, hy = project(home.latitude, home.longitude)
    world = [project(p.latitude, p.longitude) for p in partners]

    panel = None
    if inset is not None:
        candidate = _panel(inset, width, world_h + _PANEL_GAP)
        inside = [candidate.contains(x, y) for x, y in [(hx, hy), *world]]
        if sum(inside) >= 2:
            panel = candidate
    height = world_h if panel is None else panel.top + panel.height
    world_bounds = (vx, vy, vx + width, vy + world_h)

    def where(x: float, y: float) -> tuple[float, float, Box, bool]:
        if panel is not None and panel.contains(x, y):
            px, py = panel.place(x, y)
            return px, py, panel.bounds, True
        return x, y, world_bounds, False

    home_at = where(hx, hy)
    partner_at = [where(x, y) for x, y in world]

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{eid}" class="cp-map__svg"'
        f' viewBox="{_fmt(vx)} {_fmt(vy)} {_fmt(width)} {_fmt(height)}"'
        f' role="group" aria-labelledby="{eid}-title" aria-describedby="{eid}-desc">',
        f'<title id="{eid}-title">{escape(title)}</title>',
        f'<desc id="{eid}-desc">{escape(description)}</desc>',
        f'<rect class="cp-map__sea" x="{_fmt(vx)}" y="{_fmt(vy)}" width="{_fmt(width)}"'
        f' height="{_fmt(world_h)}" aria-hidden="true"/>',
        f'<path class="cp-map__land" d="{data["path"]}" aria-hidden="true"/>',
    ]
    if routes:
        out.append('<g class="cp-map__routes" aria-hidden="true">')
        for partner in partners:
            d = _route_d(_great_circle(home, partner))
            if d:
                out.append(f'<path class="cp-map__route" d="{d}"/>')
        out.append("</g>")

    # Boxes nobody's label may cover: every marker, and on the world map the inset's frame.
    taken = {key: _Taken() for key in LABEL_SIZES}
    for key, tk in taken.items():
        r = MARKER_SIZES[key]
        hxp, hyp = home_at[0], home_at[1]
        tk.append((hxp - r - 2, hyp - r - 2, hxp + r + 2, hyp + r + 2))
        for x, y, _, _ in partner_at:
            tk.append((x - r, y - r, x + r, y + r))

    if panel is not None:
        x0, y0, x1, y1 = panel.world_box
        frame = (x0, y0, x1, y1)
        for tk in taken.values():
            tk.append(frame)
        pid = f"{eid}-inset"
        out.append(
            f'<g class="cp-map__inset-marks" aria-hidden="true">'
            f'<rect class="cp-map__inset-frame" x="{_fmt(x0)}" y="{_fmt(y0)}"'
            f' width="{_fmt(x1 - x0)}" height="{_fmt(y1 - y0)}"/>'
            + "".join(
                f'<circle class="cp-map__dot" cx="{_fmt(x)}" cy="{_fmt(y)}" r="2"/>'
                for x, y in [(hx, hy), *world]
                if panel.contains(x, y)
            )
            + "</g>"
        )
        out.append(
            f'<clipPath id="{pid}-clip"><rect x="0" y="{_fmt(panel.top)}"'
            f' width="{_fmt(panel.width)}" height="{_fmt(panel.height)}"/></clipPath>'
            f'<g class="cp-map__inset" aria-hidden="true">'
            f'<rect class="cp-map__inset-bg" x="0" y="{_fmt(panel.top)}"'
            f' width="{_fmt(panel.width)}" height="{_fmt(panel.height)}"/>'
            f'<g clip-path="url(#{pid}-clip)"><path class="cp-map__land"'
            f' vector-effect="non-scaling-stroke"'
            f' transform="translate(0 {_fmt(panel.top)}) scale({panel.zoom:.4f})'
            f' translate({_fmt(-x0)} {_fmt(-y0)})" d="{data["path"]}"/></g></g>'
        )
        for name, size in LABEL_SIZES.items():
            # The panel's name, top left; labels keep clear of it.
            tw = len(inset_title) * _CHAR_RATIO * size
            box = (0.0, panel.top, 10 + tw + _PAD, panel.top + 8 + size * 1.2)
            taken[name].append(box)
            out.append(
                f'<text class="cp-map__panel-title cp-map__label--{name}" x="10"'
                f' y="{_fmt(panel.top + 6 + size)}" font-size="{_fmt(size)}"'
                f' aria-hidden="true">{escape(inset_title)}</text>'
            )

    steps = _STEPS if len(partners) <= FAR_LABELS_MAX else _STEPS[:1]

    def labels(name: str, x: float, y: float, bounds: Box, extra: str = "") -> str:
        return "".join(
            _label_markup(
                name,
                _place_label(name, x, y, taken[key], bounds, size, MARKER_SIZES[key], steps),
                f"cp-map__label cp-map__label--{key}{extra}",
            ).replace("<text ", f'<text font-size="{_fmt(size)}" ')
            for key, size in LABEL_SIZES.items()
        )

    hxp, hyp, hbounds, _ = home_at
    out.append(
        f'<g class="cp-map__home" role="img" aria-label="{_attr(home.label)}">'
        f"<title>{escape(home.label)}</title>"
        f'<circle class="cp-map__home-marker" cx="{_fmt(hxp)}" cy="{_fmt(hyp)}"'
        f' r="{_fmt(_HOME_R)}"/>'
        + labels(home.name, hxp, hyp, hbounds, " cp-map__label--home")
        + "</g>"
    )

    out.append('<g class="cp-map__partners">')
    hit_r, focus_r, marker_r = _fmt(_HIT_R), _fmt(_FOCUS_R), _fmt(_MARKER_R)
    for partner, (x, y, bounds, _) in zip(partners, partner_at, strict=True):
        centre = f'cx="{_fmt(x)}" cy="{_fmt(y)}"'
        out.append(
            f'<a class="cp-map__partner" href="{_attr(partner.url)}"'
            f' aria-label="{_attr(partner.label)}">'
            f"<title>{escape(partner.label)}</title>"
            f'<circle class="cp-map__hit" {centre} r="{hit_r}"/>'
            f'<circle class="cp-map__focus-ring" {centre} r="{focus_r}"/>'
            f'<circle class="cp-map__marker" {centre} r="{marker_r}"/>'
            + labels(partner.name, x, y, bounds)
            + "</a>"
        )
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
