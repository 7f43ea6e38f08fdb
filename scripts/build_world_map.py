#!/usr/bin/env python3
"""Build the land outline for the server-drawn world map.

Why: the public site must not load map tiles or map data from third parties at run time,
and a German public body must not publish de-facto country borders (the usual world files
draw Crimea as Russian). So this script takes the Natural Earth 1:110m *land* outline (no
borders) from the npm package ``world-atlas`` (ISC; Natural Earth is public domain), decodes
its TopoJSON, projects it with Equal Earth, simplifies it and writes one compact SVG path to
``src/citypartners/web/map_data/land.json``. The result is committed; nothing here runs at
request time, and no JavaScript runtime is needed (npm is only used to fetch the package).

Usage::

    python scripts/build_world_map.py                 # fetches world-atlas@2.0.2 via npm pack
    python scripts/build_world_map.py --source land-110m.json
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from citypartners.web.worldmap import equal_earth  # noqa: E402

WORLD_ATLAS = "world-atlas@2.0.2"
OUT = ROOT / "src" / "citypartners" / "web" / "map_data" / "land.json"
WIDTH = 1000.0  # SVG user units across the full projected width (±180°)
PAD = 4.0
Point = tuple[float, float]


def fetch_land_110m(tmp: Path) -> Path:
    """Download the world-atlas package with ``npm pack`` and return land-110m.json."""
    subprocess.run(
        ["npm", "pack", "--silent", WORLD_ATLAS], cwd=tmp, check=True, capture_output=True
    )
    tgz = next(tmp.glob("world-atlas-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package" / "land-110m.json"


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Turn quantized, delta-encoded TopoJSON arcs into lists of (longitude, latitude)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Stitch a ring from arc indices; a negative index ~i means arc i reversed."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(topology: dict, name: str) -> list[list[list[Point]]]:
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            shapes = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            shapes = geometry["arcs"]
        else:
            continue
        for shape in shapes:
            result.append([ring_points(ring, arcs) for ring in shape])
    return result


def unwrap(ring: list[Point]) -> list[Point]:
    """Make longitudes continuous where a ring jumps across the antimeridian (±180°)."""
    out = [ring[0]]
    offset = 0.0
    for (lon0, _), (lon, lat) in pairwise(ring):
        if lon - lon0 > 180:
            offset -= 360
        elif lon0 - lon > 180:
            offset += 360
        out.append((lon + offset, lat))
    return out


def clip(ring: list[Point], limit: float, keep_below: bool) -> list[Point]:
    """Sutherland–Hodgman against one meridian: keep lon <= limit (or >= limit)."""

    def inside(p: Point) -> bool:
        return p[0] <= limit if keep_below else p[0] >= limit

    out: list[Point] = []
    for i, cur in enumerate(ring):
        prev = ring[i - 1]
        if inside(cur) != inside(prev):
            t = (limit - prev[0]) / (cur[0] - prev[0])
            out.append((limit, prev[1] + t * (cur[1] - prev[1])))
        if inside(cur):
            out.append(cur)
    return out


def split_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """Cut a ring that crosses ±180° into the parts east and west of the map edge.

    TopoJSON stores such rings (Chukotka, Fiji) with a jump from +180 to -180; drawn as is,
    that jump becomes a line across the whole map.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in pairwise(ring)):
        return [ring]
    flat = unwrap(ring)
    if abs(flat[-1][0] - flat[0][0]) > 180:
        return []  # winds around a pole (Antarctica); not drawn
    parts = []
    for shift in (-360.0, 0.0, 360.0):
        moved = [(lon + shift, lat) for lon, lat in flat]
        part = clip(clip(moved, 180.0, keep_below=True), -180.0, keep_below=False)
        if len(part) >= 3:
            parts.append(part)
    return parts


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker on projected points (iterative, so deep rings cannot overflow)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, best_i = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, best_i = d, i
        if best > tolerance and best_i > 0:
            keep[best_i] = True
            stack.extend([(first, best_i), (best_i, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: list[Point], tolerance: float) -> list[Point]:
    """Simplify a closed ring by splitting it at the point farthest from its start."""
    if len(ring) < 4:
        return ring
    start = ring[0]
    far = max(range(len(ring)), key=lambda i: math.dist(start, ring[i]))
    a = simplify(ring[: far + 1], tolerance)
    b = simplify(ring[far:], tolerance)
    return a[:-1] + b


def area(ring: list[Point]) -> float:
    return abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def fmt(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def ring_path(ring: list[Point]) -> str:
    """Absolute first point, then relative moves: short and exact to 0.1 units."""
    rounded = [(round(x, 1), round(y, 1)) for x, y in ring]
    if rounded[0] == rounded[-1]:
        rounded = rounded[:-1]
    (x0, y0), *rest = rounded
    parts = [f"M{fmt(x0)} {fmt(y0)}"]
    px, py = x0, y0
    for x, y in rest:
        parts.append(f"l{fmt(x - px)} {fmt(y - py)}")
        px, py = x, y
    return "".join(parts) + "z"


def build(source: Path, tolerance: float, min_area: float, south: float, north: float) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    max_x, _ = equal_earth(0.0, 180.0)
    scale = WIDTH / (2 * max_x)
    _, top_y = equal_earth(north, 0.0)
    _, bottom_y = equal_earth(south, 0.0)
    translate = (WIDTH / 2 + PAD, top_y * scale + PAD)
    height = (top_y - bottom_y) * scale + 2 * PAD

    def proj(lon: float, lat: float) -> Point:
        x, y = equal_earth(lat, lon)
        return x * scale + translate[0], translate[1] - y * scale

    paths = []
    kept = dropped = 0
    for polygon in polygons(topology, "land"):
        outer = polygon[0]
        if max(lat for _, lat in outer) < south:
            dropped += 1  # Antarctica: no partner cities there, saves a third of the height
            continue
        for whole in polygon:
            for ring in split_at_antimeridian(whole):
                projected = simplify_ring([proj(lon, lat) for lon, lat in ring], tolerance)
                if len(projected) < 4 or area(projected) < min_area:
                    dropped += 1
                    continue
                kept += 1
                paths.append(ring_path(projected))
    return {
        "source": f"npm {WORLD_ATLAS}, land-110m.json (Natural Earth 1:110m land, v4.1.0)",
        "licence": "Natural Earth: public domain. world-atlas packaging: ISC, (c) Michael "
        "Bostock. See LICENSE.md beside this file.",
        "note": "Land only, no country borders, by design (docs/decisions/0002).",
        "projection": {
            "name": "Equal Earth",
            "central_meridian": 0,
            "scale": round(scale, 6),
            "translate": [round(translate[0], 6), round(translate[1], 6)],
            "south_limit": south,
            "north_limit": north,
        },
        "viewBox": [0, 0, round(WIDTH + 2 * PAD, 1), round(height, 1)],
        "simplification": {"tolerance": tolerance, "min_area": min_area},
        "rings": kept,
        "dropped_rings": dropped,
        "path": "".join(paths),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="land-110m.json (default: fetch via npm)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=0.7, help="in SVG units")
    parser.add_argument("--min-area", type=float, default=6.0, help="drop smaller rings")
    parser.add_argument("--south", type=float, default=-58.0, help="southern crop, degrees")
    parser.add_argument("--north", type=float, default=84.0, help="northern crop, degrees")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch_land_110m(Path(tmp))
        data = build(source, args.tolerance, args.min_area, args.south, args.north)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT)}: {data['rings']} rings, {len(data['path'])} chars")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
