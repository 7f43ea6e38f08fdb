"""Relations: which places are the home's partners and the date stated for each."""

from __future__ import annotations

import pytest

from citypartners.ingest.extraction import extract


def _partners(text: str, **options) -> dict[str, str | None]:
    return {p["city"]: p["since"] for p in extract(text, **options)["partnerships"]}


def test_bracket_date_survives_a_region_inside_the_bracket() -> None:
    text = (
        "Unsere Partnerstädte sind Cardiff (Wales/Großbritannien, seit 1955) und "
        "St. Louis (Missouri/USA 1960)."
    )
    assert _partners(text, home="Stuttgart") == {"Cardiff": "1955", "St. Louis": "1960"}


def test_founding_cue_dates_a_partner_found_without_a_date() -> None:
    text = (
        "Sacramento and Hamilton, New Zealand were officially recognized as sister cities on "
        "May 25, 1988. Later the council endorsed it on December 6, 1988."
    )
    result = extract(text, home="Sacramento")
    assert {p["city"]: p["since"] for p in result["partnerships"]} == {"Hamilton": "1988-05-25"}
    # the founding day is the start, not an event; the later endorsement stays an event
    assert [e["date"] for e in result["events"]] == ["1988-12-06"]


def test_signing_sentence_of_a_page_about_one_partnership_gives_its_start() -> None:
    text = (
        "The Municipality of Hünenberg has a partnership with Marly. The contract between the "
        "two municipalities was signed on 3 November 2012 in Hünenberg."
    )
    assert _partners(text) == {"Marly": "2012-11-03"}


def test_founding_verb_in_a_partnership_sentence_dates_its_one_partner() -> None:
    text = (
        "Salzburg pflegt Städtepartnerschaften, wie etwa Shanghai und Reims. Zuletzt war es "
        "2009 der Fall, als man mit Shanghai eine Städtepartnerschaft einging."
    )
    assert _partners(text, home="Salzburg") == {"Shanghai": "2009", "Reims": None}


def test_home_districts_are_never_its_partners() -> None:
    text = "Die Partnerstädte Berlins sind Paris (1987) und Spandau (1990)."
    assert _partners(text) == {"Paris": "1987"}


def test_a_date_in_a_friendship_sentence_is_not_a_start() -> None:
    text = "Die Städtefreundschaft mit Reims wurde 1995 unterzeichnet."
    assert _partners(text, home="Salzburg") == {}


def test_one_signing_date_stated_once_for_several_partners_dates_each() -> None:
    text = (
        "Unsere Partnerstädte sind Lyon und Turin. Die Urkunden mit Lyon und Turin wurden "
        "in einem Ring unterzeichnet, am 3. Mai 1962."
    )
    assert _partners(text, home="Ulm") == {"Lyon": "1962-05-03", "Turin": "1962-05-03"}


def test_a_partner_after_a_country_adjective_and_town_noun_is_named() -> None:
    text = "Seit 1992 besteht eine Städtepartnerschaft mit der ungarischen Stadt Pécs."
    assert _partners(text, home="Fulda") == {"Pécs": "1992"}


def test_a_list_of_partners_each_with_in_country_is_one_enumeration() -> None:
    text = "Cork is twinned with Rennes in France, Coburg in Germany and Shanghai in China."
    assert set(_partners(text, home="Cork")) == {"Rennes", "Coburg", "Shanghai"}


def test_an_acute_accent_written_as_apostrophe_keeps_the_name_whole() -> None:
    text = "Unsere Partnerstädte:\n- Xi´an, China seit 1992\n- Lille, Frankreich seit 1960"
    assert _partners(text, home="Dortmund") == {"Xi’an": "1992", "Lille": "1960"}


def test_a_states_partner_regions_in_a_list_are_partners_with_their_dates() -> None:
    text = (
        "Der Freistaat Bayern pflegt folgende Regionalpartnerschaften:\n"
        "- Toskana (Italien): Partnerschaft seit dem 2. März 1998\n"
        "- Wisconsin (USA; seit Mai 2004)\n"
        "Dazu kommen die Partnerprovinzen Hunan und Sichuan.\n"
    )
    result = extract(text)
    assert result["home"]["name"] == "Bavaria"
    found = {(p["city"], p["country"]): p["since"] for p in result["partnerships"]}
    assert found == {
        ("Toscana", "IT"): "1998-03-02",
        ("Wisconsin", "US"): "2004-05",
        ("Hunan", "CN"): None,
        ("Sichuan", "CN"): None,
    }
    assert all(p["geonames_id"] is None for p in result["partnerships"])


def test_a_region_named_on_a_city_page_without_region_partnerships_is_no_partner() -> None:
    text = (
        "Unsere Partnerstädte sind Lyon und Turin. Lyon liegt in der Region Auvergne-Rhône-Alpes."
    )
    assert _partners(text, home="Stuttgart") == {"Lyon": None, "Turin": None}


def test_a_region_written_with_its_country_after_a_slash_joins_the_enumeration() -> None:
    text = "Das Land Sachsen hat Partnerschaften mit den Regionen Małopolska/Polen und Bretagne."
    assert _partners(text) == {"Małopolska": None, "Bretagne": None}


def test_place_lines_under_a_partnership_line_are_partners() -> None:
    text = (
        "Twin towns\n\nThe borough council keeps three twin town links.\n\n"
        "Rouen, France\n\nKoblenz, Rhineland-Palatinate, Germany\n\nNowhere Vale, Poland\n\n"
        "Gdańsk, Poland\n\n"
        "Opening hours\n\nPrague, Czech Republic\n"
    )
    # the last line stands under prose about something else: no partner
    assert _partners(text, home="Norwich") == {"Rouen": None, "Koblenz": None, "Gdańsk": None}


def test_place_lines_without_a_partnership_line_above_are_no_partners() -> None:
    text = "Our offices abroad\n\nRouen, France\n\nKoblenz, Germany\n"
    assert _partners(text, home="Norwich") == {}


def test_a_founded_relationship_names_its_partner_and_date() -> None:
    text = (
        "Sister Cities of our town\n\nThe Kalisz, Poland relationship was officially "
        "established by the mayor on March 3, 2009.\n"
    )
    assert _partners(text, home="Boise") == {"Kalisz": "2009-03-03"}


def test_a_place_that_only_locates_another_is_no_partner() -> None:
    text = "Rüsselsheim, a suburb of Frankfurt, has been twinned with our town since 1979."
    assert _partners(text, home="Evreux") == {"Rüsselsheim am Main": "1979"}


def test_the_two_towns_signing_dates_the_partner_spoken_of_last() -> None:
    text = (
        "The town has a partnership with Kalisz. It is also twinned with Arras in France. "
        "After visits, the charter between the two towns was signed on 4 May 2001."
    )
    assert _partners(text, home="Boise") == {"Kalisz": None, "Arras": "2001-05-04"}


def test_one_founding_date_for_an_enumeration_dates_each_partner_named_later() -> None:
    text = (
        "Schon 1962 schloss die Stadt einen Bund mit Lyon, Turin und Brügge. "
        "Mit Lyon und Brügge besteht bis heute eine Partnerschaft."
    )
    assert _partners(text, home="Augsburg") == {"Lyon": "1962", "Brugge": "1962"}


def test_a_friendship_date_for_an_enumeration_is_no_start() -> None:
    text = (
        "Schon 1962 schloss die Stadt eine Freundschaft mit Lyon, Turin und Brügge. "
        "Mit Lyon und Brügge besteht bis heute eine Partnerschaft."
    )
    assert _partners(text, home="Augsburg") == {"Lyon": None, "Brugge": None}


def test_the_signing_of_a_partnership_charter_names_its_one_partner_and_date() -> None:
    text = (
        "Am 3. Mai 2021 haben der Oberbürgermeister und die Bürgermeisterin der Stadt Lublin "
        "den Städtepartnerschaftsvertrag unterzeichnet."
    )
    assert _partners(text, home="Erfurt") == {"Lublin": "2021-05-03"}


def test_a_renewed_charter_names_a_partner_but_not_its_start() -> None:
    text = "Am 3. Mai 2021 haben Erfurt und Lublin die Partnerschaftsurkunde erneuert."
    assert _partners(text, home="Erfurt") == {"Lublin": None}


@pytest.mark.parametrize(
    "text",
    [
        # an inquiry is no partnership
        "Die Stadt wurde gefragt, ob Interesse an einer Städtepartnerschaft mit Lublin bestünde.",
        # the venue of a conference
        "Bei der Partnerschaftskonferenz 2022 in Leipzig unterzeichnete die Stadt Verträge.",
        # an administrative unit named after its capital
        "1997 unterzeichneten beide die Partnerschaftserklärung mit der Wojewodschaft Krakau.",
        # a person whose surname is a place
        "The twinning charter was signed on 2 May 2019 by Mayor John T. Martin.",
    ],
)
def test_names_that_are_not_partner_cities(text: str) -> None:
    assert _partners(text, home="Erfurt") == {}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # bare lines under a partnership heading
        ("Partnerstädte\n\nLyon\nTurin\nKrakau\n\nKontakt\n", "Augsburg",
         {"Lyon": None, "Turin": None, "Kraków": None}),
        # bare lines under prose are no list
        ("Wir fahren gern nach\n\nLyon\nTurin\n", "Augsburg", {}),
        # "Name, Land (1958)" and "Name/Land (seit 1957)" lines
        ("Städtepartnerschaften\nLyon, Frankreich (1958)\nTurin, Italien (1960)\n", "Augsburg",
         {"Lyon": "1958", "Turin": "1960"}),
        ("Partnerstädte\nLyon/Frankreich (seit 1958)\nTurin/Italien (seit 1960)\n", "Augsburg",
         {"Lyon": "1958", "Turin": "1960"}),
        # an enumeration separated by semicolons, with countries and brackets
        ("Sister Cities: Lyon, France (1958); Turin, Italy (1960).", "Leeds",
         {"Lyon": "1958", "Turin": "1960"}),
        ("Our sister cities are Lyon, France; Turin, Italy; and Kraków, Poland.", "Leeds",
         {"Lyon": None, "Turin": None, "Kraków": None}),
        # "mit X verschwistert"
        ("Die Stadt Augsburg ist seit 1958 mit Lyon verschwistert.", None, {"Lyon": "1958"}),
        # the date before the verb, then a succession
        ("1958 wurde die Partnerschaft mit Lyon besiegelt, 1960 folgte Turin.", "Augsburg",
         {"Lyon": "1958", "Turin": "1960"}),
        # contacts first, the official partnership later: the partnership's date
        ("Kontakte mit Lyon gab es seit 1975, eine offizielle Partnerschaft seit 1980.",
         "Augsburg", {"Lyon": "1980"}),
    ],
)  # fmt: skip
def test_forms_of_partner_lists_and_dates(text: str, home: str | None, expected: dict) -> None:
    assert _partners(text, home=home) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # places of another act in a partnership sentence are no list of partners
        ("Die Gäste aus unserer Partnerstadt Lyon fuhren danach nach München und Salzburg.",
         "Augsburg", {"Lyon": None}),
        ("Leeds has been twinned with Lyon since 1958. The twinning was celebrated in London "
         "and Brussels in 2008.", "Leeds", {"Lyon": "1958"}),
        # a sentence that merely starts with "Our" does not go on a list
        ("Lyon is twinned with Leeds. Our members visited York and Manchester in May.", "Leeds",
         {"Lyon": None}),
        # the partnerships of a partner are not the home's
        ("Augsburg pflegt eine Partnerschaft mit Lyon. Lyon hat Partnerschaften mit Frankfurt, "
         "Mailand und Birmingham.", "Augsburg", {"Lyon": None}),
        # list openers: "zu den Städten", "wie etwa", "Mit A und B bestehen …"
        ("Partnerschaftliche Beziehungen bestehen zu den Städten Lyon (Frankreich) und Turin.",
         "Augsburg", {"Lyon": None, "Turin": None}),
        ("Augsburg pflegt Städtepartnerschaften, wie etwa Lyon, Turin oder Krakau.", "Augsburg",
         {"Lyon": None, "Turin": None, "Kraków": None}),
        ("Mit Lyon und Turin bestehen bis heute Partnerschaften.", "Augsburg",
         {"Lyon": None, "Turin": None}),
        # a place inside a partner's bracket does not break the list
        ("Partnerschaften bestehen mit Cardiff (Wales, seit 1955), St. Louis (Missouri/USA 1960) "
         "und Straßburg (Frankreich, 1962).", "Stuttgart",
         {"Cardiff": "1955", "St. Louis": "1960", "Strasbourg": "1962"}),
    ],
)  # fmt: skip
def test_which_enumerations_a_partnership_word_governs(
    text: str, home: str, expected: dict
) -> None:
    assert _partners(text, home=home) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("Zu den Partnerstädten gehören Lyon und Turin.", "Augsburg",
         {"Lyon": None, "Turin": None}),
        ("Seit 1958 ist Lyon Partnerstadt von Augsburg.", None, {"Lyon": "1958"}),
        ("Augsburg ist mit Lyon, Turin und Krakau partnerschaftlich verbunden.", None,
         {"Lyon": None, "Turin": None, "Kraków": None}),
        ("Leeds – Lyon: Städtepartnerschaft seit 1958", None, {"Lyon": "1958"}),
        ("Leeds and Lyon became sister cities in 1958, and Leeds and Turin in 1962.", None,
         {"Lyon": "1958", "Turin": "1962"}),
        # no page voice at all: no home, and no partner can be told from it
        ("1958 unterzeichneten Augsburg und Lyon die Partnerschaftsurkunde.", None, {}),
    ],
)  # fmt: skip
def test_partners_with_the_home_read_from_the_same_sentence(
    text: str, home: str | None, expected: dict
) -> None:
    assert _partners(text, home=home) == expected


def test_a_pronoun_sentence_dates_the_one_partner_named_before_it() -> None:
    text = "Augsburg pflegt eine Partnerschaft mit Lyon. Diese besteht seit 1969."
    assert _partners(text, home="Augsburg") == {"Lyon": "1969"}


def test_a_pronoun_sentence_after_several_partners_dates_none() -> None:
    text = "Augsburg hat Partnerschaften mit Lyon und Turin. Diese besteht seit 1969."
    assert _partners(text, home="Augsburg") == {"Lyon": None, "Turin": None}


def test_an_adjective_of_origin_between_the_partnership_and_its_city() -> None:
    text = "Augsburg pflegt eine Partnerschaft mit dem französischen Bourges."
    assert _partners(text, home="Augsburg") == {"Bourges": None}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # an enumeration with a country and a date in each bracket
        ("Partnerschaften bestehen mit Trévalan (Frankreich, seit 1962) und Castelvero "
         "(Italien, seit 1975).", "Mössingen", {"Trévalan": "1962", "Castelvero": "1975"}),
        # place lines "Name, Land (Jahr)" under a partnership heading
        ("Unsere Partnergemeinden\nTrévalan, Frankreich (1958)\nCastelvero, Italien (1960)\n",
         "Mössingen", {"Trévalan": "1958", "Castelvero": "1960"}),
        # table rows "Name | Land | Jahr"
        ("Partnerstädte\nTrévalan | Frankreich | 1962\nCastelvero | Italien | 1975\n",
         "Mössingen", {"Trévalan": "1962", "Castelvero": "1975"}),
        # bulleted items with a vehicle code
        ("Partnergemeinden\n- Trévalan (F)\n- Castelvero (I, 1990)\n", "Mössingen",
         {"Trévalan": None, "Castelvero": "1990"}),
        # "twinned with X, France" and "X in Country" in English
        ("Leeds has been twinned with Trévalan, France since 1979.", "Leeds",
         {"Trévalan": "1979"}),
        # a country's adjective and a place noun
        ("Mössingen ist seit 1990 mit der französischen Gemeinde Montaveline verschwistert.",
         "Mössingen", {"Montaveline": "1990"}),
        # a charter signed in a place shown before to be one
        ("The link between Leeds and Hallowmere, Wales was proposed in 2017. The mayor visited "
         "Hallowmere and signed the Twinning Charter on 7 September 2019.", "Leeds",
         {"Hallowmere": "2019-09-07"}),
    ],
)  # fmt: skip
def test_partners_geonames_lacks_with_their_country_and_date(
    text: str, home: str, expected: dict
) -> None:
    result = extract(text, home=home)["partnerships"]
    assert {p["city"]: p["since"] for p in result} == expected
    assert all(p["geonames_id"] is None and p["country"] for p in result)


@pytest.mark.parametrize(
    "text",
    [
        # no country evidence: an unknown name stays unknown
        "Unsere Partnergemeinde Trévalan feiert ihr Jubiläum.",
        # a place named in passing, no partnership
        "Unsere Schüler besuchten im Sommer Trévalan (Frankreich).",
        # German nouns beside a country in a partnership sentence
        "Die Partnerschaft bringt uns Kontakte zu Schulen in Frankreich und Vereinen (Polen).",
        # a place of another place's partnerships
        "Lyon hat Partnerschaften mit Trévalan (Frankreich) und Castelvero (Italien).",
    ],
)
def test_names_geonames_lacks_that_are_no_partners(text: str) -> None:
    assert _partners(text, home="Mössingen") == {}


def test_a_county_list_pairing_its_towns_with_their_twins_names_the_twins() -> None:
    text = (
        "County Longford twinning arrangements include:\n"
        "  • Ballymahon and Trévalan, France\n"
        "  • Longford Town and Kervignac-sur-Lor, Brittany France\n"
    )
    assert _partners(text, home="Longford") == {"Trévalan": None, "Kervignac-sur-Lor": None}


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # districts listed after "Landkreisen", on a district's page
        ("Der Landkreis Havelstedt unterhält Partnerschaften zu den Landkreisen "
         "Rendsburg-Eckernförde und Siegen-Wittgenstein.", "Landkreis Havelstedt",
         {"Rendsburg-Eckernförde": None, "Siegen-Wittgenstein": None}),
        # a district in a signing sentence; the home's own name inside it is the home
        ("Am 16. November 1991 wurde in Neuss die Partnerschaftsurkunde zwischen dem Rhein-Kreis "
         "Neuss und dem Kreis Prignitz unterzeichnet.", "Rhein-Kreis Neuss",
         {"Prignitz": "1991-11-16"}),
        # a foreign district by its adjective
        ("Seit 1994 besteht die Partnerschaft mit dem polnischen Kreis Ostrzykowo.",
         "Rhein-Kreis Neuss", {"Ostrzykowo": "1994"}),
    ],
)  # fmt: skip
def test_districts_as_partners(text: str, home: str, expected: dict) -> None:
    result = extract(text, home=home)["partnerships"]
    assert {p["city"]: p["since"] for p in result} == expected
    assert {p["country"] for p in result} == {"PL" if "polnischen" in text else "DE"}


def test_a_village_located_in_a_district_is_no_district() -> None:
    text = "Die Partnerschaft führt uns in ein Dorf im Kreis Ostrzykowo."
    assert _partners(text, home="Mössingen") == {}


def test_a_day_written_with_dots_before_partnerstadt_von_the_home() -> None:
    text = "Lyon ist seit dem 15.10.1976 Partnerstadt von Sinsheim."
    assert _partners(text, home="Sinsheim") == {"Lyon": "1976-10-15"}


def test_places_of_a_partners_description_are_no_partners() -> None:
    text = (
        "Kilrush is twinned with Plouzané. Plouzané is currently twinned with Piedrabuena too. "
        "The benefits of twinning are well known. It is four hours' drive from Cherbourg, "
        "Roscoff and Nantes."
    )
    assert _partners(text, home="Kilrush") == {"Plouzané": None}


def test_a_country_heading_gives_the_names_listed_under_it_their_country() -> None:
    text = (
        "Unsere Partnergemeinden\n\nFrankreich:\n- Trévalan (seit 1997)\n- Montaveline\n\n"
        "Polen\n- Ostrzykowo\n\nKontakt\nRathaus, Marktplatz 1\n"
    )
    result = extract(text, home="Mössingen")["partnerships"]
    assert {(p["city"], p["country"], p["since"]) for p in result} == {
        ("Trévalan", "FR", "1997"),
        ("Montaveline", "FR", None),
        ("Ostrzykowo", "PL", None),
    }


def test_names_under_a_country_heading_without_a_partnership_heading_are_no_partners() -> None:
    text = "Unsere Reiseziele\n\nFrankreich:\n- Trévalan\n- Montaveline\n"
    assert _partners(text, home="Mössingen") == {}


def test_a_signing_after_a_colon_is_read_apart_from_the_friendship_before_it() -> None:
    text = (
        "Im Herbst jährt sich die Städtefreundschaft zum 25. Mal: Am 10.10.1998 wurde die "
        "Partnerschaftsurkunde zwischen Prochowice und der Hansestadt Warburg unterzeichnet."
    )
    assert _partners(text, home="Warburg") == {"Prochowice": "1998-10-10"}
    # the friendship alone names no partner
    assert _partners(text.split(":")[0] + ".", home="Warburg") == {}
