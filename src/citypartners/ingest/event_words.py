"""Words that say a dated sentence tells an occurrence of a partnership, or that it does not.

The event rule (``events.py``) keeps a date only in a sentence that concerns a partnership:
one with a partnership word, a partner's name, or an occurrence noun or verb (a visit, a
delegation, an exchange, a festival, an anniversary, a renewal …). These lists, in German and
English, name those occurrences and the forms of text whose dates are no partnership event:
the city's history, terms of office, policies and plans, the founding of institutions, the
anniversaries of associations, and activities of the home's member towns or boroughs.
"""

from __future__ import annotations

import re

# an occurrence of a partnership: visits, delegations, exchanges, celebrations, renewals, help
OCCURRENCE = re.compile(
    r"(?i)besuch\w*|delegation\w*|austausch\w*|begegnung\w*|jubiläum\w*|jubilä\w*|jährige\w*|"
    r"jahrestag\w*|feier\w*|gefeiert|festival\w*|(?<!steht\s)(?<!stehen\s)\bfest\b|festakt\w*|\bfest\s+der|konzert\w*|"
    r"ausstellung\w*|\breise\w*|\breist\w*|gereist|\bfahrt\w*|zu\s+gast|\bgäste\w*|empfang\w*|"
    r"empfing\w*|empfangen|\btreffen\b|trafen|"
    # a meeting of the partners themselves (a body's own meeting is MEETING_DATE, below)
    r"\bmeetings?\s+(?:of|between|with)\s+(?:the\s+|our\s+)?(?:partner|sister|twin)\w*|"
    # a council's decision on the partnership: to enter it, to suspend it, to end it
    r"beschlossen|beschloss\w*|\bbeschluss\w*|\bdecided\b|\bvoted\b|erneuer\w*|fortgeschrieben|zusammenarbeit|"
    r"kooperation\w*|spende\w*|spendete\w*|hilfs\w*|hilfe\b|tafeln?\b|schild(?:er|ern)?\b|benannt|"
    r"ausgesetzt|stilllegung\w*|eingefroren|auf\s+eis\s+gelegt|turnier\w*|"
    r"visit\w*|exchange\w*|\btrip\w*|\btours?\b|\bhost\w*|guests?\b|welcom\w*|reception\w*|"
    r"anniversar\w*|celebrat\w*|commemorat\w*|jubilee\w*|concerts?\b|exhibition\w*|"
    r"ceremon\w*|renew\w*|reaffirm\w*|endorse\w*|proclaim\w*|named\s+after|suspend\w*|"
    r"\bfr[eo]ez\w*|cooperation\w*|donat\w*|\baid\b|mooted|proposed|working\s+party|"
    r"arbeitsgruppe\w*|resolved|ordained|contacts?\b|kontakt\w*|dialog\w*|\bhalf\b|geholfen|"
    r"helped|unterstütz\w*|support\w*|played|performed|\bsang\b|spielte\w*|auftr(?:a|i|e)\w*|"
    r"aufgetreten|schüler\w*|jugend\w*|students?\b|pupils?\b|youth|chor\b|chöre|choir\w*|"
    r"orchest\w*|musik\w*|musician\w*|\bband\b|mannschaft\w*|\bteams?\b|sportler\w*|athlet\w*|"
    r"künstler\w*|artists?\b|"
    # a group travelling ("a party from Guyancourt came", "eine Gruppe aus Lyon")
    r"\b(?:party|group|gruppe)\s+(?:from|aus)\b|"
    # an end or a suspension of the relation, and any occurrence told as "took place"
    r"\bended\b|beendet|terminat\w*|rescind\w*|aufgelöst|gekündigt|revoked|widerrufen|"
    r"took\s+place|(?:was|were)\s+held|stattgefunden|\b(?:fand|fanden|findet|finden)\b[^.;]{0,80}?\bstatt\b"
)

# the history of a place or of the sister-cities movement, near a date ("the 1798 Rebellion",
# "nach dem Zweiten Weltkrieg 1945", "founded in 1956", "im 8. Jahrhundert")
HISTORY_NEAR = re.compile(
    r"(?i)schlacht\w*|battle\w*|rebellion\w*|\bkrieg\w*|weltkrieg\w*|(?-i:\bWar\b)|"
    r"\b(?:the|civil|cold|world)\s+war\b|revolution\w*|"
    r"jahrhundert\w*|century|centuries|wiedervereinig\w*|reunifi\w*|royal\s+charter|stadtrecht\w*|"
    r"incorporated|eingemeindet\w*|urkundlich|erstmals\s+erwähnt|first\s+mentioned|"
    r"gegründet|gründung\w*|founded|founding|settled|besiedelt\w*|erbaut|built|"
    r"gebietsreform\w*|geboren|\bgeb\.|born\b|gestorben|died\b|\bdeath\b|\btod\b|verstorben|"
    r"passed\s+away|emigrat\w*|immigrant\w*|"
    r"auswander\w*|einwander\w*|"
    # a body formed, a town's charter or market right, a liberation, a world event
    r"gebildet|\bformed\b|konstituiert\w*|marktrecht\w*|granted\s+(?:its|a|the)\s+(?:\w+\s+)?charter|"
    r"liberat\w*|befreiung\w*|befreit\b|olympi\w*|world\s+cup|weltmeisterschaft\w*|"
    r"kulturhauptstadt|capital\s+of\s+(?:culture|sport)|\bexpo\b|weltausstellung\w*|world'?s\s+fair|"
    # a state's history and a town's status ("gehörte zur DDR", "EU-Beitritt", "became a city")
    r"\bDDR\b|\bGDR\b|sowjet\w*|soviet\w*|mauerfall\w*|\bwende\b|beitritt\w*|accession|"
    r"became\s+a\s+(?:city|town|borough)|zur\s+stadt\s+erhoben|"
    # a chronicle's span ("die Entwicklung der Region von 1993 bis 2015 dokumentiert")
    r"chronik\w*|chronicle\w*|dokumentier\w*|\bdocument(?:s|ed|ing)\b"
)

# the sister-cities movement itself ("first described by President Eisenhower in 1956")
MOVEMENT = re.compile(
    r"(?i)eisenhower|sister\s+cities\s+(?:international|australia|founder|movement|program)|"
    r"citizen\s+diplomacy|people[\s-]+to[\s-]+people|städtepartnerschaftsbewegung|"
    r"\bidee\s+der\s+städtepartnerschaft|council\s+of\s+european\s+municipalities|\bRGRE\b|\bCEMR\b"
)

# terms of office and elections ("Bürgermeister von 1990 bis 2002", "elected in 2014")
OFFICE_NEAR = re.compile(
    r"(?i)amtszeit\w*|\bim\s+amt\b|\bamtier\w*|gewählt|wiedergewählt|wahl\b|wahlen\b|wahljahr\w*|"
    r"elected|"
    r"election\w*|\bterms?\s+of\s+office|in\s+office|\bterms?\s+(?:expir\w*|ends?|ended)\b|"
    r"\b\w+-year\s+terms?\b|served\s+as|legislatur\w*|"
    r"wahlperiode\w*|ratsperiode\w*|vorsitz\w*|chair(?:man|woman|person)?\s+(?:from|since)|"
    r"(?:year|term)\s+of\s+office|mayoral\s+year|amtsjahr\w*"
)

# policies, plans and budgets ("Twinning Policy was adopted", "Agenda 2030", "Haushalt 2021")
ADMIN = re.compile(
    r"(?i)\bpolicy\b|policies|richtlinie\w*|satzung\w*|geschäftsordnung\w*|leitlinie\w*|"
    r"guidelines|haushalt\w*|budget\w*|statut\w*"
)
PLAN_BEFORE = re.compile(
    r"(?i)(?:plan|agenda|strategie|strategy|vision|konzept|programm|program|haushalt|budget|"
    r"doppelhaushalt|ziel|target)\s*$"
)

# an anniversary of an association, a school or a sponsorship, not of a partnership
OTHER_ANNIVERSARY_AFTER = re.compile(
    r"(?i)^[^.;:]{0,30}?(?:verein\w*|association|society|club|chor\w*|choir|schule\w*|school|"
    r"feuerwehr\w*|patenschaft\w*|freundeskreis\w*|komitee\w*|committee)"
)

# activities of the home's member towns or boroughs ("Jeder der neun Gemeinden besuchte 2019 …")
MEMBER_TOWNS = re.compile(
    r"(?i)\b(?:jede[rsn]?|alle[n]?|viele[n]?|einige[n]?|mehrere[n]?|each|all|many|several)\s+"
    r"(?:(?:der|of\s+the)\s+)?(?:\w+\s+)?(?-i:Gemeinden|Mitgliedsgemeinden|Ortsteile|Stadtteile|"
    r"Stadtbezirke)\b|\bmember\s+(?:towns|municipalities|councils)\b"
)

# a partnership between two places named as "between A and B" ("zwischen Bad Cannstatt und …")
BETWEEN = re.compile(
    r"(?i)(?:partnerschaft|partnership|twinning|freundschaft|friendship)\w*\s+"
    r"(?:zwischen|between)\s+(?:(?:dem|der|den|the)\s+)?(?P<first>[\w.-]+(?:\s+[A-ZÄÖÜ][\w.-]+)?)"
)

# a founding act of any partnership, beyond the shared founding words ("die 1996 beurkundet
# wurde", "The twinning between A and B took place in May 1997")
FOUNDING_MORE = re.compile(
    r"(?i)beurkundet|ins\s+Leben\s+gerufen|aus\s+der\s+Taufe\s+gehoben|"
    r"\b(?:twinning|partnership|jumelage)\b[^.;]{0,60}\btook\s+place\b"
)
# what a founding act may found: a partnership, or a friendship the text calls one
FOUNDED_BOND = re.compile(r"(?i)freundschaft|friendship|partnerschaft|partnership|twinning")

# a second signing: several founding dates in one signing sentence, the first is the start
SIGNING = re.compile(
    r"(?i)\b(?:signed|unterzeichne\w*|unterschrieben|urkunden?|charter|vertrag\w*|agreement)\b"
)

# the date of a body's meeting ("Since the last meeting of the Twinning Committee on 22 March",
# "Sitzung des Ausschusses am …", an AGM): administrative, not an occurrence of the partnership;
# a meeting of the partner cities themselves stays an event
MEETING_DATE = re.compile(
    r"(?i)\b(?:meeting|sitzung|versammlung)\s+(?:of|des|der)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:committee|council|board|association|society|trustees|ausschuss\w*|rat\w*|vorstand\w*|"
    r"verein\w*|komitee\w*|kuratorium\w*)|\bAGM\b|"
    # a council's sitting by its date ("Die Gemeinderatssitzung vom 12. März 2019")
    r"\w*sitzung\s+(?:vom|am)\b|\b(?:council|committee|board)\s+meeting\s+(?:of|on)\b"
)

# a partnership's start told another way ("geht auf das Jahr 1962 zurück", "dates back to 1985")
DATES_BACK = re.compile(
    r"(?i)\b(?:dates?|dating|goes|going|went)\s+back\s+to\s*(?:the\s+year\s+)?$|"
    r"\b(?:geht|gehen|reicht|reichen)\s+(?:bis\s+)?(?:auf\s+)?(?:ins|in\s+das|das)?\s*"
    r"(?:Jahr\s+)?$"
)
# "Seit 1985 verbindet beide Städte …", "have maintained since 1990": a lasting state
STATE_MORE = re.compile(
    r"(?i)\b(?:verbindet|verbinden|pflegt|pflegen|unterhält|unterhalten|existiert|existieren|"
    r"maintain\w*|exist\w*|has\s+had|have\s+had|gibt\s+es)\b"
)
# a lifespan or a term in brackets after a name ("Willy Brandt (1913–1992)", "(geb. 1950)")
LIFESPAN = re.compile(r"\(\s*(?:\*|†|geb\.|b\.|born|gest\.|d\.)?\s*$")
# the date of a publication ("Pressemitteilung vom 12.03.2020", "posted on 3 May 2021")
PUBLICATION_BEFORE = re.compile(
    r"(?i)\b(?:pressemitteilung|pressemeldung|meldung|artikel|beitrag|nachricht|ausgabe|"
    r"press\s+release|posted|dated|issue|edition|newsletter|erschienen|veröffentlicht|published|"
    r"updated|aktualisiert)\b[^.;]{0,20}?(?:vom|am|on|of|from)?\s*$"
)
# a heading that names a year alone or with a word ("2016", "Rückblick 2016", "Review of 2016"):
# the year of the days and months below it (README rule 6)
YEAR_HEADING = re.compile(r"^\W*(?:[^\W\d]+\s+){0,3}(?P<year>1[89]\d\d|20\d\d)\W*$")

# "1990 folgten Prag und 1994 Chicago", "Minsk followed in 1993", "became a partner city in
# 1988": dates of partnerships beginning one after another, starts, no events
SUCCESSION_STARTS = re.compile(
    r"(?i)\b(?:folgte[n]?|kam(?:en)?\b[^.;]{0,60}\bhinzu|followed|were\s+added|was\s+added|"
    r"joined\s+(?:in|on)\b|"
    r"(?:became|wurde[n]?|is|ist|are|sind)\s+(?:\w+\s+){0,3}?(?:partner\s*cit\w*|partnerst(?:a|ä)dt\w*|"
    r"twin\s*towns?|twin\s*cit\w*|sister\s*cit\w*|partner\s*towns?)\b)"
)
# the anniversary or the birthday of an association, a school, a district ("das 25. Jubiläum
# des Partnerschaftsvereins", "the 200th birthday celebrations of the Fulda district", "the
# Twinning Association celebrated its 40th anniversary")
OTHER_BODY = (
    r"\w*(?:verein\w*|association|society|club|chor\w*|choir|feuerwehr\w*|schule\w*|school|"
    r"komitee\w*|committee|freundeskreis\w*|district|landkreis\w*|gesellschaft)"
)
ANNIVERSARY_OF_OTHERS = re.compile(
    r"(?i)(?:jubiläum\w*|jährige\w*\s+bestehen\w*|anniversary|birthday|geburtstag\w*)"
    r"[^.;]{0,30}?\b(?:des|der|of\s+the|of)\s+(?:[\w-]+\s+){0,2}?" + OTHER_BODY + r"|"
    r"\b" + OTHER_BODY + r"\b(?:[^.;]|\be\.\s?V\.){0,60}?"
    r"\b(?:feiert\w*|celebrat\w*|beging\w*|marked|marks)"
    r"(?:\s+[^\s.;]+){0,3}?\s+(?:sein\w*|ihr\w*|its|their)\s+[^.;]{0,20}?"
    r"(?:jubiläum|anniversary|bestehen|birthday)"
)

# an occurrence that did not take place ("Die Besuche 2020 und 2021 mussten ausfallen", "the
# visit was cancelled", "auf 2022 verschoben"): nothing happened on that date
CALLED_OFF = re.compile(
    r"(?i)\b(?:ausfallen|ausgefallen|fiel(?:en)?\s+[^.;]{0,40}?\baus\b|abgesagt|absagen|"
    r"verschoben|cancell?ed|called\s+off|postponed|did\s+not\s+take\s+place|"
    r"fand(?:en)?\s+[^.;]{0,30}?\bnicht\s+statt)"
)

# the date of a figure ("6.900 Einwohner (Stand 1. Januar 2018)", "population in 2011"): a
# statistic of a place, no occurrence
STATISTIC_NEAR = re.compile(
    r"(?i)einwohner\w*|inhabitants|population|bevölkerung\w*|census|volkszählung\w*|\bStand\b"
)

# the founding act told with an inflected verb or a charter of friendship ("besiegelten …
# offiziell ihre Partnerschaft", "die offizielle Freundschaftsurkunde … unterzeichnet"),
# beside the shared founding words
FOUNDING_INFLECTED = re.compile(
    r"(?i)\b(?:besiegel\w*|unterzeichne\w*|unterschrieb\w*|established|formali[sz]ed|"
    r"signed|signing|sealed|concluded)\b"
)
FOUNDING_CHARTER = re.compile(
    r"(?i)(?:partnerschafts|freundschafts|verschwisterungs)(?:urkunde|vertrag|eid)\w*|"
    r"(?:twinning|friendship|partnership)\s+(?:charter|agreement|oath)"
)
# what makes a founding sentence tell something else: a renewal, a second signing, an
# anniversary ("zum 25. Mal", "40-jährige", "30 years of"), a decision; "vor 20 Jahren" and
# "25 years ago" only say how long ago the founding was, "feierlich" (solemnly) how it was done
NOT_A_FIRST_ACT = re.compile(
    r"(?i)erneuer\w*|renew\w*|\bsecond\b|\bzweite[nrs]?\b|\bagain\b|\bwieder\w*|jubiläum\w*|"
    r"jubilä\w*|anniversar\w*|jährig\w*|\bzum\s+\d+\.\s*mal\b|"
    r"(?<!vor\s)(?<!vor\s\s)(?<!seit\s)(?<!since\s)(?<!for\s)\b\d+\s+(?:jahre[n]?|years?)\b"
    r"(?!\s+ago)|years\s+of\b|"
    r"\bgefeiert|\bfeier(?:n|te[n]?|t)?\b|celebrat\w*|"
    # a council deciding that a partnership be founded is a decision, not the founding act
    r"beschlossen|beschloss\w*|\bdecided\b|\bvoted\b|\bresolved\b"
)

# a year said from the page's own time ("dieses Jahr", "in diesem Jahr", "this year") and a
# month of it ("im Oktober dieses Jahres", "in October this year"): the year of the page's
# date line, where it has one
THIS_YEAR = re.compile(r"(?i)^(?:dieses\s+Jahr|in\s+diesem\s+Jahr|this\s+year)$")
OF_THIS_YEAR = re.compile(
    r"(?i)^\s*(?:(?:dieses|diesen|des\s+laufenden)\s+Jahres|(?:of\s+)?this\s+year)\b"
)

# a partnership of two other places told as a clause ("Nort-sur-Erdre is currently twinned with
# the town of Piedrabuena", "Lyon ist seit 1960 mit Leeds verschwistert"): where the home is not
# among them, its dates are no event of the home
TWINNED_WITH = re.compile(
    r"(?P<first>\b[A-ZÄÖÜ][\w.'-]+(?:[\s-][A-ZÄÖÜ][\w.'-]+){0,3})\s+(?:is|was|are|were|has\s+been|"
    r"have\s+been|ist|sind|war|waren)\s+(?:\w+\s+){0,3}?(?:twinned|partnered|verschwistert|"
    r"verpartnert)\b"
)

# a sentence told as a plan ("they are going to", "will celebrate", "wird … feiern", "ist
# geplant"): a year it takes only from the page's own time ("this year") is no fixed date
FUTURE = re.compile(
    r"(?i)\b(?:will|shall|going\s+to|plan(?:s|ned|ning)?|wird|soll(?:en)?|geplant|plant|planen)\b"
)

# a sentence told from the page's own time ("this week", "heute", "jetzt"): an anniversary in it
# falls in the year of the page's date line, and a count that gives another year is not its date
PAGE_TIME = re.compile(
    r"(?i)\b(?:this\s+(?:week|weekend|month|year)|today|now|currently|"
    r"diese[nr]?\s+(?:Woche|Wochenende|Monat|Jahr)|in\s+diesem\s+Jahr|heute|jetzt|derzeit|zurzeit)\b"
)

# the title of an office beside a range of years ("Von 1998 bis 2010 war er Oberbürgermeister",
# "Councillor Smith, Mayor 2015-16"): a term of office, no event
OFFICE_TITLE = re.compile(
    r"(?i)bürgermeister\w*|landrät\w*|landrat\w*|präsident\w*|vorsitzende\w*|\bobmann|"
    r"\bmayor\w*|\bprovost\b|chair(?:man|woman|person)?\b|president\w*|councillor\w*|"
    r"\bsheriff\b|\breeve\b|\bmaire\b"
)

# a year in the name of a sports club ("TSV 1860", "FC Schalke 04", "SV 1919 Musterstadt")
CLUB_BEFORE = re.compile(
    r"\b(?:TSV|SV|FC|VfB|VfL|VfR|SC|TuS|SpVgg|SG|TV|TG|MTV|FSV|DJK|ASV|BSC|SSV|TSG|SuS|AFC|"
    r"CF|AC|RSV|ESV|KSV|TSC)\s*$"
)

# a year that ends a club's registered name ("FSV Blau-Weiß 1921 e.V.")
CLUB_AFTER = re.compile(r"^\s*e\.\s?V\.")

# a work's year in brackets after its title ("das Buch „Freunde in Lyon“ (2012)")
WORK_BEFORE = re.compile(r"[\"“”„«»']\s*\(\s*$")

# an anniversary of a hundred years or more is a town's, not a partnership's ("775-jähriges
# Jubiläum", "celebrated 650 years", "its 800th anniversary")
TOWN_ANNIVERSARY = re.compile(
    r"(?is)(?=.*(?:jubil|feier|celebrat|anniversar|jährig|geburtstag|birthday|\bmark|beging))"
    r".*(?<![\d.,])[1-9]\d{2,3}(?:\s*-?\s*jährige\w*|\.\s*(?:Jahrestag|Jubiläum|Geburtstag)\b|"
    r"(?:st|nd|rd|th)\s+(?:anniversary|birthday)\b|\s*-?\s*Jahr\w*-?\s*feier|"
    r"\s+(?:Jahre|years)\b(?!\s+(?:alt|old|ago|später|later)))"
)

# a caption ("Pictured: the 2015 delegation", "Foto: …"): the picture's date, not an occurrence
CAPTION = re.compile(r"(?i)^\W*(?:pictured|picture|photo|foto|bild|image|abb\.)\b")

# a news list's teaser line ("12.05.2021 | Besuch aus Lyon"): the item's publication date
TEASER_AFTER = re.compile(r"^\s*[|•·]")
