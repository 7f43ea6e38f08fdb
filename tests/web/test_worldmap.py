"""Tests for the server-drawn world map and year chart (no database, no Django needed)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from citypartners.web.worldmap import (
    MapPoint,
    land_data,
    project,
    render_world_map,
    render_year_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
BERLIN = MapPoint("Berlin", 52.52, 13.405, "/", "Berlin, home city")
PARTNERS = [
    MapPoint("Mexico City", 19.43, -99.13, "/en/partners/mexico-city/", "Mexico City, since 1993"),
    MapPoint("Paris", 48.86, 2.35, "/en/partners/paris/", "Paris (France), partner since 1987"),
    MapPoint("Tokyo", 35.68, 139.69, "/en/partners/tokyo/", "Tokyo (Japan), partner since 1994"),
    MapPoint("Buenos Aires", -34.6, -58.38, "/en/partners/ba/", "Buenos Aires, since 1994"),
    MapPoint("Los Angeles", 34.05, -118.24, "/en/partners/la/", "Los Angeles, since 1967"),
]


def render(partners: list[MapPoint] = PARTNERS, **kwargs: str) -> str:
    return render_world_map(
        home=BERLIN,
        partners=partners,
        title=kwargs.get("title", "Berlin's partner cities"),
        description=kwargs.get("description", "A world map with a line from Berlin to each."),
    )


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_world_map_parses_and_is_named_by_title_and_desc() -> None:
    root = parse(render())

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "group"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Berlin's partner cities"
    assert desc is not None and desc.text == "A world map with a line from Berlin to each."
    assert root.get("aria-labelledby") == title.get("id") == "partner-map-title"
    assert root.get("aria-describedby") == desc.get("id") == "partner-map-desc"


def test_world_map_has_one_named_link_per_partner() -> None:
    root = parse(render())

    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == [p.url for p in PARTNERS]
    assert [a.get("aria-label") for a in links] == [p.label for p in PARTNERS]
    assert [a.find(f"{SVG}title").text for a in links] == [p.label for p in PARTNERS]
    assert all(a.find(f"{SVG}circle[@class='cp-map__marker']") is not None for a in links)


def test_world_map_draws_a_route_per_partner_and_land() -> None:
    root = parse(render())

    routes = root.findall(f".//{SVG}path[@class='cp-map__route']")
    land = root.find(f"{SVG}path[@class='cp-map__land']")
    assert len(routes) == len(PARTNERS)
    assert land is not None and len(land.get("d", "")) > 5000


@pytest.mark.parametrize("render_fn", ["map", "chart"])
def test_output_has_no_style_script_or_external_reference(render_fn: str) -> None:
    markup = (
        render() if render_fn == "map" else render_year_chart({1993: 2}, title="t", caption="c")
    )

    assert "style=" not in markup
    assert "<script" not in markup.lower()
    assert "<style" not in markup.lower()
    assert re.findall(r"https?://[^\"'\s]+", markup) == ["http://www.w3.org/2000/svg"]
    for element in parse(markup).iter():
        assert "style" not in element.attrib
        assert not any(k.startswith("on") for k in element.attrib)


def test_world_map_escapes_names_labels_and_urls() -> None:
    evil = MapPoint(
        'A<b>&"c',
        10.0,
        10.0,
        '/x?a=1&b="2"><script>',
        'Label <i>&"quoted"',
    )
    markup = render([evil], title='T <&">', description="D <&>")
    root = parse(markup)

    link = root.find(f".//{SVG}a")
    assert link.get("href") == '/x?a=1&b="2"><script>'
    assert link.get("aria-label") == 'Label <i>&"quoted"'
    assert root.find(f"{SVG}title").text == 'T <&">'
    assert "<script>" not in markup and "<b>" not in markup and "<i>" not in markup


def test_world_map_is_deterministic() -> None:
    from citypartners.web import worldmap

    first = render()
    worldmap._draw.cache_clear()  # drawn anew, not the kept drawing

    assert render() == first


@pytest.mark.parametrize(
    ("east", "west"),
    [
        ((52.52, 13.405), (48.86, 2.35)),  # Berlin is east of Paris
        ((35.68, 139.69), (39.9, 116.4)),  # Tokyo is east of Beijing
        ((48.86, 2.35), (19.43, -99.13)),  # Paris is east of Mexico City
    ],
)
def test_projection_keeps_east_west_order(
    east: tuple[float, float], west: tuple[float, float]
) -> None:
    assert project(*east)[0] > project(*west)[0]


def test_projection_places_cities_plausibly() -> None:
    _, _, width, height = land_data()["viewBox"]
    bx, by = project(52.52, 13.405)
    px, py = project(48.86, 2.35)
    sx, sy = project(-34.6, -58.38)

    assert bx > px and by < py  # Berlin north-east of Paris (y grows downwards)
    assert sy > by and sx < bx  # Buenos Aires south-west of Berlin
    assert 0.5 * width < bx < 0.56 * width  # a little east of the central meridian
    assert 0.1 * height < by < 0.35 * height
    for lat, lon in [(84, -180), (84, 180), (-58, -180), (-58, 180)]:
        x, y = project(lat, lon)
        assert -1 <= x <= width + 1 and -1 <= y <= height + 1


def test_land_data_is_land_only_and_loaded_once() -> None:
    data = land_data()

    assert data is land_data()
    assert data["projection"]["name"] == "Equal Earth"
    assert re.fullmatch(r"[Mlz0-9 .\-]+", data["path"])
    assert "borders" not in data and "countries" not in data


def test_world_map_with_same_city_draws_no_route() -> None:
    root = parse(render([MapPoint("Berlin again", 52.52, 13.405, "/b/", "Berlin again")]))

    assert root.findall(f".//{SVG}path[@class='cp-map__route']") == []
    assert len(root.findall(f".//{SVG}a")) == 1


def test_year_chart_has_title_desc_and_values_as_text() -> None:
    markup = render_year_chart(
        {1987: 1, 1991: 3, 1993: 2, 2025: 1, 2000: 0},
        title="Partnerships by start year",
        caption="Year a partnership began <&>",
    )
    figure = parse(markup)

    assert figure.tag == "figure"
    assert figure.find("figcaption").text == "Year a partnership began <&>"
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text == "1987: 1; 1991: 3; 1993: 2; 2025: 1"
    values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "cp-chart__value"]
    assert values == ["1", "3", "2", "1"]
    assert len(svg.findall(f"{SVG}rect[@class='cp-chart__bar']")) == 4
    years = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "cp-chart__year"]
    assert years[0] == "1987" and years[-1] == "2025"


def test_year_chart_bar_heights_are_proportional() -> None:
    svg = parse(render_year_chart({2000: 1, 2001: 4}, title="t", caption="c")).find(f"{SVG}svg")

    heights = [float(r.get("height")) for r in svg.findall(f"{SVG}rect")]
    assert heights[1] == pytest.approx(4 * heights[0])


def test_year_chart_without_data_says_so_in_text() -> None:
    figure = parse(render_year_chart({}, title="t", caption="No partnerships yet"))

    assert figure.find("figcaption").text == "No partnerships yet"
    assert figure.find(f"{SVG}svg") is None


BERLIN_PARTNERS = [
    MapPoint(name, lat, lon, f"/en/partnerships/berlin-{n}/", f"{name}, partner city")
    for n, (name, lat, lon) in enumerate(
        [
            ("Los Angeles", 34.05, -118.24),
            ("Paris", 48.86, 2.35),
            ("Madrid", 40.42, -3.70),
            ("Istanbul", 41.01, 28.98),
            ("Warsaw", 52.23, 21.01),
            ("Moscow", 55.76, 37.62),
            ("Budapest", 47.50, 19.04),
            ("Brussels", 50.85, 4.35),
            ("Jakarta", -6.21, 106.85),
            ("Tashkent", 41.30, 69.24),
            ("Mexico City", 19.43, -99.13),
            ("Beijing", 39.90, 116.40),
            ("Tokyo", 35.68, 139.69),
            ("Buenos Aires", -34.60, -58.38),
            ("Prague", 50.08, 14.44),
            ("Windhoek", -22.56, 17.08),
            ("London", 51.51, -0.13),
            ("Kyiv", 50.45, 30.52),
            ("Tel Aviv", 32.09, 34.78),
        ]
    )
]


def _label_boxes(root: ET.Element, layout: str) -> list[tuple[str, tuple[float, ...]]]:
    """Each visible label of one layout with the box the renderer reserved for it."""
    from citypartners.web.worldmap import _BASELINE, _CHAR_RATIO, _LINE

    boxes = []
    for text in root.iter(f"{SVG}text"):
        classes = text.get("class", "").split()
        if f"cp-map__label--{layout}" not in classes or "cp-map__label" not in classes:
            continue
        size = float(text.get("font-size"))
        width = len(text.text) * _CHAR_RATIO * size
        x, y = float(text.get("x")), float(text.get("y"))
        left = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor")]
        top = y - _BASELINE * size
        boxes.append((text.text, (left, top, left + width, top + _LINE * size)))
    return boxes


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_every_berlin_partner_has_a_label_inside_the_drawing_and_none_overlap(layout) -> None:
    root = parse(render(BERLIN_PARTNERS))
    _, _, width, height = (float(v) for v in root.get("viewBox").split())

    boxes = _label_boxes(root, layout)
    names = sorted(name for name, _ in boxes)
    assert names == sorted([p.name for p in BERLIN_PARTNERS] + ["Berlin"])
    for name, (x0, y0, x1, y1) in boxes:
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, name
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        for b, (bx0, by0, bx1, by1) in boxes[i + 1 :]:
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a, b)


def test_european_partners_are_linked_in_the_zoomed_panel_once() -> None:
    root = parse(render(BERLIN_PARTNERS))
    world_height = land_data()["viewBox"][3]

    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == [p.url for p in BERLIN_PARTNERS]
    ys = {a.get("aria-label").split(",")[0]: float(a.find(f"{SVG}circle").get("cy")) for a in links}
    for name in ["Paris", "Brussels", "Prague", "Warsaw", "Budapest", "London", "Tel Aviv"]:
        assert ys[name] > world_height, f"{name} is drawn in the Europe panel"
    for name in ["Tokyo", "Los Angeles", "Buenos Aires", "Windhoek", "Tashkent"]:
        assert ys[name] < world_height, f"{name} stays on the world map"
    assert root.find(f".//{SVG}g[@class='cp-map__inset']") is not None


def test_world_map_without_clustered_partners_has_no_zoomed_panel() -> None:
    root = parse(render(PARTNERS[2:]))  # Tokyo, Buenos Aires, Los Angeles

    assert root.find(f".//{SVG}g[@class='cp-map__inset']") is None
    assert float(root.get("viewBox").split()[3]) == land_data()["viewBox"][3]


def test_equal_input_draws_once_and_any_change_of_the_data_draws_again() -> None:
    from citypartners.web import worldmap

    worldmap._draw.cache_clear()
    first = render()
    again = render(list(PARTNERS))  # an equal list, not the same object
    assert again is first
    assert worldmap._draw.cache_info().hits == 1

    moved = [*PARTNERS[:-1], MapPoint("Los Angeles", 34.05, -118.24, "/en/la/", "LA, since 1968")]
    redrawn = render(moved)
    assert redrawn != first
    assert 'href="/en/la/"' in redrawn and "LA, since 1968" in redrawn
    assert "Los Angeles, since 1967" not in redrawn
    assert worldmap._draw.cache_info().misses == 2
