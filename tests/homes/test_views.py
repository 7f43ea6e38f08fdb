"""The homes' sections of the public site: the boroughs' index, a borough's page, a home's
feeds, downloads and newsletter link, and a partnership between two homes shown on both."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.core.dates import PartialDate
from citypartners.homes.models import Home
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from tests.factories import make_activity, make_city, make_home, make_partnership

pytestmark = pytest.mark.django_db

BOROUGHS = [
    "mitte", "friedrichshain-kreuzberg", "pankow", "charlottenburg-wilmersdorf", "spandau",
    "steglitz-zehlendorf", "tempelhof-schoeneberg", "neukoelln", "treptow-koepenick",
    "marzahn-hellersdorf", "lichtenberg", "reinickendorf",
]  # fmt: skip


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize(("prefix", "segment"), [("/de/", "bezirke"), ("/en/", "boroughs")])
def test_borough_index_links_a_page_per_borough_in_order(client, prefix, segment):
    html = client.get(f"{prefix}{segment}/").content.decode()
    links = re.findall(rf'href="{prefix}{segment}/([a-z-]+)/"', html)
    assert links == BOROUGHS


@pytest.mark.parametrize("language", ["de", "en"])
def test_state_home_page_keeps_its_own_count_and_links_the_boroughs(client, language):
    response = client.get(f"/{language}/")
    text = _text(response)
    own = Partnership.objects.published().current().city_partnerships()
    count = own.filter(home__slug="berlin").count()
    assert f"Berlin {'hat' if language == 'de' else 'has'} {count} " in text
    assert count == 19  # the boroughs' partnerships are theirs, not the State's
    segment = "bezirke" if language == "de" else "boroughs"
    html = response.content.decode()
    for slug in BOROUGHS:
        assert f'href="/{language}/{segment}/{slug}/"' in html


def test_borough_page_lists_its_partners_with_start_years_and_links(client):
    spandau = Home.objects.get(slug="spandau")
    ashdod = Partnership.objects.get(home=spandau.place, partner__name_en="Ashdod")
    response = client.get("/en/boroughs/spandau/")
    html = response.content.decode()
    text = _text(response)
    assert "<h1" in html and "Spandau" in html.split("<h1")[1].split("</h1>")[0]
    assert f'href="/en/partnerships/{ashdod.slug}/"' in html
    assert "Spandau has 6 partner cities" in text
    assert 'href="/en/"' in html  # back to the State
    map_svg = html.split('class="cp-map__frame">')[1].split("</svg>")[0]
    assert map_svg.count('href="/en/partnerships/berlin-spandau-') == 6


def test_borough_page_shows_a_stated_start_year(client):
    html = client.get("/de/bezirke/friedrichshain-kreuzberg/").content.decode()
    assert '<time datetime="1964-04">' in html  # Wiesbaden, since April 1964


def test_borough_page_cites_its_sources_with_publisher_and_date_read(client):
    text = _text(client.get("/en/boroughs/pankow/"))
    assert "Bezirksamt Pankow von Berlin" in text
    assert "read on 1 December 2026" in text


def test_borough_without_accepted_partners_says_so(client):
    state = Home.objects.get(slug="berlin")
    place = make_city(slug="test-bezirk", kind="borough", name_de="Testbezirk",
                      name_en="Test Borough", country_code="DE")  # fmt: skip
    make_home(place=place, kind="borough", parent=state, slug="testbezirk", position=99)
    text = _text(client.get("/en/boroughs/testbezirk/"))
    assert "Test Borough has 0 partner cities" in text
    assert "name no partner city of Test Borough that review could accept" in text


def test_steglitz_zehlendorfs_partners_came_in_through_review_with_their_years(client):
    text = _text(client.get("/en/boroughs/steglitz-zehlendorf/"))
    assert "Steglitz-Zehlendorf has 19 partner cities" in text
    html = client.get("/de/bezirke/steglitz-zehlendorf/").content.decode()
    assert '<time datetime="1968">' in html  # Bröndby, since 1968
    assert "Kazimierz Dolny" in html and "Seoul-Songpa" in html


@pytest.mark.parametrize(
    ("slug", "office", "address"),
    [
        ("spandau", "Bezirksamt Spandau von Berlin", "Carl-Schurz-Straße 2/6"),
        ("steglitz-zehlendorf", "Beauftragte für Partnerschaften", "Kirchstraße 1/3"),
        ("mitte", "Beauftragter für Partnerschaften", "Mathilde-Jacob-Platz 1"),
        ("treptow-koepenick", "Bezirksamt Treptow-Köpenick von Berlin", "Alt-Köpenick 21"),
        ("lichtenberg", "Büro der Bezirksbürgermeisterin", "Bezirksamt Lichtenberg von Berlin"),
    ],
)
def test_borough_page_shows_its_office(client, slug, office, address):
    text = _text(client.get(f"/de/bezirke/{slug}/"))
    assert office in text and address in text
    assert "The registry has no office" not in text


@pytest.mark.parametrize(
    ("slug", "count", "dated", "partners"),
    [
        ("spandau", 6, ["1952", "1959", "1968", "1987", "1988"], ["Siegen", "Nauen", "Luton"]),
        ("friedrichshain-kreuzberg", 9, ["1996-08", "1999-05"], ["Kadıköy", "Sofia-Oborishte"]),
        ("mitte", 13, ["1983-11", "1962", "1980"], ["Bottrop", "Holon", "Tokio-Shinjuku"]),
        ("lichtenberg", 6, ["2015"], ["Wien-Margareten", "Maputo-Kamubukwana"]),
        ("reinickendorf", 5, ["1988-04-30", "1988", "1976-09-15"], ["Bad Steben", "Kiryat Ata"]),
        ("treptow-koepenick", 7, ["1993"], ["Warschau-Mokotów", "Cajamarca"]),
    ],
)
def test_third_round_partners_came_in_through_review_with_their_dates(
    client, slug, count, dated, partners
):
    html = client.get(f"/de/bezirke/{slug}/").content.decode()
    assert f"hat {count} Partnerstädte" in _text(client.get(f"/de/bezirke/{slug}/"))
    for date in dated:
        assert f'<time datetime="{date}">' in html, date
    for name in partners:
        assert name in html, name


def test_every_borough_partnership_cites_a_public_address_read_on_a_date(db):
    partnerships = Partnership.objects.filter(kind="borough_partnership").prefetch_related(
        "sources"
    )
    assert partnerships.count() >= 98
    for partnership in partnerships:
        sources = list(partnership.sources.all())
        assert sources, partnership.slug
        for source in sources:
            assert source.url.startswith("https://"), source.key
            assert source.publisher and source.retrieved_on.is_known, source.key


def test_every_borough_has_an_office_with_a_source(db):
    for home in Home.objects.filter(kind="borough", slug__in=BOROUGHS).select_related("office"):
        assert home.office is not None, home.slug
        assert home.office.sources.exists(), home.slug


def test_every_borough_has_an_office_or_coordinates_each_with_a_source(db):
    for home in Home.objects.filter(kind="borough", slug__in=BOROUGHS).select_related(
        "office", "place"
    ):
        has_office = home.office is not None
        has_point = home.place.latitude is not None
        assert has_office or has_point, home.slug
        if has_office:
            assert home.office.sources.exists(), home.slug
        if has_point:
            assert home.sources.count() >= 2, home.slug  # its documents and the coordinates'


def test_unknown_borough_is_404(client):
    assert client.get("/en/boroughs/atlantis/").status_code == 404
    # A home that is not a borough is not served under the boroughs' address.
    assert client.get("/en/boroughs/berlin/").status_code == 404


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/de/orte/spandau/", "/de/bezirke/spandau/"),
        ("/en/places/berlin/", "/en/"),
    ],
)
def test_each_section_has_one_address(client, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


def test_partnership_between_two_homes_is_one_row_on_both_pages(client):
    paris = Place.objects.get(name_en="Paris")
    make_home(place=paris, slug="paris")
    rows = Partnership.objects.filter(home__slug="berlin", partner=paris)
    assert rows.count() == 1
    (partnership,) = rows
    link = f'href="/en/partnerships/{partnership.slug}/"'
    assert link in client.get("/en/").content.decode()
    paris_page = client.get("/en/places/paris/")
    html = paris_page.content.decode()
    assert link in html
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert ">Berlin</a>" in table and 'href="/en/">' in table  # Berlin's side, and its section
    assert "Paris has 1 partner city" in _text(paris_page)
    assert Partnership.objects.filter(pk=partnership.pk).count() == 1


def test_home_feeds_carry_its_partnerships_activities_only(client):
    pankow = Home.objects.get(slug="pankow")
    own = Partnership.objects.filter(home=pankow.place).first()
    other = Partnership.objects.get(slug="berlin-mexico-city")
    make_activity(partnership=own, starts="2024-05-02", title_en="Pankow youth exchange")
    make_activity(partnership=other, starts="2024-05-03", title_en="Mexico City visit")
    ical = client.get("/en/feeds/homes/pankow.ics").content.decode()
    atom = client.get("/en/feeds/homes/pankow.atom").content.decode()
    for feed in (ical, atom):
        assert "Pankow youth exchange" in feed
        assert "Mexico City visit" not in feed
    html = client.get("/en/boroughs/pankow/").content.decode()
    assert '<link rel="alternate" type="text/calendar" href="/en/feeds/homes/pankow.ics"' in html
    assert 'type="application/atom+xml" href="/en/feeds/homes/pankow.atom"' in html


def test_home_download_holds_its_partnerships_only(client):
    response = client.get("/downloads/homes/neukoelln/partnerships.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    expected = set(
        Partnership.objects.published()
        .filter(home__as_home__slug="neukoelln")
        .values_list("slug", flat=True)
    )
    assert {row["slug"] for row in rows} == expected and len(expected) == 12
    assert {row["home_slug"] for row in rows} == {"berlin-neukoelln"}


def test_newsletter_link_ticks_the_homes_partnerships(client):
    html = client.get("/en/boroughs/pankow/").content.decode()
    assert 'href="/en/newsletter/?home=pankow"' in html
    form = client.get("/en/newsletter/?home=pankow").content.decode()
    ticked = set(re.findall(r'name="partnerships" value="(\d+)"[^>]*checked', form))
    expected = {
        str(pk)
        for pk in Partnership.objects.filter(home__slug="berlin-pankow").values_list(
            "pk", flat=True
        )
    }
    assert ticked == expected and len(expected) == 2


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _many_partners(home: Home, count: int) -> None:
    for _ in range(count):
        make_partnership(home=home.place, partner=make_city())


def test_borough_page_queries_do_not_grow_with_partners(client):
    home = Home.objects.get(slug="reinickendorf")
    few = _queries(client, "/en/boroughs/reinickendorf/")
    _many_partners(home, 30)
    assert _queries(client, "/en/boroughs/reinickendorf/") == few


def test_borough_index_and_state_page_queries_do_not_grow_with_boroughs(client):
    state = Home.objects.get(slug="berlin")
    index, front = _queries(client, "/en/boroughs/"), _queries(client, "/en/")
    for n in range(10):
        borough = make_home(
            place=make_city(kind="borough", parent=state.place),
            kind="borough",
            parent=state,
            position=20 + n,
        )
        _many_partners(borough, 2)
    assert _queries(client, "/en/boroughs/") == index
    assert _queries(client, "/en/") == front


def _bulk_partners(home: Home, countries: list[str], count: int) -> None:
    """`count` partnerships of the home, their partners spread over `countries`, in bulk."""
    partners = Place.objects.bulk_create(
        Place(
            slug=f"bulk-partner-{n}",
            kind="city",
            name_de=f"Partnerort {n:03d}",
            name_en=f"Partner town {n:03d}",
            country_code=countries[n % len(countries)],
            latitude=40 + n % 10,
            longitude=n % 30,
        )
        for n in range(count)
    )
    Partnership.objects.bulk_create(
        Partnership(
            slug=f"bulk-{n}",
            kind="city_partnership",
            operator="municipality",
            home=home.place,
            partner=partner,
            since=PartialDate(1950 + n % 70),
        )
        for n, partner in enumerate(partners)
    )


def test_a_home_with_hundreds_of_partners_lists_them_50_a_page(client):
    home = make_home()
    _bulk_partners(home, ["FR", "PL", "IT"], 120)
    few = _queries(client, f"/en/places/{home.slug}/")
    html = client.get(f"/en/places/{home.slug}/").content.decode()
    assert len(re.findall(r'class="cp-partner-list__item"', html)) == 50
    assert "page 1 of 3" in html and "has 120 partner cities" in _text(
        client.get(f"/en/places/{home.slug}/")
    )
    last = client.get(f"/en/places/{home.slug}/?page=3").content.decode()
    assert len(re.findall(r'class="cp-partner-list__item"', last)) == 20
    _bulk_partners_more = make_partnership(home=home.place, partner=make_city(country_code="JP"))
    assert _bulk_partners_more.pk and _queries(client, f"/en/places/{home.slug}/") == few


def test_above_100_partners_the_map_draws_a_circle_per_country_linking_to_its_list(client):
    home = make_home()
    _bulk_partners(home, ["FR", "PL", "IT"], 120)
    html = client.get(f"/en/places/{home.slug}/").content.decode()
    assert 'id="home-country-map"' in html
    circles = re.findall(r'href="\?country=([A-Z]{2})#partners-heading"', html)
    assert sorted(circles) == ["FR", "IT", "PL"]
    polish = client.get(f"/en/places/{home.slug}/?country=PL").content.decode()
    listed = re.findall(r'class="cp-partner-list__country">([^<]+)<', polish)
    assert len(listed) == 40 and len(set(listed)) == 1
    assert f"Partner cities in {listed[0]}" in polish


def test_a_home_with_few_partners_keeps_the_map_of_cities(client):
    home = make_home()
    _bulk_partners(home, ["FR"], 5)
    html = client.get(f"/en/places/{home.slug}/").content.decode()
    assert 'id="home-country-map"' not in html and "<svg" in html
    assert len(re.findall(r'class="cp-partner-list__item"', html)) == 5


def test_a_home_section_runs_the_same_queries_with_5_and_150_partners(client):
    """Five partners draw the map of cities, 150 the map of countries (and page the list):
    the same queries, on the first page and on a country's."""
    small = make_home()
    for _ in range(5):
        make_partnership(home=small.place, partner=make_city(country_code="PL"))
    large = make_home()
    _bulk_partners(large, ["FR", "PL", "IT"], 150)
    for query in ("", "?country=PL&page=2"):
        few = _queries(client, f"/en/places/{small.slug}/{query}")
        many = _queries(client, f"/en/places/{large.slug}/{query}")
        assert few == many
    assert 'id="home-country-map"' in client.get(f"/en/places/{large.slug}/").content.decode()
