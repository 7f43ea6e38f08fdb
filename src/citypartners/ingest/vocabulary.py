"""Words and phrase shapes that say "partnership", "since", "signed" in German and English.

Shared by the relation rules (partners, dates, events) and the counts, so that one list decides
what a partnership sentence is everywhere.
"""

from __future__ import annotations

import re

PARTNER_WORDS = re.compile(
    r"(?i)städtepartner\w*|partnerst(?:a|ä)dt\w*|partner[\s-]*cit(?:y|ies)|city[\s-]+partner\w*|"
    r"twin(?:ned|ning)|twin[\s-]+(?:towns?|cit(?:y|ies))|sister[\s-]+cit(?:y|ies)|jumelage|"
    r"jumel[ée]e?s?|partnerships?|partnerschaft\w*|partner\s+(?:since|seit)|partnerkommune\w*|"
    r"partnergemeinde\w*|partnerbezirk\w*|partnerregion\w*|partnerprovinz\w*|"
    r"partner[\s-]+(?:regions?|provinces?)\b|verschwistert\w*|partnership\s+agreement|"
    r"\b(?:are|sind|became|wurden?)\s+(?:the\s+|die\s+|our\s+|unsere\s+)?partners?\b"
)
# partnerships of States and regions: "Partnerregionen", "Regionalpartnerschaft", "partner
# province", "sister state"
REGION_PARTNER_WORDS = re.compile(
    r"(?i)partnerregion|regionalpartnerschaft|partner(?:schafts)?provin|partnerland\b|"
    r"partnerbundesland|partner[\s-]+(?:regions?|provinces?|states?)\b|sister[\s-]+(?:states?|"
    r"provinces?|regions?)\b|partnerschaft\w*\s+(?:mit|zu)\s+(?:der|den)\s+(?:Region|Provinz)"
)
# a place written to say where another one lies ("Hofheim, a small suburb of Frankfurt", "on the
# outskirts of Paris", "Marly, in the canton of Freiburg", "ein Dorf bei Passau"): never a partner
LOCATOR = re.compile(
    r"(?i)(?:\bsuburb|\boutskirts?(?:\s+area)?|\bvorort|\bnear|\bnahe|\bnähe\s+von|\bclose\s+to|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of|\b(?:nörd|süd|öst|west)lich\s+von|\bbei|"
    r"\bunweit|\b(?:canton|county|province|region|district)\s+of|\bim\s+Kanton|\bin\s+the\s+"
    r"(?:canton|county|province)\s+of|\bgateway\s+to|"
    # the venue of a meeting: "Partnerschaftskonferenz 2023 in Leipzig", "a summit in Brussels"
    r"(?:konferenz|kongress|tagung|treffen|meeting|conference|summit|gipfel|forum|messe|"
    r"workshop|seminar)\w*(?:\s+\d{4})?\s+(?:in|im|at)(?:\s+[a-zäöü]\w+)?)"
    r"(?:\s+(?:of|von|the|dem|der))*\s*$"
)
# "The Dierdorf, Germany relationship was formally established", "the Ataco sister city
# relationship was signed": a place as the subject of a relationship that was founded
RELATIONSHIP_FOUNDED = re.compile(
    r"(?i)\bThe\s+(?-i:[A-ZÄÖÜ])[^.;:]{1,60}?\s+(?:sister[\s-]+cit(?:y|ies)\s+|twinning\s+|"
    r"partnership\s+)?(?:relationship|link|partnership|twinning)\s+(?:was|has\s+been)\s+"
    r"(?:\w+\s+){0,2}?(?:established|signed|formali[sz]ed|founded|concluded|sealed|made\s+official)"
)
# "the two municipalities", "both towns", "beide Städte": the home and the partner spoken of last
BOTH_TOWNS = re.compile(
    r"(?i)\b(?:(?:the|die|der|den)\s+(?:two|beiden)|both|beide)\s+(?:municipalities|towns|cities|"
    r"communities|councils|Städte|Gemeinden|Kommunen|Partner|Partnerstädte)\b"
)
# a city named after its administrative unit is that unit ("die Wojewodschaft Krakau", "the
# Province of Bologna"), not the city
ADMINISTRATIVE_UNIT = re.compile(
    r"(?i)\b(?:wojewodschaft|woiwodschaft|voivodeship|provinz|province\s+of|d[ée]partement|"
    r"department\s+of|oblast|powiat|gouvernement|governorate\s+of)\s+$"
)
# a person's name, not a place: "Mayor William T. Martin", "Oberbürgermeister Dr. Peter Kurz"
PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mayor|Mr|Mrs|Ms|Dr|Prof|Councill?or|Cllr|Sir|Lord|Lady|Herr|Frau|President|"
    r"Präsident\w*|(?:Ober)?[Bb]ürgermeister(?:in)?|Landrat|Landrätin)\.?\s+(?:[A-Z][a-z]+\s+)*"
    r"(?:[A-Z]\.\s*)*|\b[A-Z][a-z]+\s+[A-Z]\.\s*)$"
)
# the document that founds a partnership: "Städtepartnerschaftsvertrag", "twinning charter"
PARTNERSHIP_CHARTER = re.compile(
    r"(?i)(?:städte)?partnerschafts(?:vertrag|urkunde|vereinbarung|erklärung|abkommen)\w*|"
    r"(?:twinning|partnership|sister[\s-]+cit(?:y|ies))\s+(?:charter|agreement|treaty|contract|"
    r"accord|pact)s?"
)
NOT_PARTNER_WORDS = re.compile(
    r"(?i)freundschaft|friendship|projektbezogen|projekt(?:partner|kooperation)|project[\s-]+based|"
    r"specific\s+projects|ehemalig|former|frühere|other\s+cities|weitere\w*\s+Städte|"
    r"kooperationsst|cooperation\s+cit|netzwerk|network|anbahnung|geplant|planned|prospective|"
    # an inquiry or a wish, not a partnership: "ob Interesse an einer Städtepartnerschaft mit X
    # bestünde", "an enquiry about twinning with X"
    r"interesse\s+an\b|interest(?:ed)?\s+in\s+(?:a\s+)?(?:twinning|partnership|sister)|anfrage|"
    r"\binquir\w*|\benquir\w*|bestünde|potenziell\w*|potential"
)
ENUM_GAP = re.compile(
    r"^\s*(?:[,;]\s*(?:and|und|sowie|as\s+well\s+as|&|oder|or)?|und|oder|or|and|sowie|as\s+well\s+as|&|/|\|)\s*(?:(?:die|der|the)\s+)?$"
)
PAIR_GAP = re.compile(r"^\s*(?:und|and|&|–|—|-|/|mit|with|zu|to)\s*$")
BEFORE_PARTNER = re.compile(
    r"(?i)(?:partnerst(?:a|ä)dt\w*|partner[\s-]*cit(?:y|ies)|twin[\s-]*(?:towns?|cit(?:y|ies))|"
    r"partner(?:region|provinz|gemeinde|kommune|bezirk|landkreis)\w*|"
    r"sister[\s-]*cit(?:y|ies)|städtepartnerschaft\w*|partnerschaft\w*|partnership\w*|twinned|"
    r"verschwistert\w*|jumel\w*|twinning|(?:Vertrag|Abkommen|agreement|treaty)(?=\s+(?:mit|with)))"
    r"(?:(?:\s+[^\s.;:]+){0,3}?\s+(?:mit|with)|\s+(?:von|of|zu|to|zwischen\s+\S+\s+und|between\s+\S+\s+and|in))?"
    r"(?:\s+(?:(?:der|dem|die|the)\s+(?:[\w-]+\s+){0,2}?(?:Stadt|Kreisstadt|Gemeinde|"
    r"Metropole|Millionenmetropole|city|town|village|municipality|Kreis|Landkreis|county|"
    r"district|Region|Provinz|province|Kanton|canton)(?:\s+of)?|"
    # "mit dem französischen Valence": an article and a (lower-case) adjective of origin
    r"(?-i:(?:dem|der|den|die)\s+[a-zäöü][\w-]*(?:ischen|schen|ianischen|nischen))|dem|der|"
    r"the\s+city\s+of|the|unserer?|our))?\s*[:,]?\s*$"
)
AFTER_PARTNER = re.compile(
    r"(?i)^\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*(?:a|an|the|eine?|die|der|das)\s[^,.;:]{0,60},)?"
    r",?\s*(?:(?=verschwistert|(?:städte)?partnerschaftlich\s+verbunden)|"
    # "Seit 1958 ist Lyon Partnerstadt von Augsburg"
    r"(?=(?:Partnerstadt|partner\s+city|twin\s+town|sister\s+city)\s+(?:von|of|der|des)\b)|"
    r"(?:ist|is|wurde|was|became|wird|has\s+been|bleibt|sind|are)\b"
    r"(?:[^.;:]|(?<=\d)\.(?=\d)){0,60}?|(?:die|the|eine?|a|unsere?|our)\s+(?:\w+\s+)?)(?:partnerst(?:a|ä)dt|partner[\s-]*city|twin[\s-]*(?:town|city)|sister[\s-]*city|"
    r"(?:städte)?partnerschaftlich|twinned|verschwistert)"
)
SINCE_BEFORE = re.compile(
    r"(?i)(?:seit|since|ab|from|signed|unterzeichnet|geschlossen|established|twinned)"
    r"(?:\s+(?:dem|the|am|on|in|im))?(?:\s+(?:Jahre?|year))?\s*$"
)
FOUNDING = re.compile(
    r"(?i)unterzeichn|geschlossen|besiegelt|begründet|gegründet|vereinbart|beschlossen|"
    r"signed|established|concluded|sealed|founded|formali[sz]ed|entered\s+into|agreed|"
    r"ins\s+Leben\s+gerufen|aus\s+der\s+Taufe|hinzu|joined|became|folgte|followed|"
    r"eingegangen|einging\w*|took\s+place|began|begann|started|ratifi\w+"
)
SUCCESSION = re.compile(r"(?i)\b(?:folgte[n]?|kam(?:en)?\b[^.]*hinzu|followed|joined|were\s+added)")
DATE_THEN_CITY = re.compile(r"^\s*(?:folgte[n]?|kam(?:en)?|followed|came|joined)?\s*$")
CITY_THEN_DATE = re.compile(
    r"(?i)^\s*(?:\(\s*(?:seit|since|ab)?\s*|[,:–-]\s*(?:seit|since|ab)?\s*|"
    r"\s(?:(?:was|were|wurde|is)\s+(?:signed|concluded|established|sealed|unterzeichnet|"
    r"geschlossen|besiegelt)\s+|followed\s+|folgte\s+|dates\s+(?:back\s+)?|came\s+|"
    r"(?:became|become|wurden?)\s+(?:a\s+|eine?\s+)?(?:partner\s*cit(?:y|ies)|partners?|"
    r"Partnerst(?:a|ä)dte?|twin\s*towns?|sister\s*cit(?:y|ies)|twinned)\s+)?"
    r"(?:in|im|on|am|seit|since|from|to|ab|von)\s+"
    r"(?:(?:the\s+)?year\s+|(?:dem\s+)?Jahre?\s+)?)$"
)
METADATA = re.compile(
    r"(?i)^\s*(?:[-–•*·]\s*)?(?:stand|zuletzt|last\s+(?:updated|modified)|aktualisiert|updated|"
    r"published|veröffentlicht|erstellt|datum|date|datenstand|©|copyright|druck|print)(?:\b|(?=\d))|"
    r"©|\b(?:Page|Seite)\s+\d+\s*$"
)
# a sentence that goes on listing what the previous one announced: "Diese sind …", "Dazu
# gehören …", "These are …", "Namely …" (not any sentence that starts with "They" or "Our")
DEMONSTRATIVE = re.compile(
    r"^\s*(?:(?:diese|dies|these|sie|they|es|it|das)\s+(?:sind|are|were|waren|is|ist|heißen|"
    r"lauten|include)|(?:dazu|zu\s+ihnen)\s+(?:gehören|zählen|zählt|gehört)|namely|nämlich|"
    r"darunter|including)\b",
    re.I,
)

COUNT = re.compile(
    r"(?<![\w.])(?P<n>\d{1,3}|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty)\s+(?:(?:official|offiziellen?|formal\w*|internationale[n]?|"
    r"international|aktive[n]?|active|europäische[n]?|European)\s+)?"
    r"(?P<noun>cities|towns|Städten|Städte|Partnerstädte[n]?|partner\s+cities|partner\s+towns|"
    r"city\s+partnerships|Städtepartnerschaften|twin\s+towns|twin\s+cities|sister\s+cities|"
    r"Partnerschaften|partnerships|Partnergemeinden|Partnerkommunen)\b",
    re.I,
)
NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            "",
            "",
            "zwei two",
            "drei three",
            "vier four",
            "fünf five",
            "sechs six",
            "sieben seven",
            "acht eight",
            "neun nine",
            "zehn ten",
            "elf eleven",
            "zwölf twelve",
            "dreizehn thirteen",
            "vierzehn fourteen",
            "fünfzehn fifteen",
            "sechzehn sixteen",
            "siebzehn seventeen",
            "achtzehn eighteen",
            "neunzehn nineteen",
            "zwanzig twenty",
        ]
    )
    for word in words.split()
}
#: a city mentioned in passing must be at least this big to be read as a place at all

# words after which the next date is the day a partnership began
FOUNDING_CUE = re.compile(
    r"(?i)\b(?:signed|unterzeichne\w*|unterschrieben|established|formali[sz]ed|officially|"
    r"offiziell\w*|recogni[sz]ed|besiegelt|geschlossen|schloss(?:en)?|begründet|gegründet|"
    r"concluded|sealed|twinned|verschwistert|seit|since|ratifi\w+|urkunden?|charter|"
    r"partnerschaftsvertrag\w*|vertrag\w*|agreement)\b"
)

# a sentence telling how an organisation or a movement came to be ("Sister Cities International
# was founded in 1956"); without a partner named in it, its date is no partnership event
FOUNDED = re.compile(
    r"(?i)\b(?:was|were)\s+(?:founded|formed|conceived)\b|\bmovement\b|\bBewegung\b"
)

# "seit 1977 verbunden", "Diese besteht seit dem Jahr 1969", "(Italien; seit Juli 1992)": the
# start of the relation itself (a duration), no event; an activity "since February 2022" and
# contacts or a field of cooperation dated so stay (open) events
SINCE_DATE = re.compile(r"(?i)\b(?:seit|since)(?:\s+(?:dem|the))?(?:\s+(?:Jahre?|year))?\s*$")
SINCE_IN_BRACKETS = re.compile(r"(?i)[(;]\s*(?:seit|since)\b")
RELATION_STATE = re.compile(
    r"(?i)\b(?:verbunden|besteht|bestehen|kooperier\w*|verschwistert|connected|linked|twinned|"
    r"partners?)\b"
)
CONTACTS = re.compile(r"(?i)\b(?:kontakt\w*|contacts?|cooperation|zusammenarbeit)\b")

# the dates of meetings, reports and minutes are when a text was written, not partnership events;
# photo captions and file names date a picture; a Patenschaft is never a partnership (README 3)
MEETING = re.compile(
    r"(?i)\b\d+\.\s*Sitzung\b|\b(?:Tagesordnung|Protokoll|Jahresbilanz|Jahreshauptversammlung|"
    r"agenda|minutes|report)\b|\.(?:jpe?g|png|gif|webp)\b|\b(?:Foto|Photo|Bild|Fotos|Photos)\s*:|"
    r"patenschaft\w*"
)

WORD = re.compile(r"[^\W\d_]{3,}")

# a sentence telling the founding act of a partnership ("the relationship was formally
# established by the mayor on 25 June 2005", "Am 4. Mai 1990 unterzeichneten beide Städte die
# Partnerschaftserklärung"): its one date is the start, not an event (README rule 5)
FOUNDING_ACT = re.compile(
    r"(?i)\b(?:signed|unterzeichne\w*|unterschrieben|established|formali[sz]ed|besiegelt|"
    r"geschlossen|schloss(?:en)?|begründet|begründung|gegründet|gründung|concluded|sealed|"
    r"ratifi\w+|verbrüderung\w*)\b"
)
RELATION_WORDS = re.compile(
    r"(?i)relationship|beziehung|partnerschaft\w*|partnership|twinning|twinned|sister\s+cit|"
    r"partner\s*cit|städtepartner|jumelage|verbrüderung"
)
NOT_FOUNDING = re.compile(
    r"(?i)erneuer\w*|renew\w*|second|zweite[nrs]?|again|wieder|jubiläum|anniversary|"
    r"jährig\w*|years?\s+of|jahre[n]?\b|gefeiert|celebrat\w*|feier\w*"
)

# "der ukrainischen Stadt Saki", "the Slovakian town of X", "die französische Gemeinde Y": the
# adjective of a country right before a city names that city's country (stems, German and English)
COUNTRY_ADJECTIVES = {
    "französisch": "FR", "french": "FR", "italienisch": "IT", "italian": "IT",
    "spanisch": "ES", "spanish": "ES", "polnisch": "PL", "polish": "PL",
    "tschechisch": "CZ", "czech": "CZ", "slowakisch": "SK", "slovak": "SK", "slovakian": "SK",
    "ungarisch": "HU", "hungarian": "HU", "österreichisch": "AT", "austrian": "AT",
    "schweizer": "CH", "swiss": "CH", "niederländisch": "NL", "dutch": "NL",
    "belgisch": "BE", "belgian": "BE", "britisch": "GB", "british": "GB", "englisch": "GB",
    "english": "GB", "walisisch": "GB", "welsh": "GB", "schottisch": "GB", "scottish": "GB",
    "irisch": "IE", "irish": "IE", "amerikanisch": "US", "american": "US",
    "kanadisch": "CA", "canadian": "CA", "russisch": "RU", "russian": "RU",
    "ukrainisch": "UA", "ukrainian": "UA", "weißrussisch": "BY", "belarusian": "BY",
    "litauisch": "LT", "lithuanian": "LT", "lettisch": "LV", "latvian": "LV",
    "estnisch": "EE", "estonian": "EE", "finnisch": "FI", "finnish": "FI",
    "schwedisch": "SE", "swedish": "SE", "norwegisch": "NO", "norwegian": "NO",
    "dänisch": "DK", "danish": "DK", "rumänisch": "RO", "romanian": "RO",
    "bulgarisch": "BG", "bulgarian": "BG", "griechisch": "GR", "greek": "GR",
    "türkisch": "TR", "turkish": "TR", "israelisch": "IL", "israeli": "IL",
    "chinesisch": "CN", "chinese": "CN", "japanisch": "JP", "japanese": "JP",
    "koreanisch": "KR", "korean": "KR", "indisch": "IN", "indian": "IN",
    "brasilianisch": "BR", "brazilian": "BR", "mexikanisch": "MX", "mexican": "MX",
    "portugiesisch": "PT", "portuguese": "PT", "kroatisch": "HR", "croatian": "HR",
    "serbisch": "RS", "serbian": "RS", "slowenisch": "SI", "slovenian": "SI",
    "bosnisch": "BA", "bosnian": "BA", "nordmazedonisch": "MK", "mazedonisch": "MK",
    "macedonian": "MK", "georgisch": "GE", "georgian": "GE", "armenisch": "AM",
    "armenian": "AM", "moldauisch": "MD", "moldovan": "MD", "tansanisch": "TZ",
    "tanzanian": "TZ", "nicaraguanisch": "NI", "nicaraguan": "NI",
}  # fmt: skip
COUNTRY_ADJECTIVE = re.compile(
    r"(?i)\b(" + "|".join(sorted(COUNTRY_ADJECTIVES, key=len, reverse=True)) + r")(?:e[nmrs]?)?\b"
)
