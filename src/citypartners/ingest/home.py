"""Relations, part 1: whose partnerships the page states (the home).

The home is the page's subject, not the first city it names: "Die Stadt X", "The City of X",
"Der Bezirk X" near the top; else the city named most often and in adjectives ("Berliner").
``--home`` overrides. Everything else about a partnership is relative to the home: the home is
never its own partner, and neither are its own districts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from citypartners.ingest.gazetteer import Gazetteer, PlaceRef, fold
from citypartners.ingest.home_scoring import OWNER_FEATURES, points, weights
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.vocabulary import PARTNER_WORDS
from citypartners.ingest.wordlists import word_set

_HOME_PATTERN = re.compile(
    r"(?:\b[Dd]as\s+(?:Bundes)?[Ll]and|\b(?:[Dd]er\s+)?Freistaat(?:es|s)?|\b(?:[Dd]ie|[Dd]er)\s+(?:Freie[n]?\s+und\s+)?(?:Hanse|Landeshaupt|Bundes|Kreis)?"
    r"[Ss]tadt|\b(?:[Dd]er|[Dd]es)\s+Bezirk[s]?|\b[Dd]ie\s+Gemeinde|"
    r"\b[Tt]he\s+(?:[A-Z][\w-]+\s+){0,2}(?:State|City|Borough|Municipality|Town|Capital)\s+of|"
    r"\b[Ll]a\s+[Vv]ille\s+de|\b[Mm]iasto)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][\w’'.]*(?:[-\s](?:am|an\s+der|upon|on|sur|de|du|la|le)?\s*[A-ZÄÖÜ][\w’'.]*){0,2})"
)

#: a city mentioned in passing must be at least this big to be read as a place at all
PASSING_MIN_POPULATION = 100_000
#: a small town named this often (and twice as often as any other place) is the page's subject
SUBJECT_MENTIONS = 3
_WORD = re.compile(r"[^\W\d_]+")


def key_of(place: PlaceRef) -> object:
    return place.geonames_id if place.geonames_id is not None else fold(place.name)


def same_place(place: PlaceRef | None, other: PlaceRef | None) -> bool:
    return bool(place and other and key_of(place) == key_of(other))


# the initial of a name: any capital Latin letter ("Épernay", "Łódź", "Škofja Loka")
_UPPER = "A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŮŰŹŻŽ"
_NAME = (
    rf"[{_UPPER}][\w.]*(?:[- ](?:(?:am|an der|im|upon|on|sur|de|du|la|le) )?[{_UPPER}][\w.]*)"
    r"{0,2}"
)
_PARTNER_NOUN = (
    r"(?:Partnerst(?:a|ä)dt\w*|Partnergemeinde\w*|Partnerkommune\w*|Partnerlandkreis\w*|"
    r"(?:EU-)?Partnerregion\w*|Regionalpartnerschaft\w*|"
    r"[Ss]ister[\s-]+[Cc]it(?:y|ies)|[Tt]win(?:ned)?[\s-]+[Tt]own\w*|[Pp]artner[\s-]+[Cc]it(?:y|ies))"
)
# "Nürnbergs mazedonische Partnerstadt", "Tiverton's twin towns"
# … and "Zürichs Partnerschaften mit Kunming", "Leeds's partnerships"
_POSSESSIVE = re.compile(
    rf"(?P<name>{_NAME}?)(?:s|’s|'s)\s+(?:(?:[\w-]+\s+){{0,2}}{_PARTNER_NOUN}|"
    rf"(?:Städte)?[Pp]artnerschaft(?:en)?\b|partnerships?\b|twinning\s+links?\b)"
)
# "Partnerstadt von Duderstadt", "sister city of Sacramento", "Partnerstadt der Stadt Ulm"
# a Patenschaft (sponsorship) is no partnership, but its owner is the page's subject as well
_OWNED_NOUN = rf"(?:{_PARTNER_NOUN}|Patenschaft\w*)"
_PARTNER_OF = re.compile(
    rf"{_OWNED_NOUN}\s+(?:von|of|to|der\s+Stadt|der\s+Gemeinde|des\s+Bezirks)\s+(?P<name>{_NAME})"
)
# "die Partnerstädte Berlins", "Partnerstadt Leipzigs" (a genitive after the noun)
# … and "die Partnerschaft Uelzens mit Barnstaple", "die Städtepartnerschaften Wittenbergs"
_GENITIVE_AFTER = re.compile(
    rf"(?:{_OWNED_NOUN}|(?:Städte)?[Pp]artnerschaft(?:en)?)[ \t]+(?P<name>[A-ZÄÖÜ]\w+s)\b"
)
# the page's own institutions: "Tiverton Town Twinning Association", "Partnerschaftsverein
# Biberach", "Longford County Council", "Welser Gemeinderat", "Municipality of Hünenberg"
_INSTITUTION = re.compile(
    # not "Im Gemeinderat", "Der Stadtrat": an article or preposition is no name
    rf"(?!(?:Im|In|Vom|Zum|Beim|Am|Der|Die|Das|Dem|Den|Des|The|A|An|Our|Unser\w*)\b)"
    rf"(?P<name>{_NAME})\s+(?:Town\s+Twinning|Twinning\s+(?:Association|Committee|Society|"
    rf"[Gg]roup|Club|Circle)|Sister\s+Cit(?:y|ies)\s+(?:Association|Committee|Commission|"
    rf"Program\w*|Corporation|[Gg]roup|Club|Organi[sz]ation|Alliance))\b|"
    # a German body by its place's adjective: "Welser Gemeinderat", "im Münchner Rathaus"
    rf"\b(?P<adjective>[{_UPPER}][a-zäöüß]+er)[ \t]+"
    rf"(?:Gemeinderat|Stadtrat|Kreistag|Rathaus|Marktrat|Marktgemeinderat)\w*\b|"
    rf"\b(?:Partnerschaftsverein|Partnerschaftskomitee|Städtepartnerschaftsverein|"
    rf"[Mm]unicipality\s+of|[Cc]ommune\s+of|Mayor\s+of|(?:Ober)?[Bb]ürgermeister(?:in)?\s+von|"
    # "der Ortschaftsrat von Unterharmersbach", "der Gemeinderat von Tuggen"
    rf"(?:Ortschafts|Gemeinde|Stadt|Markt|Kreis)rat(?:es)?\s+von|"
    # the page's own administration, in its imprint: "Stadtverwaltung Bretten"
    rf"(?:Stadt|Gemeinde|Markt|Kreis)verwaltung|"
    # a borough's: "Bezirksamt Pankow", "Bezirksbürgermeisterin von Pankow"
    rf"Bezirksamt(?:es)?|Bezirksbürgermeister(?:in)?\s+von|Bezirksverordnetenversammlung)"
    rf"[ \t]+(?P<name2>{_NAME})"
)
# "Spandau unterhält acht Partnerschaften", "Bonn has partnerships with", "X is twinned with"
_MAINTAINS = re.compile(
    rf"(?P<name>{_NAME})\s+(?:(?:unterhält|pflegt|hat|has|maintains|enjoys|signed|"
    rf"unterzeichnete|schloss|concluded|established|begründete)\b[^.\n]{{0,60}}?(?:Partnerschaft|"
    rf"Partnerst|partnership|twin|sister)|(?:is|has\s+been|ist|wurde)\s+[^.\n]{{0,60}}?"
    rf"(?:twinned|verschwistert|partnerschaftlich\s+verbunden))"
)
# a State's own institutions, named with its adjective: "Thüringer Staatskanzlei", "Hessische
# Landesvertretung", "die Bayerische Staatsregierung"
_STATE_ORGAN = re.compile(
    r"\b(?P<adjective>[A-ZÄÖÜ][a-zäöüß]+(?:er|ische[nr]?))\s+(?:Staatskanzlei|Landesregierung|"
    r"Staatsregierung|Landesvertretung|Landtag\w*|Ministerpräsident\w*|Landeshauptstadt)"
)
# "Somerville-Tiznit Sister Cities Day", "50 Jahre Städtepartnerschaft Stuttgart-Mumbai": a pair
# names the page's own place first
_PAIR_TITLE = re.compile(
    r"\b(?P<first>[A-ZÄÖÜ][\w’'.]+)(?:[-–]|[ \t][-–][ \t])(?P<second>[A-ZÄÖÜ][\w’'.]+)"
    r"[ \t]*:?[ \t]+(?:Sister|Twin|Partner|"
    r"Friendship|Städtepartnerschaft|Partnerschaft|Freundschaft)"
)
# … and the pair after the word: "50 Jahre Städtepartnerschaft Stuttgart – Mumbai",
# "Freundschaftsurkunde Brixlegg-Aichach", "Twinning Tiverton–Hofheim"
_PAIR_AFTER = re.compile(
    r"(?:[Pp]artnerschaft\w*|[Ff]reundschaft\w*|Twinning|Jumelage)[ \t]+"
    r"(?P<first>[A-ZÄÖÜ][\w’'.]+)(?:[-–/]|[ \t][-–/][ \t])(?P<second>[A-ZÄÖÜ][a-zäöüß’'.]+)"
)
_TOP = 5000
_GENERIC_LEAD = re.compile(
    r"^(?:(?:A|An|Der|Die|Das|The|Bezirk|Stadt|Gemeinde|Landkreis|Kreis|City|Town|Borough|"
    r"Copyright|Home|Startseite|Welcome)\s+)+"
)
# a trailing word that names the kind of unit, not the place: "Campaspe Shire", "Wicklow Town"
_GENERIC_TAIL = re.compile(r"(?:\s+(?:Shire|City|Town|Borough|County|District|Municipal))+$")

# The page's own unit, named by its kind; the name is taken as written when the gazetteer lacks
# it (villages, Gemeinden, Märkte, boroughs, councils): "Gemeinde Niederwinkling", "Markt
# Mallersdorf", "Stadt Wertheim", "the Town of Fountain Hills", "the Borough of Calderdale"
_OWN_UNIT = re.compile(
    r"(?m)"
    # at the start of a line or sentence ("Gemeinde Lesachtal", "Die Marktgemeinde X"), or
    # after the unit's own body ("Gemeinderat der Stadt Mannheim"); not "von der Gemeinde X",
    # which names one member of a district
    rf"(?:(?:^|(?<=[.!?:][ \t]))[ \t]*(?:(?:Die|Der|Das)[ \t]+)?|"
    # the imprint's owner: "© 2024 Stadt Bretten"
    rf"(?:©|\(c\)|Copyright)[ \t]+(?:\d{{4}}[ \t]+)?|(?:Gemeinderat|Stadtrat|"
    rf"Marktgemeinderat|(?:Ober)?[Bb]ürgermeister\w*|Verwaltung|Rathaus)[ \t]+de[rs][ \t]+)"
    rf"(?:Gemeinde|Ortsgemeinde|Marktgemeinde|Verbandsgemeinde|Samtgemeinde|Markt|Stadt)"
    rf"[ \t]+(?P<name>{_NAME})|"
    # "A Resolution of the City Council of the City of X": the council's own city
    rf"\b(?:City|Town|County|Borough|Shire)\s+Council\s+of\s+(?:the\s+)?(?:City|Town|County|"
    rf"Borough|Shire)\s+of\s+(?P<name3>{_NAME})"
)
# a district as the page's subject: "Landkreis Straubing-Bogen", "der Kreis Bergstraße", "des
# Landkreises Kassel", "Rhein-Kreis Neuss", "County Longford"
_DISTRICT = re.compile(
    r"\b(?P<noun>Landkreis|Kreis)(?:es)?[ \t]+(?P<name>[A-ZÄÖÜ][\w.]+(?:-[A-ZÄÖÜ][\w.]+)?)|"
    r"\b(?P<compound>[A-ZÄÖÜ]\w+-Kreis[ \t]+[A-ZÄÖÜ][\w.]+)|"
    # districts named in one word or by an adjective: "Rhein-Sieg-Kreis", "Hochtaunuskreis",
    # "Eifelkreis Bitburg-Prüm", "Märkischer Kreis", "des Oberbergischen Kreises"
    r"\b(?P<whole>(?:[A-ZÄÖÜ][a-zäöüß]+-)+Kreis|[A-ZÄÖÜ][a-zäöüß]{2,}kreis|"
    r"(?:[A-ZÄÖÜ][a-zäöüß]+-)?[A-ZÄÖÜ][a-zäöüß]+(?:ischer?|ische[nr]|er)[ \t]+Kreis)"
    r"(?:es|e)?\b(?:[ \t]+(?P<seat>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b)?"
)
# a circle of people by what binds them: "Freundschaftskreis", "Partnerkreis"
_PEOPLE_CIRCLE = re.compile(r"(?i)freund|partner|schaft|verein|leute|menschen")
# ordinary nouns in "-kreis" (a circle of people), never a district
_NOT_DISTRICTS = word_set(
    """
    Freundeskreis Arbeitskreis Bekanntenkreis Gesprächskreis Teilnehmerkreis Personenkreis
    Familienkreis Kulturkreis Sprachkreis Wahlkreis Stadtkreis Landkreis Kirchenkreis Helferkreis
    Förderkreis Lesekreis Partnerschaftskreis Kundenkreis Interessentenkreis Expertenkreis
    Unterstützerkreis Vorstandskreis Kollegenkreis Zuhörerkreis Stuhlkreis Sitzkreis Teufelskreis
    Halbkreis Vollkreis Umkreis Verwaltungskreis Regierungskreis Heimatkreis Trägerkreis
    Empfängerkreis Nutzerkreis Leserkreis Gästekreis Mitgliederkreis Initiativkreis Hauskreis
    Jugendkreis Seniorenkreis Frauenkreis Männerkreis Gebetskreis Bibelkreis Singkreis
    Musikkreis Tanzkreis Spielkreis Bastelkreis Stammtischkreis Fachkreis Beraterkreis
    Forschungskreis Schülerkreis Elternkreis Lehrerkreis Gründungskreis Organisationskreis
    Orgakreis Planungskreis Steuerungskreis Sportkreis Turnkreis Bezirkskreis Ortskreis
    """
)
# a name that is a district's: "Landkreis Cham", "Der Kreis Lippe"
_DISTRICT_NAME = re.compile(
    r"^(?:(?:Der|Die|Den|Dem|Des)[ \t]+)?(?P<noun>Landkreis|Kreis)(?:es)?[ \t]+(?P<name>\S.*)$"
)
# the page's own council or association, named before its kind: "Goulburn Mulwaree Council",
# "Campaspe Shire Council", "Wicklow Municipal District", "Fountain Hills Sister Cities Inc.",
# and after it: "Partnerschafts-
# vereinigung Wertheim", "Partnerschaftskomitee Eislingen"
_OWN_BODY = re.compile(
    rf"(?P<name>{_NAME})[ \t]+(?:(?:Shire|Municipal|Regional|District|Town|City|County|Borough)"
    rf"[ \t]+)?Council\b|(?P<name4>{_NAME})[ \t]+Municipal[ \t]+District\b|"
    rf"(?P<name3>{_NAME})[ \t]+Sister[ \t]+Cit(?:y|ies)[ \t]+(?:Inc\b|International\b|Society\b|"
    rf"Foundation\b|Board\b)|"
    rf"\b(?:Partnerschaftsvereinigung|Partnerschaftskomitee|Städtepartnerschaftskomitee|"
    rf"Partnerschaftskomitees|Partnerschaftsausschuss|Städtepartnerschaftsverein)[ \t]+"
    rf"(?:der[ \t]+(?:Stadt|Gemeinde)[ \t]+)?(?P<name2>{_NAME})"
)
# a newspaper's dateline opens the text: "Wertheim. Die Partnerschaften …", "Erlangen – Am
# Samstag …", "Mannheim (dpa) …"; and a title "Eislingen: Partnerstädte"
_DATELINE = re.compile(
    r"^(?P<name>[A-ZÄÖÜ][\w’'-]+(?:[ \t/][A-ZÄÖÜ][\w’'-]+)?)"
    r"(?:[ \t]*\((?:dpa|epd|kna|red|[a-z]{2,4})\)|\.(?=[ \t]*[A-ZÄÖÜ][a-zäöü])|[ \t]+[–—-][ \t]+"
    r"(?=[A-ZÄÖÜ])|:[ \t]+)"
)
# a dateline in capitals at the start of a paragraph near the top: "MARIA NEUSTIFT. „Was …"
_CAPITAL_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-ZÄÖÜ]{3,}(?:[ -][A-ZÄÖÜ]{2,}){0,2})(?:\.|[ \t]+[–—-])[ \t]+\S"
)
_DATELINE_REACH = 1500
# a dateline opening a later paragraph (after a title and a teaser): "Eschweiler. Der
# Ausschuss …", "Eschweiler (red) – Am …", "Eschweiler, 12. März 2019 –"; a paragraph of its own,
# so a heading "Lyon. Paris." is none
_PARAGRAPH_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-ZÄÖÜ][a-zäöüß’'-]+(?:[ \t/-][A-ZÄÖÜ][a-zäöüß’'-]+)?)"
    r"(?:[ \t]*\((?:[a-z]{2,4})(?:/[a-z]{2,4})?\))?(?:\.|[ \t]+[–—-]|,[ \t]+\d{1,2}\.)[ \t]+"
    r"(?=[A-ZÄÖÜ„\"\d])(?=[^\n]{80})"
)
_TITLE_MAX = 150
_AFTER_ARTICLE = re.compile(
    # German only: German nouns are capitalised, English ones are not ("the Campaspe community"
    # is a place)
    r"\b(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Dd]es|[Ee]ine?[mnrs]?|[Uu]nsere?[mnrs]?)"
    r"[ \t]+([A-ZÄÖÜ][\w-]+)\b(?![ \t]+[A-ZÄÖÜ])"
)
# the district speaking of itself without its name: "des Landkreises", "vom Landkreis gefördert"
_UNNAMED_DISTRICT = re.compile(
    r"\b(?:des|dem|vom|im|der|den)[ \t]+Landkreis(?:es)?\b(?![ \t]+[A-ZÄÖÜ])"
)
# a leading " date 2020-03" line and lines that are only a date are no title
_DATE_LINE = re.compile(r"^\s*(?:date\s+)?[\d./ -]{4,}\s*")
# a place named right after a partnership word is a partner, never the home: "unsere Partnerstadt
# Oyonnax", "our sister city Shiroi", "twinned with Hofheim", "Partnerschaft mit der Stadt Lyon",
# "its Sister City relationship with Shiroi", "the twinning link between Tonbridge and Heusenstamm"
_NAMED_AS_PARTNER = re.compile(
    rf"(?:{_PARTNER_NOUN}|Patenschaft\w*\s+(?:über|für)(?:\s+(?:die|den|das))?"
    rf"(?:\s+[A-ZÄÖÜ]\w*(?:gemeinde|kreis|stadt))?|(?:twinned|verschwistert|[Pp]artnerschaft\w*|partnerships?|"
    rf"relationship|twinning(?:\s+link)?|[Vv]ertrag|agreement|[Ff]reundschaft\w*|friendship)"
    rf"(?:\s+[^\s.;:]+){{0,2}}?\s+(?:mit|with|zu|between\s+(?:\S+\s+){{0,2}}?and))"
    rf"(?:\s+(?:der|dem|den|die|the))?(?:\s+(?!(?:von|of|to|zu|in|im|and|und|des|for|für)\b)"
    rf"[a-zäöü][\w-]*)?"
    rf"(?:\s+(?:Stadt|Gemeinde|Kommune|Landkreis|Kreis|Region|city|town|village|municipality|"
    rf"borough|county|district)(?:\s+of)?)?[ \t:,]*$"
)
_NAMED_AS_PARTNER_REACH = 90
# "the twinning between Kilrush and Plouzané", "die Partnerschaft zwischen der Gemeinde Lesachtal
# und der bayrischen Gemeinde Marktoffingen"
_UNIT_WORDS = r"(?:Stadt|Gemeinde|Marktgemeinde|Markt|town|city|village|municipality)"
_BETWEEN = re.compile(
    rf"(?:{_PARTNER_NOUN}|[Pp]artnerschaft\w*|partnerships?|twinning\w*|twinned)[^.\n]{{0,40}}?"
    rf"\b(?:zwischen|between)[ \t]+(?:(?:der|dem|den|the)[ \t]+)?"
    rf"(?P<adjective>[a-zäöü]\w*(?:ischen|schen|ern)[ \t]+)?(?:{_UNIT_WORDS}[ \t]+(?:of[ \t]+)?)?"
    rf"(?P<first>{_NAME})[^.\n]{{0,30}}?[ \t]+(?:und|and)[ \t]+(?:(?:der|dem|den|the)[ \t]+)?"
    rf"(?P<adjective2>[a-zäöü]\w*(?:ischen|schen|ern)[ \t]+)?(?:{_UNIT_WORDS}[ \t]+(?:of[ \t]+)?)?"
    rf"(?P<second>{_NAME})"
)
# a place described for the reader: "Bannalec, in Brittany", "Lesachtal in Kärnten", "Aichach
# (Bayern)", "Hutthurm aus Bayern"
_DESCRIBED = re.compile(rf"[ \t]*(?:,?[ \t]+(?:in|im|aus|from)[ \t]+[{_UPPER}]|\([{_UPPER}])")
# outbound travel names the partner: "will fly to Shibetsu", "invited … to Aachen", "eine Reise
# nach Lyon"
_TRAVEL_TO = re.compile(
    r"(?i)(?:\b(?:(?:fly|flew|travel\w*|trip|journey|invit\w*(?:\s+\S+){0,4}?)\s+to|inviting)"
    r"(?:\s+the\s+(?:City|Town|Borough|Village|Municipality)\s+of)?|"
    r"\b(?:Reise|Fahrt|reiste[n]?|flogen|fuhren)\s+nach)\s+$"
)
_TRAVEL_REACH = 60
# guests and friends come from the partner: "mit ihren Freunden aus Bellegarde", "Gäste aus der
# Partnerstadt Y", "our friends from Y"
_GUESTS_FROM = re.compile(
    r"\b(?:Gäste[n]?|Freunde[n]?|Freundinnen|Besucher\w*|guests|friends|visitors)[ \t]+"
    r"(?:aus|from)[ \t]+(?:(?:der|dem|the)[ \t]+)?(?:(?:Partner\w*|twin[ \t]+town|sister[ \t]+"
    r"city)[ \t]+)?$"
)
# "die Wettenberg-Partnerschaften": the compound names its owner
_OWNER_COMPOUND = re.compile(
    r"\b(?P<name>[A-ZÄÖÜ][a-zäöüß]{2,}(?<!isch)(?<!ische))-(?:Städte)?[Pp]artnerschaft(?:en)?"
    # only before "mit": "die 40-jährige Buffalo-Städtepartnerschaft" names the partner
    r"[ \t\n]+mit\b"
)
# a partner named before the partnership it enters: "mit der Marktgemeinde Matzen eine
# Gemeindepartnerschaft einzugehen", "mit Lyon eine Städtepartnerschaft geschlossen"; not "A
# verbindet mit B eine Partnerschaft", which names the two sides alike
_WITH_BEFORE = re.compile(
    r"(?<!verbindet )\bmit[ \t]+(?:(?:der|dem|den)[ \t]+)?(?:[a-zäöü]\w*(?:en|er)[ \t]+)?"
    r"(?:(?:Stadt|Gemeinde|Marktgemeinde|Markt|Kommune|Landkreis|Kreis|Region)[ \t]+)?$"
)
_PARTNERSHIP_AFTER = re.compile(
    # "mit dem Markt Mauterndorf im Lungau (Salzburger Land) eine Partnerschaft"
    r"(?:[ \t]+(?:im|in|bei|an[ \t]+der|am)[ \t]+[A-ZÄÖÜ][\w-]*)?(?:[ \t]*\([^()\n]{0,40}\))?"
    r"[ \t]+(?:eine[n]?|die|den|seine|ihre)[ \t]+"
    r"(?:[a-zäöü][\w-]*[ \t]+)?[\w-]*(?:[Pp]artnerschaft|[Ff]reundschaft)"
)
_WITH_REACH = 60
_REGION_ADJECTIVE = re.compile(r"\b([A-ZÄÖÜ]\w+er)[ \t]+(?:Land|Umland|Raum|Becken)\b")
# words of partnership that a gazetteer may also hold as a place's name ("Twin")
_PARTNERSHIP_WORDS = frozenset({"twin", "twins", "sister", "partner", "partners", "twinning"})
# the page speaks of its partners in its own voice
_FIRST_PERSON_PARTNER = re.compile(
    r"\b(?:[Uu]nser(?:e[nrm]?)?|[Oo]ur)[ \t]+(?:[\w-]+[ \t]+)?(?:Partner\w*|"
    r"[Ss]ister[ \t-]+[Cc]it(?:y|ies)|[Tt]win[ \t-]+(?:[Tt]owns?|[Cc]it(?:y|ies))|"
    r"[Pp]artner[ \t-]+(?:[Cc]it(?:y|ies)|[Tt]owns?)|[Tt]winning)|\b(?:We|we)[ \t]+(?:are|have)"
    r"[ \t]+(?:\w+[ \t]+)?twinned"
)
# a page titled by a partnership noun alone ("Partnergemeinden", "Unsere Partnerstädte",
# "Twinned towns") lists its partners: a line that is only a unit's name ("Stadt Aichach",
# "Marktgemeinde Matzen") is the heading of one partner, not the page's own unit
_PARTNER_LIST_TITLE = re.compile(
    r"(?i)^(?:(?:unsere|our|die)[ \t]+)?(?:[\w-]*partner\w*|twin(?:ned)?[ \t]+towns?|"
    r"sister[ \t]+cit(?:y|ies)|twinning)[ \t]*$"
)
_HEADING_LINE_MAX = 60
_ITS_PARTNERS = re.compile(
    r"\b(?:mit[ \t]+)?(?:seine[nrm]?|ihre[nrm]?|its)[ \t]+(?:[\w-]+[ \t]+)?"
    r"(?:Partner(?:städte|stadt|gemeinden?|kommunen|schaften|kreis|landkreis|region|bezirk)\w*|"
    r"[Ss]ister[ \t-]+[Cc]it(?:y|ies)|"
    r"[Tt]win[ \t-]+(?:[Tt]owns?|[Cc]it(?:y|ies))|partner[ \t-]+(?:cit(?:y|ies)|towns?)|"
    r"twinning[ \t]+(?:partners|links))"
)
_DISTRICT_MEMBERS = re.compile(
    r"\b(?:im|des|dem|den)[ \t]+(?P<noun>Landkreis|Kreis)(?:es)?[ \t]+(?P<name>[A-ZÄÖÜ][\w-]+)"
    r"[ \t]*,?[ \t]+(?:wo|in[ \t]+dem|in[ \t]+denen)\b[^.\n]{0,40}?\bGemeinden\b|"
    r"\bGemeinden[ \t]+(?:des|im)[ \t]+(?P<noun2>Landkreis|Kreis)(?:es)?[ \t]+"
    r"(?P<name2>[A-ZÄÖÜ][\w-]+)"
)
_IMPRINT = re.compile(r"[ \t]*(?:©|\(c\)|Copyright)")
# words a file name shares with every page about partnerships; what remains names its subject
_FILE_STOPWORDS = word_set(
    """
    de en fr dev doc docs text txt pdf html htm www page seite index und and the of der die das
    den dem des von zu mit with for in im am an bei stadt city town gemeinde markt county
    council partnerstadt partnerstaedte partnerstadte partnerschaft partnerschaften
    staedtepartnerschaft staedtepartnerschaften stadtepartnerschaft stadtepartnerschaften
    sister cities twinning twin twinned towns partner partners international internationale
    beziehungen jahre years tag
    """
)


def _title_lines(top: str, count: int = 2) -> list[str]:
    """The first lines that are not only a date (the page's title and heading)."""
    lines = []
    for line in top.splitlines():
        line = _DATE_LINE.sub("", line).strip()
        if line:
            lines.append(line)
            if len(lines) == count:
                break
    return lines


def _heading_line(text: str, at: int, *, starting: bool = False) -> bool:
    """Whether the line around ``at`` is a short heading: a name alone, no sentence (and, with
    ``starting``, whether ``at`` opens it)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    if starting and text[start:at].strip():
        return False
    return 0 < len(line) <= _HEADING_LINE_MAX and not line.endswith((".", "!", "?"))


def _upper_lines_titled(text: str) -> str:
    """All-capital lines written as a title ("THE CITY OF DELRAY BEACH" → "The City of Delray
    Beach") so that the patterns, which read capitalisation, read them too."""
    small = {"of", "the", "and", "to", "in", "an", "am", "der", "de", "upon", "on", "a"}

    def titled(line: str) -> str:
        if not any(ch.isupper() for ch in line) or any(ch.islower() for ch in line):
            return line
        words = re.split(r"(\W+)", line.lower())
        return "".join(
            w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(words)
        )

    return "\n".join(titled(line) for line in text.split("\n"))


def file_words(path: str) -> list[str]:
    """The words of a file's name that may name its subject: "de-07_mannheim-tag-der-
    partnerstaedte.txt" → ["mannheim"]; numbers, language codes and words every partnership
    page shares are dropped, and "ae", "oe", "ue" stand for umlauts."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", PurePath(path).name)
    words = [w for w in re.split(r"[^a-zäöüß]+", stem.casefold()) if w]
    return [w for w in words if w not in _FILE_STOPWORDS and len(w) > 1]


def _fold_file(name: str) -> str:
    """A name folded as a file name would spell it: "Nürnberg" → "nurnberg" and "nuernberg"."""
    return " ".join(re.split(r"[^a-z0-9]+", fold(name))).strip()


def find_home(
    text: str,
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    home: str | None,
    *,
    path: str = "",
) -> PlaceRef | None:
    """The page's subject: ``home`` when given, else the place the page speaks for."""
    if home:
        return gazetteer.resolve(home, countries=("DE",)) or PlaceRef(name=home.strip())
    scores = score_homes(text, mentions, gazetteer, path=path)
    if scores and scores[0][2]:
        return scores[0][0]
    # a text that names no home of its own: the file name's place, if the file names one
    words = file_words(path)
    return _file_place(words, gazetteer) if words else None


@dataclass
class Candidate:
    """A place that may be the page's home, with the forms that name it (its features)."""

    place: PlaceRef
    features: Counter = field(default_factory=Counter)
    mentions: int = 0  # how often the gazetteer's mentions name it
    partner: bool = False  # named right after a partnership word somewhere
    cued: bool = False  # some form other than a bare mention names it

    @property
    def owner(self) -> bool:
        """The page speaks for it as its own (its body, its partnerships)."""
        return any(self.features[name] > 0 for name in OWNER_FEATURES)


def score_homes(
    text: str,
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    *,
    path: str = "",
    using: Mapping[str, float] | None = None,
) -> list[tuple[PlaceRef, float, bool]]:
    """Every candidate home with its points, best first, and whether the best may be taken.

    A place named as a partner is out of the running unless the page also speaks for it as its
    own; the best needs 3 points and either a cue or two mentions.
    """
    using = weights() if using is None else using
    candidates = home_candidates(text, mentions, gazetteer, path=path, using=using)
    return rank_candidates(candidates, using)


def rank_candidates(
    candidates: list[Candidate], using: Mapping[str, float] | None = None
) -> list[tuple[PlaceRef, float, bool]]:
    """The candidates that may be the home, best first, with their points and whether the best
    may be taken."""
    using = weights() if using is None else using
    scored = [(c, points(c.features, using)) for c in candidates if not c.partner or c.owner]
    scored.sort(key=lambda item: -item[1])  # stable: ties keep the order of first evidence
    result = []
    for index, (candidate, score) in enumerate(scored):
        # a city named once (the first partner of a list, say) is no evidence of a home city
        good = (
            index == 0
            and score >= 3
            # its people's adjective ("die Voitsberger Kapelle") names it as well
            and (
                candidate.mentions + candidate.features["adjective"] >= 2
                or (candidate.cued and not candidate.partner)
            )
        )
        result.append((candidate.place, score, good))
    return result


def home_candidates(
    text: str,
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    *,
    path: str = "",
    using: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """Every place the page may speak for, with the forms that name it.

    Evidence, strongest first: the page calls a place's partners its own ("Nürnbergs
    Partnerstadt", "Partnerstadt von Duderstadt"); the page's own institutions ("Tiverton Town
    Twinning Association", "Goulburn Mulwaree Council"); its own unit by kind ("Gemeinde X",
    "The City of X"); a dateline; the title and the file name; how often a city is named and in
    adjectives ("Berliner"). A place written right after a partnership word ("Partnerstadt
    Skopje", "twinned with Hofheim") or as the goal of a journey is a partner, not the home.
    Only the first 5,000 characters are read, each pattern once.
    """
    using = weights() if using is None else using
    top = _upper_lines_titled(text[:_TOP])
    found: dict[object, Candidate] = {}
    genitives: set[object] = set()
    credited: set[int] = set()
    # a word the text writes after a German article ("die Vorlage", "das Treffen") is an
    # ordinary noun, never a place kept as written
    nouns = set(_AFTER_ARTICLE.findall(top))

    def candidate(key: object, place: PlaceRef) -> Candidate:
        if key not in found:
            found[key] = Candidate(place)
        return found[key]

    def named_as_partner(at: int, within: str = top, end: int | None = None) -> bool:
        reach = max(0, at - _NAMED_AS_PARTNER_REACH)
        if _NAMED_AS_PARTNER.search(within, reach, at):
            return True
        # "mit der Gemeinde Y eine Partnerschaft": the name's end is known for mentions only
        return bool(
            end is not None
            and _PARTNERSHIP_AFTER.match(within, end)
            and _WITH_BEFORE.search(within, max(0, at - _WITH_REACH), at)
        )

    def credit(
        name: str, feature: str, at: int | None = None, *, as_written: bool = False
    ) -> object | None:
        district = _DISTRICT_NAME.match(name.strip())
        if district:
            # "Der Landkreis Cham pflegt …": the district as written, not its seat's name
            # (which the gazetteer may take for another place)
            place = PlaceRef(name=f"{district['noun']} {district['name']}")
            key = key_of(place)
            places.setdefault(key, place)
            entry = candidate(key, place)
            entry.features[feature] += 1
            entry.cued = True
            return key
        name = _GENERIC_LEAD.sub("", name.strip())
        place = _resolve_name(name, gazetteer)
        if (
            "-" in name
            and not gazetteer.country_code(name)
            and (place is None or (place.geonames_id is not None and place.name != name))
        ):
            # a borough or merged town the gazetteer lacks ("Charlottenburg-Wilmersdorf")
            place = PlaceRef(name=name)
        if place is None and as_written and name not in nouns:
            place = _as_written(name, gazetteer)
        if place is None:
            return None
        key = key_of(place)
        places.setdefault(key, place)
        if at is not None:
            if at in credited:  # one name, one cue: "Die Stadt X" is both a unit and a city
                return None
            credited.add(at)
        if at is not None and named_as_partner(at):
            entry = candidate(key, places[key])
            entry.features["named_as_partner"] += 1
            entry.partner = True
            return None
        if at is not None and _TRAVEL_TO.search(top, max(0, at - _TRAVEL_REACH), at):
            candidate(key, places[key]).features["travel_goal"] += 1
            return None
        entry = candidate(key, places[key])
        entry.features[feature] += 1
        entry.cued = True
        return key

    places: dict[object, PlaceRef] = {}
    for match in _POSSESSIVE.finditer(top):
        name = match.group("name")
        # "Paris have been partner cities": a name ending in s is no genitive of a shorter one
        whole = _resolve_name(name + "s", gazetteer)
        if (
            top[match.end("name")] == "s"
            and whole is not None
            and fold(whole.name) == fold(name + "s")
        ):
            continue
        credit(name, "possessive")
    for match in _OWNER_COMPOUND.finditer(top):
        credit(match.group("name"), "possessive", as_written=True)
    for match in _PARTNER_OF.finditer(top):
        credit(match.group("name"), "partner_of")
    for match in _GENITIVE_AFTER.finditer(top):
        name = match.group("name")
        if _resolve_name(name, gazetteer) is None:  # "Paris" stays Paris
            genitives.add(credit(name[:-1], "genitive_after"))
    for match in _MAINTAINS.finditer(top):
        credit(match.group("name"), "maintains")
    for match in _INSTITUTION.finditer(top):
        name = match.group("name") or match.group("adjective") or match.group("name2")
        if match.group("adjective") and _resolve_name(name, gazetteer) is None:
            name = name[:-2]  # "der Unterfeldener Marktrat": Unterfelden, kept as written
        credit(name, "institution", as_written=True)
    for match in _OWN_BODY.finditer(top):
        group = next(g for g in ("name", "name2", "name3", "name4") if match.group(g))
        name = _GENERIC_TAIL.sub("", match.group(group))
        credit(name, "own_body", match.start(group), as_written=True)
    titles = _title_lines(top)
    title = titles[0] if titles else ""
    partner_list = bool(_PARTNER_LIST_TITLE.match(title))
    for match in _OWN_UNIT.finditer(top):
        group = next(g for g in ("name", "name3") if match.group(g))
        # "the City Council of the City of X" names the council's own city: an institution
        feature = "council_of_city" if group == "name3" else "own_unit"
        imprint = bool(_IMPRINT.match(match.group(0)))
        if partner_list and group == "name" and not imprint and _heading_line(top, match.start()):
            feature = "partner_heading"
        credit(match.group(group), feature, match.start(group), as_written=True)
    for match in _HOME_PATTERN.finditer(top):
        key = credit(match.group("name"), "unit_by_kind", match.start("name"), as_written=True)
        if key is not None and _DESCRIBED.match(top, match.end("name")):
            # "der Stadt Aichach (Bayern)", "die Stadt X in Frankreich": told where it lies, so
            # the page's readers live elsewhere
            found[key].features["described"] += 1
    for match in _BETWEEN.finditer(top):
        # the place described for the reader ("Bannalec, in Brittany", "dem thüringischen
        # Kamsdorf", "Aichach (Bayern)") is the other one; else the page names its own first
        first_described = bool(_DESCRIBED.match(top, match.end("first")) or match["adjective"])
        second_described = bool(_DESCRIBED.match(top, match.end("second")) or match["adjective2"])
        if first_described and not second_described:
            credit(match.group("second"), "between_first", as_written=True)
        elif not first_described:
            credit(match.group("first"), "between_first", as_written=True)
        else:
            # both described ("der Gemeinde A in Kärnten und der bayrischen Gemeinde B"): a
            # report for readers of neither; both stay candidates, other forms decide
            credit(match.group("first"), "between_described", as_written=True)
            credit(match.group("second"), "between_described", as_written=True)
    for match in _PAIR_TITLE.finditer(top):
        credit(match.group("first"), "pair_title")
    for match in _PAIR_AFTER.finditer(top):
        credit(match.group("first"), "pair_after", as_written=True)
    district_names: list[tuple[int, object]] = []
    for match in _DISTRICT.finditer(top):
        if named_as_partner(match.start()):
            continue
        # a Landkreis is in no gazetteer of cities: kept as written, "Kreis Bergstraße"
        if match.group("whole"):
            whole = re.sub(r"(?:es|e)$", "", match.group("whole"))
            whole = re.sub(r"(?:ischen|ischer|ische)(?=[ \t]+Kreis)", "ischer", whole)
            last = whole.split()[-1]
            if last in _NOT_DISTRICTS or _PEOPLE_CIRCLE.search(last):
                continue
            written = (
                f"{whole} {match.group('seat')}"
                if match.group("seat") and whole.endswith("kreis")
                else whole
            )
        else:
            written = match.group("compound") or f"{match.group('noun')} {match.group('name')}"
        place = PlaceRef(name=written)
        key = key_of(place)
        places.setdefault(key, place)
        entry = candidate(key, places[key])
        entry.features["district"] += 1
        entry.cued = True
        district_names.append((match.start(), key))
    for match in _STATE_ORGAN.finditer(top):
        region = _region_of_adjective(match.group("adjective"), gazetteer)
        if region is not None:
            credit(region.name, "state_organ")
    opening = _DATE_LINE.sub("", top.lstrip()).lstrip()
    dateline = _DATELINE.match(opening)
    first_line = opening.split("\n", 1)[0]
    # "X: …" is a title only with a partnership word on its line ("Kontakt: …" is none)
    colon = bool(dateline) and dateline.group(0)[dateline.end("name") :].startswith(":")
    if dateline and (not colon or PARTNER_WORDS.search(first_line)):
        credit(dateline.group("name"), "dateline", as_written=True)
    if not dateline:
        # only the first paragraph's dateline, and only a place the gazetteer knows
        for match in _PARAGRAPH_DATELINE.finditer(top, 0, _DATELINE_REACH):
            if _resolve_name(match.group("name"), gazetteer) is not None:
                credit(match.group("name"), "dateline", match.start("name"))
            break
    for match in _CAPITAL_DATELINE.finditer(text, 0, _DATELINE_REACH):
        credit(match.group("name").title(), "capital_dateline", as_written=True)
    cities = [
        m
        for m in mentions
        if m.kind == "city"
        and m.place
        and not m.in_compound
        and m.text.casefold() not in _PARTNERSHIP_WORDS
    ]
    small: dict[object, PlaceRef] = {}
    # a title is a heading: short, and no sentence
    is_heading = 0 < len(title) <= _TITLE_MAX and not title.endswith((".", "!", "?"))
    title_end = top.find(title) + len(title) if is_heading else 0
    counts: Counter = Counter()
    small_counts: Counter = Counter()
    for rank, mention in enumerate(cities):
        key = key_of(mention.place)
        counts[key] += 1
        if key not in genitives and named_as_partner(mention.start, text, mention.end):
            entry = candidate(key, places.setdefault(key, mention.place))
            entry.features["named_as_partner"] += 1
            entry.partner = True
        elif _TRAVEL_TO.search(text, max(0, mention.start - _TRAVEL_REACH), mention.start):
            candidate(key, places.setdefault(key, mention.place)).features["travel_goal"] += 1
        elif _GUESTS_FROM.search(text, max(0, mention.start - _TRAVEL_REACH), mention.start):
            candidate(key, places.setdefault(key, mention.place)).features["guests_from"] += 1
        in_title = mention.end <= title_end and counts[key] == 1
        if mention.population < PASSING_MIN_POPULATION and key not in found and not in_title:
            small.setdefault(key, mention.place)
            small_counts[key] += 1
            continue
        entry = candidate(key, places.setdefault(key, mention.place))
        entry.features["mention"] += 1
        if rank == 0:
            entry.features["first_city"] += 1
        if in_title:
            entry.features["title"] += 1
            entry.cued = True
    # the file name names the page's subject as a title does: its first place named in the text
    # (or, failing that, known to the gazetteer) earns the title's points, no more
    district = _credit_file_name(path, cities, places, candidate, gazetteer)
    if district is not None:
        # "des Landkreises", "vom Landkreis": a district page speaks of itself without its name
        found[district].features["unnamed_district"] += len(_UNNAMED_DISTRICT.findall(top))
    # a small town the page names again and again, more than any other place, is its subject
    # ("New Ulm" on the town's history page), though no cue names it
    if counts and not any(
        points(c.features, using) >= 3 for c in found.values() if c.cued and not c.partner
    ):
        ranked = [(k, n) for k, n in counts.most_common() if not (k in found and found[k].partner)]
        (first, most), *rest = [*ranked, (None, 0)]
        if first in small and most >= SUBJECT_MENTIONS and most >= 2 * rest[0][1]:
            entry = candidate(first, places.setdefault(first, small[first]))
            entry.features["subject_mentions"] += most
            entry.cued = True
    # "hat Esslingen ein Netzwerk mit seinen Partnerstädten geknüpft", "Leeds and its twin
    # towns": the last place named before "seine/ihre/its" partners in the same sentence
    named = sorted(
        [(m.start, key_of(m.place), m.place) for m in cities]
        + [(m.start, key_of(m.place), m.place) for m in mentions if m.kind == "region" and m.place]
        + [(at, key, places[key]) for at, key in district_names],
        key=lambda item: item[0],
    )
    starts = [at for at, _, _ in named]
    for match in _ITS_PARTNERS.finditer(top):
        sentence_start = max(top.rfind(".", 0, match.start()), top.rfind("\n", 0, match.start()))
        index = bisect_left(starts, match.start()) - 1
        if index >= 0 and starts[index] > sentence_start:
            _, key, place = named[index]
            entry = candidate(key, places.setdefault(key, place))
            entry.features["its_partners"] += 1
            entry.cued = True
    # a page titled by a partnership noun alone lists its partners under headings: a line that
    # starts with a place and is a heading ("Coimbatore, Indien", "Eger / Komitat Heves")
    if partner_list:
        for mention in cities:
            if mention.start < len(top) and _heading_line(top, mention.start, starting=True):
                key = key_of(mention.place)
                candidate(key, places.setdefault(key, mention.place)).features[
                    "partner_heading"
                ] += 1
    # a district page presenting its member towns: "im Landkreis X, wo 21 von 32 Gemeinden …",
    # "die Gemeinden des Landkreises X"
    for match in _DISTRICT_MEMBERS.finditer(top):
        noun, name = (
            match.group("noun") or match.group("noun2"),
            match.group("name") or match.group("name2"),
        )
        place = PlaceRef(name=f"{noun} {name}")
        key = key_of(place)
        entry = candidate(key, places.setdefault(key, place))
        entry.features["district_members"] += 1
        entry.cued = True
    # a small town named in passing stays a candidate of its own, with fewer points a mention
    # (a village may be its own home; a partner named often is named as one)
    for key, n in small_counts.items():
        if key not in found:
            candidate(key, places.setdefault(key, small[key])).features["small_mention"] += n
    # adjectives ("Berliner", "Bremer", "Dresdner"): one pass over the words of the text
    words = Counter(_WORD.findall(text))
    # "Salzburger Land", "Berliner Umland": a region named after the city, not its people
    words.subtract(_REGION_ADJECTIVE.findall(text))
    forms = {(m.text, key_of(m.place)) for m in cities if key_of(m.place) in places}
    # … and of the places kept as written ("Lesachtaler Bauernkapelle")
    forms |= {(c.place.name, key) for key, c in found.items() if c.place.geonames_id is None}
    adjective_counts: Counter = Counter()
    for form, key in forms:
        stem = form[:-2] if form.endswith("en") else form
        adjectives = {form + "er", stem + "ner", stem + "er"}  # Berliner, Dresdner, Erlanger
        adjective_counts[key] += sum(words[adjective] for adjective in adjectives)
    for key, n in adjective_counts.items():
        if n or key in found:
            candidate(key, places[key]).features["adjective"] += n
    for key, entry in found.items():
        entry.mentions = counts[key]
    # a page that speaks of "unsere Partnerstadt", "our sister city" in its own voice and names
    # one place besides its partners, of another country than all of them: that place is the
    # voice ("Schüler aus Kempten besuchen unsere Partnerstadt Trient")
    if _FIRST_PERSON_PARTNER.search(top):
        partner_countries = {c.place.country for c in found.values() if c.partner}
        others = {
            key_of(m.place): m.place
            for m in cities
            if not (key_of(m.place) in found and found[key_of(m.place)].partner)
            and m.place.country not in partner_countries
        }
        if partner_countries and len(others) == 1:
            (key, place), *_ = others.items()
            entry = candidate(key, places.setdefault(key, place))
            entry.features["first_person_other"] += 1
            entry.mentions = counts[key]
            entry.cued = True
    # the parts of a compound home ("Köpenick" of "Treptow-Köpenick") count for the compound
    compounds = [
        k
        for k, c in found.items()
        if c.cued and c.place.geonames_id is None and "-" in c.place.name
    ]
    for compound in compounds:
        parts = set(fold(found[compound].place.name).split())
        for key in list(found):
            if key != compound and fold(found[key].place.name) in parts:
                part = found.pop(key)
                if points(part.features, using) > 0:
                    found[compound].features.update(part.features)
                found[compound].mentions += part.mentions
    return list(found.values())


def _credit_file_name(
    path: str,
    cities: list[PlaceMention],
    places: dict[object, PlaceRef],
    candidate: Callable[[object, PlaceRef], Candidate],
    gazetteer: Gazetteer,
) -> object | None:
    """Credit the file name's place; return its key when it is a district ("landkreis-x")."""
    words = file_words(path)
    if not words:
        return None
    spelled = " ".join(words)
    umlauts = spelled.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    haystack = f" {spelled} | {umlauts} "
    # the place of the text whose name comes first in the file name
    found: list[tuple[int, object]] = []
    for mention in cities:
        for form in {mention.text, mention.place.name}:
            folded = _fold_file(form)
            at = haystack.find(f" {folded} ")
            if folded and at >= 0:
                found.append((at % (len(spelled) + 3), key_of(mention.place)))
                places.setdefault(key_of(mention.place), mention.place)
    for key, place in list(places.items()):
        folded = _fold_file(re.sub(r"^(?:Landkreis|Kreis)\s+", "", place.name))
        at = haystack.find(f" {folded} ")
        if folded and at >= 0:
            found.append((at % (len(spelled) + 3), key))
    if found:
        key = min(found, key=lambda item: item[0])[1]
        entry = candidate(key, places[key])
        entry.features["file_name"] += 1
        entry.cued = True
        return None
    # no place of the text: a "landkreis-x" names a district, else the first word the
    # gazetteer knows
    if words[0] in {"landkreis", "kreis"} and len(words) > 1:
        name = f"{words[0].capitalize()} {'-'.join(w.capitalize() for w in words[1:3])}"
        place = PlaceRef(name=name)
    else:
        place = _file_place(words, gazetteer)
    if place is None:
        return None
    key = key_of(place)
    places.setdefault(key, place)
    entry = candidate(key, places[key])
    entry.features["file_name"] += 1
    entry.cued = True
    return key if place.name.startswith(("Landkreis ", "Kreis ")) else None


def _file_place(words: list[str], gazetteer: Gazetteer) -> PlaceRef | None:
    """The first place the gazetteer knows among the file name's words, longest name first
    ("fountain-hills-sister-cities" → Fountain Hills)."""
    for start in range(min(3, len(words))):
        for size in (3, 2, 1):
            piece = words[start : start + size]
            if len(piece) == size:
                for joined in (" ".join(piece), "-".join(piece)):
                    place = gazetteer.resolve(joined, min_population=1000)
                    if place is not None:
                        return place
    return None


_NOT_A_NAME = word_set(
    """
    the this that our your its their his her every each local international internationale der
    die das dem den des unser unsere unserer ein eine einer sein seine ihre jeder jede city
    town county borough district municipal shire regional state national council sister
    twinning partner stadt gemeinde markt kreis landkreis bezirk new Council
    Would Council like to … would should could will shall does did has have may can must what
    how why
    """
)


_ABSTRACT_NOUN = re.compile(r"(?:ung|heit|keit|schaft|ität|tion|ismus|nisse?|ship|ment|ness)$")


def _as_written(name: str, gazetteer: Gazetteer) -> PlaceRef | None:
    """A place the gazetteer lacks, kept as the page writes it ("Campaspe", "Niederwinkling"),
    when it reads as a name: capitalised words, no article or generic noun first, no country."""
    name = _GENERIC_TAIL.sub("", name.strip(" '’.,"))
    words = name.split()
    if not words or len(name) < 3 or gazetteer.country_code(name):
        return None
    if words[0].casefold() in _NOT_A_NAME or not all(w[:1].isupper() for w in words):
        return None
    # "Partnerstädte", "Begegnung", "Gemeinschaft": a partnership word or an abstract noun
    if PARTNER_WORDS.search(name) or _ABSTRACT_NOUN.search(words[-1]):
        return None
    return PlaceRef(name=name)


def _resolve_name(name: str, gazetteer: Gazetteer) -> PlaceRef | None:
    name = name.strip(" '’")
    if not name:
        return None
    forms = [name, name.split(". ")[0], name.split()[0].rstrip(".")]
    if name.endswith("er") and len(name) > 5:  # "Welser", "Dortmunder"
        forms.append(name[:-2])
        # "Münchner Rathaus", "Bremer Stadtrat", "Erlanger Gemeinderat"
        forms.append(name[:-3] + "en" if name.endswith("ner") else name[:-2] + "en")
    for form in forms:
        place = gazetteer.resolve(form, min_population=1000)
        if place:
            return place
    # a State or region as the page's subject ("Das Land Hessen", "Thüringen pflegt …")
    return gazetteer.region(name)


def _region_of_adjective(adjective: str, gazetteer: Gazetteer) -> PlaceRef | None:
    """ "Thüringer" → Thuringia, "Hessische" → Hesse, "Sächsische" stays unknown: the stem with
    "-en" added must name a State."""
    stem = re.sub(r"(?:er|ische[nr]?)$", "", adjective)
    for form in (stem + "en", stem):
        region = gazetteer.region(form)
        if region is not None:
            return region
    return None


def home_record(place: PlaceRef | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "geonames_id": place.geonames_id}
