"""The home: the place the page speaks for, not the first city it names."""

from __future__ import annotations

import pytest

from citypartners.ingest.extraction import extract
from citypartners.ingest.home import file_words


def _home(text: str, **options) -> str | None:
    home = extract(text, **options)["home"]
    return home["name"] if home else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Besuch aus Frankreich\n\nEine Delegation aus Lyon kam nach Leipzig. Leipzigs "
            "französische Partnerstadt Lyon schickte zwölf Schüler. Lyon ist groß.",
            "Leipzig",
        ),
        ("Die Stadt Lyon ist seit 1981 Partnerstadt von Leipzig. Aus Lyon kamen Gäste.", "Leipzig"),
        ("Die Partnerstädte Berlins sind Paris (1987) und Warschau (1991).", "Berlin"),
        (
            "Minutes of the Tiverton Town Twinning Association\n\nThe committee met to plan a "
            "trip to Hofheim am Taunus. Hofheim sent greetings.",
            "Tiverton",
        ),
        ("Spandau unterhält mehrere Partnerschaften mit Städten in Europa.", "Spandau"),
        (
            "Der Bezirk Treptow-Köpenick pflegt Partnerschaften. Köpenick liegt an der Spree.",
            "Treptow-Köpenick",
        ),
        (
            "Leipzig and its partners\n\nLeipzig and Paris have been partner cities since "
            "1987. A choir from Leipzig sang in Paris.",
            "Leipzig",
        ),
        # a State: its institutions named by its adjective, "Das Land X", "Freistaat X"
        (
            "Regionale Partner (Sächsische Staatskanzlei)\n\nDas Land Sachsen arbeitet mit "
            "seinen Partnerregionen zusammen, darunter Wielkopolska.",
            "Saxony",
        ),
        (
            "Partnerregionen\n\nDie Thüringer Landesregierung empfing Gäste aus Wielkopolska "
            "und Bretagne. Thüringen pflegt Partnerschaften mit beiden Regionen.",
            "Thuringia",
        ),
    ],
)
def test_extract_finds_the_home_from_the_pages_own_voice(text: str, expected: str) -> None:
    assert _home(text) == expected


def test_extract_home_is_not_the_partner_named_after_a_partnership_word() -> None:
    text = (
        "Die Partnerstadt Skopje war zu Gast. Skopje schickte eine Delegation, und Skopje "
        "lud zum Gegenbesuch ein. Nürnbergs Partnerstadt Skopje liegt in Nordmazedonien."
    )
    assert _home(text) == "Nuremberg"


def test_extract_home_argument_wins_over_the_text() -> None:
    assert _home("Leipzigs Partnerstadt Lyon feiert.", home="Lyon") == "Lyon"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair names the page's own place first
        (
            "Proclamation\n\nThe City of Galway and the City of Lorient are sister cities.\n"
            "Lorient-Galway Sister Cities Day is proclaimed.",
            "Lorient",
        ),
        # a district (Landkreis) is no city: kept as written
        (
            "Der Landkreis Emsland pflegt Partnerschaften. Im Landkreis Emsland leben viele "
            "Menschen, die Kontakte nach Polen haben.",
            "Landkreis Emsland",
        ),
    ],
)
def test_extract_finds_pairs_and_districts_as_home(text: str, expected: str) -> None:
    assert _home(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leeds is twinned with Lyon in France and Turin in Italy.", "Leeds"),
        ("In 1990 Augsburg signed a partnership with Lyon.", "Augsburg"),
    ],
)
def test_extract_finds_the_home_from_its_twinning_verb(text: str, expected: str) -> None:
    result = extract(text)
    assert result["home"]["name"] == expected
    assert expected not in {p["city"] for p in result["partnerships"]}


def test_a_small_town_named_again_and_again_without_any_cue_is_the_home() -> None:
    text = (
        "History of Frankenmuth\n\nSettlers came to Frankenmuth in 1845. Frankenmuth grew "
        "around its church. Later Frankenmuth built a school. Some came from Detroit."
    )
    assert _home(text) == "Frankenmuth"


def test_a_small_town_named_not_twice_as_often_as_another_is_no_home() -> None:
    text = (
        "Settlers came to Frankenmuth. Frankenmuth grew. Frankenmuth prospered. Others went "
        "to Saginaw. Saginaw grew too."
    )
    assert _home(text) is None


# --- forms of text that name a home the gazetteer may lack (one test each) -----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the page's own council, named before its kind, kept as written
        (
            "Wendlow Shire Council voted on Tuesday to end its sister city relationship with "
            "Kanazawa. Kanazawa had sent no visitors for years.",
            "Wendlow",
        ),
        # a Gemeinde at the start of a line (the page's heading)
        (
            "Gemeinde Obertrumpfing\n\nUnsere Partnergemeinde Lanzo schickte eine Kapelle. "
            "Lanzo liegt im Piemont.",
            "Obertrumpfing",
        ),
        # the city of the page's own council
        (
            "Der Gemeinderat der Stadt Kleinwellheim hat eine Partnerschaft mit Arras "
            "beschlossen. Arras liegt in Frankreich.",
            "Kleinwellheim",
        ),
        # an association of the partner's side names its own town
        (
            "Brindlewood Sister Cities Inc. welcomed a delegation from Kassel in May.",
            "Brindlewood",
        ),
        # "the Town of X", with the partner named after "our sister city"
        (
            "The Town of Ashcombe thanks our sister city Nantes for the choir. Nantes sang "
            "twice. Nantes will come again.",
            "Ashcombe",
        ),
        # a newspaper's dateline, and one in capitals under a title
        ("Wertlingen. Die Partnerschaften mit Lyon und Prag werden gepflegt.", "Wertlingen"),
        (
            "Partnerfeier im April\n\nOBERHOLZ. Der Bürgermeister unterzeichnete in Lanzo die "
            "Partnerschaftsurkunde.",
            "Oberholz",
        ),
        # "between A and B": the place described for the reader is the other one
        (
            "The twinning between Quimper, in Brittany, and Ballyfearna is twenty years old.",
            "Ballyfearna",
        ),
        (
            "Die Partnerschaft zwischen Obertrumpfing und Lanzo wurde 1990 besiegelt.",
            "Obertrumpfing",
        ),
        # a journey names the partner: the council that travels is the home
        (
            "A Wendlow Shire Council delegation will fly to Kanazawa. In Kanazawa the "
            "delegation visits schools. Kanazawa hosts a ceremony.",
            "Wendlow",
        ),
        # a resolution in capitals: the council's own city, not the city it invites
        (
            "A RESOLUTION OF THE CITY COUNCIL OF THE CITY OF PELLINGTON, FLORIDA, INVITING THE "
            "CITY OF NARA, JAPAN, TO BECOME A SISTER CITY.",
            "Pellington",
        ),
    ],
)
def test_extract_finds_a_home_the_gazetteer_may_lack_from_its_form(
    text: str, expected: str
) -> None:
    assert _home(text) == expected


def test_a_place_named_after_our_sister_city_is_never_the_home() -> None:
    text = "Our sister city Nantes sent a choir. Nantes sang. Nantes will return in June."
    assert _home(text) != "Nantes"


def test_a_patenschaft_is_owned_by_its_sponsor_not_its_ward() -> None:
    text = (
        "Patenschaft über die Heimatgemeinde Komotau\n\nDas Treffen der Heimatgemeinde Komotau "
        "fand statt. Komotau war Thema. Die Patenschaft Erlangens besteht seit 1951."
    )
    assert _home(text) == "Erlangen"


def test_file_words_drop_numbers_language_codes_and_common_words() -> None:
    assert file_words("de-07_mannheim-tag-der-partnerstaedte.txt") == ["mannheim"]
    assert file_words("/uploads/partnerstaedte-erlangen.pdf") == ["erlangen"]
    assert file_words("dev-de-01.txt") == []


def test_the_file_name_names_the_subject_as_a_title_does() -> None:
    text = "Partnerstädte\n\nErlangen und Rennes feiern. Rennes lädt ein. Rennes ist schön."
    assert _home(text, path="partnerstaedte-erlangen.pdf") == "Erlangen"


def test_a_clear_cue_of_the_text_wins_over_the_file_name() -> None:
    text = "Die Stadt Erlangen pflegt Partnerschaften mit Rennes und Jena."
    assert _home(text, path="jena-partnerschaften.txt") == "Erlangen"


def test_a_text_that_names_no_home_takes_the_file_names_place() -> None:
    text = "Our sister cities\n\nGunzenhausen, Germany, has been a sister city since 1961."
    assert _home(text, path="frankenmuth-sister-cities.txt") == "Frankenmuth"
    assert _home(text, path="doc-17.txt") is None


def test_a_district_page_without_its_name_takes_the_district_of_the_file_name() -> None:
    text = (
        "Lebendige Partnerschaften\n\nDer Partnerschaftsausschuss des Landkreises tagte. "
        "Der Ausschuss wird vom Landkreis "
        "gefördert, und im Landkreis gibt es neun Partnerschaften."
    )
    assert _home(text, path="landkreis-musterau-partnerschaften.pdf") == "Landkreis Musterau"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessive before "Partnerschaften" as before "Partnerstadt"
        (
            "Städtepartnerschaften\n\nDie Zusammenarbeit wächst, wie Zürichs Partnerschaften "
            "mit Kunming und San Francisco zeigen.",
            "Zürich",
        ),
        # the village council that travels to its partner Gemeinde, named after the partner
        # word, and the partner's adjectives ("Tuggener") do not make the partner the home
        (
            "Am Wochenende besuchte der Ortschaftsrat von Oberwiesbach die Partnergemeinde "
            "Tuggen. Die Tuggener Delegation empfing die Gäste, und die Tuggener Räte zeigten "
            "das Dorf. In Tuggen wurde gefeiert.",
            "Oberwiesbach",
        ),
        # a pair after a partnership word names the page's own place first
        (
            "Freundschaftsurkunde Obertrumpfing-Lanzo\n\nLanzo schickte eine Kapelle. Lanzo "
            "liegt im Piemont, und aus Lanzo kamen viele Gäste.",
            "Obertrumpfing",
        ),
        # an Irish municipal district
        ("Ballyfearna Municipal District\n\nTwinned with Plouzané since 1985.", "Ballyfearna"),
    ],
)
def test_extract_finds_the_home_from_further_forms(text: str, expected: str) -> None:
    assert _home(text) == expected


def test_a_question_to_the_council_names_no_place() -> None:
    text = (
        "Council agenda\n\nWould Council like to continue the programme? The City of Fort "
        "Collins has sister cities in Japan and Germany."
    )
    assert _home(text) == "Fort Collins"


@pytest.mark.parametrize(
    "text",
    [
        # the heading word of a list is no place
        "Partnerstädte: Lyon (seit 1990) und Prag (seit 1992).",
        # a label before a colon is no dateline without a partnership word on its line
        "Kontakt: Herr Meier\n\nUnsere Partnerstadt Lyon lädt ein.",
        # an ordinary German noun the text also writes with its article
        "Begegnung: Partnerschaft mit Lyon\n\nDie Begegnung fand in Lyon statt.",
    ],
)
def test_ordinary_words_are_never_a_home_kept_as_written(text: str) -> None:
    assert _home(text) is None


# --- forms added for issue 11's wrong homes (decision record 0035) -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report for readers of neither side describes both places; the page's own people
        # are named by their adjective ("Hinterwalder Musikanten")
        (
            "Im Jahr 1991 wurde die Partnerschaft zwischen der Gemeinde Hinterwald in Tirol und "
            "der schwäbischen Gemeinde Oberbirkach besiegelt. Die Hinterwalder Musikanten "
            "reisten nach Oberbirkach. Die Hinterwalder Gäste wurden herzlich empfangen, und "
            "die Hinterwalder Kapelle spielte auf.",
            "Hinterwald",
        ),
        # the partner named before the partnership it enters: "mit der Gemeinde Y eine
        # Partnerschaft einzugehen"
        (
            "Partnergemeinden\n\nIm Gemeinderat von Unterstetten wurde 1983 beschlossen, mit "
            "der Marktgemeinde Hollfeld eine Gemeindepartnerschaft einzugehen. Hollfeld liegt "
            "in Franken. In Hollfeld wurde gefeiert, und Hollfeld lud ein.",
            "Unterstetten",
        ),
        # a page titled "Partnergemeinden" lists its partners under their units' headings,
        # and tells where a partner lies ("der Stadt Aichach (Bayern)")
        (
            "Partnergemeinden\n\nFreundschaftsurkunde Kramsau-Aichach\n\nZwischen der Stadt "
            "Aichach (Bayern) und der Marktgemeinde Kramsau besteht seit 1991 eine Freundschaft. "
            "Der Gemeinderat von Kramsau hatte sie 1990 beschlossen.\n\nStadt Aichach\n\n"
            "Aichach liegt bei Augsburg.",
            "Kramsau",
        ),
        # a name whose capital is no ASCII letter ("Épernay")
        (
            "Besuch in Frankreich\n\nEine Delegation aus Ettlingen reiste im Mai nach Épernay. "
            "Die Ettlinger Gäste wurden empfangen. Die Partnerschaft zwischen Ettlingen und "
            "Épernay besteht seit 1953.",
            "Ettlingen",
        ),
        # a district's name kept whole where a cue names it (its seat's name alone may be
        # another place's name in the gazetteer)
        (
            "Partnerschaften\n\nDer Landkreis Cham pflegt eine Partnerschaft mit dem Bezirk "
            "Klattau.",
            "Landkreis Cham",
        ),
        # the genitive after "Partnerschaft"
        (
            "Die Partnerschaft Uelzens mit Barnstaple besteht seit 1976. Jedes Jahr fahren "
            "Schüler nach Barnstaple.",
            "Uelzen",
        ),
        # an association named "X Sister Cities group"
        (
            "Our German sister city\n\nThe Loveland Sister Cities group visited Lörrach in "
            "June. Lörrach is a town of 49,000. Loveland and Lörrach have been sister cities "
            "since 1987.",
            "Loveland",
        ),
        # the imprint names the page's owner
        (
            "Partnerstädte\n\nLongjumeau (Frankreich) seit 1964 und Hercegszántó (Ungarn) seit "
            "1991.\n\n© 2024 Stadt Bretten",
            "Bretten",
        ),
        (
            "Partnerstädte\n\nLongjumeau (Frankreich) seit 1964 und Hercegszántó (Ungarn) seit "
            "1991.\n\nStadtverwaltung Bretten\nUntere Gasse 9",
            "Bretten",
        ),
        # the town hall by its adjective
        (
            "Besuch aus Krakau\n\nDer Oberbürgermeister empfing im Münchner Rathaus eine "
            "Delegation aus der Partnerstadt Krakau.",
            "Munich",
        ),
    ],
)
def test_extract_finds_the_home_in_reports_lists_and_imprints(text: str, expected: str) -> None:
    assert _home(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Unsere Partnerstädte\n\nWir sind stolz auf unsere Partnerstadt Trient. Seit 1987 "
            "besuchen Schüler aus Kempten jedes Jahr Trient.",
            "Kempten (Allgäu)",
        ),
        (
            "Sister Cities\n\nOur sister city Mito sent a gift of cherry trees. Mito has "
            "270,000 people. Mito is in Japan. Anaheim residents enjoyed the blossoms.",
            "Anaheim",
        ),
    ],
)
def test_a_page_speaking_of_our_partners_is_the_one_other_place_it_names(
    text: str, expected: str
) -> None:
    assert _home(text) == expected


def test_the_one_other_place_must_lie_in_another_country_than_the_partners() -> None:
    # Tokyo lies in the partner's country: it describes the partner, it is no home
    text = "Unsere Partnerstadt\n\nUnsere Partnerstadt Mito liegt nördlich von Tokyo."
    assert _home(text) is None


def test_a_partnership_word_read_as_a_town_is_no_home() -> None:
    # "Twin" is also a Belgian town's name in the gazetteer ("Thuin")
    text = "Twin town news\n\nWe have been twinned with Gouvieux since 1985."
    assert _home(text) is None


def test_a_unit_heading_names_the_home_where_the_title_is_no_partnership_noun() -> None:
    text = "Willkommen\n\nStadt Aichach\n\nAichach pflegt Partnerschaften mit Brixlegg."
    assert _home(text) == "Aichach"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German districts named in one word, with hyphens, or by an adjective
        (
            "Partnerschaften des Hochtaunuskreises\n\nDer Hochtaunuskreis pflegt seit 1986 "
            "eine Partnerschaft mit dem County Sligo.",
            "Hochtaunuskreis",
        ),
        (
            "Der Rhein-Sieg-Kreis und seine Partner\n\nSeit 1991 ist der Rhein-Sieg-Kreis mit "
            "dem Powiat Ostrowski verbunden.",
            "Rhein-Sieg-Kreis",
        ),
        (
            "Partnerschaften\n\nDer Oberbergische Kreis unterhält Partnerschaften mit dem Kreis "
            "Ostrów und mit Sedan.",
            "Oberbergischer Kreis",
        ),
        # a circle of friends is no district
        (
            "Freundschaftskreis Lyon\n\nDer Freundschaftskreis trifft sich. Die Stadt Leipzig "
            "und ihre Partnerstadt Lyon feiern.",
            "Leipzig",
        ),
        # a newspaper's dateline opening a later paragraph, after a title and a teaser
        (
            "Ausschuss tagte\n\nDie Partnerschaften werden gepflegt.\n\nGüstrow. Der Ausschuss "
            "für Städtepartnerschaften hat am Dienstag über die Besuche in Reims und Lyon "
            "beraten und einen Zuschuss beschlossen.",
            "Güstrow",
        ),
        (
            "Besuch aus Polen\n\nGäste kamen.\n\nGüstrow, 12. März 2019 – Eine Delegation aus "
            "der Partnerstadt Ełk war am Wochenende zu Gast, sie besuchte die Schulen und das "
            "Rathaus.",
            "Güstrow",
        ),
        # a borough's office, on a page that names its city far more often
        (
            "Städtepartnerschaften\n\nDas Bezirksamt Pankow pflegt Partnerschaften mit "
            "Kolobrzeg und Ashkelon. Berlin ist groß, Berlin ist bunt, Berlin lädt ein.",
            "Pankow",
        ),
    ],
)
def test_extract_finds_districts_datelines_and_boroughs(text: str, expected: str) -> None:
    assert _home(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X … mit seinen Partnerstädten", the partners under headings of their own
        (
            "Unsere Partnerstädte\n\nÜber Jahrzehnte hat Kempten ein Netzwerk mit seinen "
            "Partnerstädten geknüpft.\n\nTrient, Italien\n\nTrient liegt an der Etsch. Trient "
            "ist alt. Trient hat eine Universität.\n\nSopron, Ungarn\n\nSopron liegt nahe der "
            "Grenze.",
            "Kempten (Allgäu)",
        ),
        # a district page presenting its member towns, each with partners of its own
        (
            "Partner im Landkreis\n\nBesonders viele sind es im Landkreis Musterau, wo 20 von "
            "30 Gemeinden einen Austausch pflegen. Die Stadt Bad Säckingen ist nicht die "
            "einzige, die Partnerschaften unterhält.",
            "Landkreis Musterau",
        ),
        # a village named in passing, by its people's adjective, is a candidate of its own
        (
            "Jubiläum\n\nDie Voitsberger Abordnung reiste nach Polen. Die Voitsberger Kapelle "
            "spielte, und in Voitsberg freut man sich auf den Gegenbesuch.",
            "Voitsberg",
        ),
    ],
)
def test_extract_finds_owners_districts_and_villages(text: str, expected: str) -> None:
    assert _home(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Twinning news\n\nLudlow and its twin towns meet every summer. La Ferté-Macé sent "
            "a band.",
            "Ludlow",
        ),
        # a partner described where it lies before the partnership it enters
        (
            "Marktgemeinde Tamsweg\n\nSeit 1982 besteht mit dem Markt Tamsweg im Lungau "
            "(Salzburger Land) eine Partnerschaft. Tamsweg liegt hoch. Der Unterfeldener "
            "Marktrat reiste nach Tamsweg.",
            "Unterfelden",
        ),
        # a working group is no district
        (
            "Arbeitskreis Partnerschaft\n\nDer Arbeitskreis tagte. Die Stadt Bretten und ihre "
            "Partnerstadt Longjumeau planen ein Fest.",
            "Bretten",
        ),
    ],
)
def test_extract_reads_its_partners_located_partners_and_working_groups(
    text: str, expected: str
) -> None:
    assert _home(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X-Partnerschaften mit Y" names the owner …
        (
            "Freunde motiviert\n\nBesuche im Rahmen der Obertshausen-Partnerschaften mit "
            "Sorgues und Grigny mussten abgesagt werden. Grigny lud ein, Grigny wartet, Grigny "
            "hofft.",
            "Obertshausen",
        ),
        # … but "die 40-jährige Buffalo-Städtepartnerschaft" the partner
        (
            "Delegation feiert 40-jährige Buffalo-Städtepartnerschaft\n\nIn Dortmund wurde "
            "gefeiert. Dortmund lud ein.",
            "Dortmund",
        ),
        # a district presenting itself "in seinem Partnerkreis", a State "mit seinen
        # Partnerregionen", though another place is named first in the sentence
        (
            "Ausstellung\n\nIn Paderborn präsentiert sich der Landkreis Teltow-Fläming in "
            "seinem Partnerkreis Paderborn.",
            "Landkreis Teltow-Fläming",
        ),
        ("Europa\n\nIn Brüssel arbeitet Hessen mit seinen Partnerregionen zusammen.", "Hesse"),
        # friends and guests come from the partner
        (
            "Jubiläum\n\nWarum laufen die Havixbecker mit ihren Freunden aus Lyon gleich am "
            "ersten Tag hoch zur Kapelle? Hoch über Havixbeck ist es schön. Lyon ist weit, "
            "und in Havixbeck feiert man.",
            "Havixbeck",
        ),
    ],
)
def test_extract_reads_owner_compounds_its_partners_and_guests(text: str, expected: str) -> None:
    assert _home(text) == expected


def test_a_region_named_after_a_city_is_no_adjective_of_its_people() -> None:
    text = (
        "Partnerschaft\n\nSeit 1982 besteht mit dem Markt Tamsweg im Lungau (Salzburger Land) "
        "eine Partnerschaft. Der Weg führt über Salzburg."
    )
    assert _home(text) is None
