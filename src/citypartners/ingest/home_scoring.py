"""How much each form of text counts for a place being the page's home.

``home.py`` finds the forms (a possessive before a partnership noun, the page's own council, a
dateline …) and counts, for every candidate place, how often each form names it: its
*features*. A candidate's points are the sum of its features times their weights. The weights
are in ``home_weights.json`` beside this module; ``bench/train_home_weights.py`` rebuilds that
file from gold (see ``docs/decisions/0035-home-weights-learned.md``). Without the file the hand
weights below apply.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from functools import cache
from pathlib import Path

#: each feature, its hand weight, and the form of text it names
HAND_WEIGHTS: dict[str, float] = {
    # the page owns the partners: "Nürnbergs Partnerstadt", "Zürichs Partnerschaften",
    # "die Wettenberg-Partnerschaften"
    "possessive": 6,
    # "Partnerstadt von Duderstadt", "sister city of Sacramento", "Patenschaft der Stadt X"
    "partner_of": 6,
    # "die Partnerstädte Berlins"
    "genitive_after": 6,
    # "Spandau unterhält acht Partnerschaften", "X is twinned with"
    "maintains": 5,
    # "Tiverton Town Twinning Association", "Welser Gemeinderat", "Bürgermeister von X"
    "institution": 4,
    # "Goulburn Mulwaree Council", "Partnerschaftsvereinigung Wertheim", "X Sister Cities Inc."
    "own_body": 4,
    # "the City Council of the City of X"
    "council_of_city": 4,
    # "Thüringer Staatskanzlei", "Hessische Landesvertretung"
    "state_organ": 4,
    # "Gemeinde X", "Markt X", "Stadt X" at a line or sentence start, "Gemeinderat der Stadt X"
    "own_unit": 3,
    # "Die Stadt X", "Der Bezirk X", "The City of X", "Das Land X"
    "unit_by_kind": 3,
    # "die Partnerschaft zwischen A und B": A, unless A is described for the reader
    "between_first": 3,
    # "die Partnerschaft zwischen der Gemeinde A in Kärnten und der bayrischen Gemeinde B":
    # each of two places both described for the reader
    "between_described": 1,
    # a line that is only a unit's name ("Stadt Aichach") on a page titled by a partnership
    # noun alone ("Partnergemeinden"): the heading of one of its partners
    "partner_heading": -3,
    # a unit told where it lies: "der Stadt Aichach (Bayern)", "die Stadt X in Frankreich"
    "described": -2,
    # the one place besides the partners, of another country than all of them, on a page that
    # says "unsere Partnerstadt", "our sister city"
    "first_person_other": 3,
    # "hat Esslingen ein Netzwerk mit seinen Partnerstädten geknüpft", "Leeds and its twin towns"
    "its_partners": 5,
    # "im Landkreis X, wo 21 von 32 Gemeinden …": a district presenting its member towns
    "district_members": 4,
    # "Somerville-Tiznit Sister Cities Day"
    "pair_title": 3,
    # "Städtepartnerschaft Stuttgart – Mumbai"
    "pair_after": 3,
    # "Landkreis X", "der Kreis X", "Rhein-Kreis X"
    "district": 3,
    # "Wertheim. Die …", "Mannheim (dpa)", "Eislingen: Partnerstädte"
    "dateline": 3,
    # "MARIA NEUSTIFT. …" at a paragraph's start
    "capital_dateline": 3,
    # named right after a partnership word: "unsere Partnerstadt Y", "twinned with Y"
    "named_as_partner": -4,
    # the goal of a journey or an invitation: "will fly to Y", "inviting the City of Y"
    "travel_goal": -2,
    # the place guests or friends come from: "mit ihren Freunden aus Bellegarde"
    "guests_from": -2,
    # each mention of a big or already scored city
    "mention": 1,
    # each mention of a small town (under 100,000) that no form names
    "small_mention": 0.5,
    # the first city the page names
    "first_city": 2,
    # named in the title line (a heading)
    "title": 2,
    # named first by the file's name
    "file_name": 2,
    # a district page named by its file, speaking of itself: "des Landkreises"
    "unnamed_district": 2,
    # a small town named again and again, no place having a cue: each of its mentions
    "subject_mentions": 1,
    # adjectives of the place: "Berliner", "Erlanger"
    "adjective": 2,
}

#: forms by which the page speaks for a place as its own: such a place may be the home even
#: where it is also named as a partner ("Tiverton Town Twinning Association" on a page that
#: says "Hofheim is twinned with Tiverton")
OWNER_FEATURES = frozenset(
    {
        "possessive",
        "partner_of",
        "genitive_after",
        "maintains",
        "institution",
        "own_body",
        "council_of_city",
        "state_organ",
    }
)

WEIGHTS_FILE = Path(__file__).with_name("home_weights.json")


@cache
def weights() -> dict[str, float]:
    """The weights in use: the stored learned ones where the file holds them, else the hand
    weights."""
    stored: dict[str, float] = {}
    if WEIGHTS_FILE.is_file():
        stored = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")).get("weights", {})
    return {name: float(stored.get(name, hand)) for name, hand in HAND_WEIGHTS.items()}


def points(features: Mapping[str, float], using: Mapping[str, float] | None = None) -> float:
    """A candidate's points: its features times their weights."""
    using = weights() if using is None else using
    return sum(using.get(name, 0.0) * value for name, value in features.items())


def merged(into: Counter, other: Mapping[str, float]) -> Counter:
    """``into`` with the features of ``other`` added (the parts of a compound home)."""
    into.update(other)
    return into
