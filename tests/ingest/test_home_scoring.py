"""The home's points: features times weights, the hand weights unless a learned file says
otherwise."""

from __future__ import annotations

from collections import Counter

from citypartners.ingest.extraction import extract
from citypartners.ingest.gazetteer import get_gazetteer
from citypartners.ingest.home import home_candidates, rank_candidates
from citypartners.ingest.home_scoring import HAND_WEIGHTS, OWNER_FEATURES, points, weights
from citypartners.ingest.place_mentions import find_place_mentions


def test_points_are_features_times_weights() -> None:
    features = Counter({"possessive": 1, "mention": 3, "named_as_partner": 1})
    assert points(features, HAND_WEIGHTS) == 6 + 3 - 4
    assert points(features, {"mention": 2}) == 6


def test_every_weight_in_use_has_a_hand_weight_and_owner_forms_are_features() -> None:
    assert set(weights()) == set(HAND_WEIGHTS)
    assert set(HAND_WEIGHTS) >= OWNER_FEATURES


def test_the_weights_decide_between_candidates() -> None:
    text = "Die Stadt Lyon grüßt Leipzig.\n\nLeipzigs Partnerschaften wachsen."
    gazetteer = get_gazetteer()
    candidates = home_candidates(text, find_place_mentions(text, gazetteer), gazetteer)
    by_hand = rank_candidates(candidates, HAND_WEIGHTS)
    assert by_hand[0][0].name == "Leipzig"
    # weights that prize a unit named by its kind over a possessive pick the other place
    odd = {**HAND_WEIGHTS, "possessive": 0}
    assert rank_candidates(candidates, odd)[0][0].name == "Lyon"


def test_the_home_argument_still_wins() -> None:
    text = "Leipzigs Partnerstadt Lyon lädt ein. Leipzig dankt."
    assert extract(text, home="Lyon")["home"]["name"] == "Lyon"


def test_the_training_script_moves_weights_towards_the_gold_home() -> None:
    import importlib.util
    from pathlib import Path

    from citypartners.ingest.gazetteer import PlaceRef
    from citypartners.ingest.home import Candidate

    script = Path(__file__).resolve().parents[2] / "bench" / "train_home_weights.py"
    spec = importlib.util.spec_from_file_location("train_home_weights", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # in every document the gold home has the title, the other the first city: the title
    # must come to weigh more than the first city, and the file name keeps its hand weight
    rows = [
        {
            "home": f"Home{i}",
            "candidates": [
                Candidate(PlaceRef(name=f"Home{i}"), Counter({"title": 1}), mentions=2),
                Candidate(PlaceRef(name=f"Other{i}"), Counter({"first_city": 1}), mentions=2),
            ],
        }
        for i in range(6)
    ]
    learned = module.train(rows)
    assert (
        learned["title"] - learned["first_city"]
        > HAND_WEIGHTS["title"] - HAND_WEIGHTS["first_city"]
    )
    assert learned["file_name"] == HAND_WEIGHTS["file_name"]
