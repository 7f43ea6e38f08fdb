"""Partner candidates (every place of a text that could be a partner) and the learned scorer
that chooses among them (decision record 0034). Texts written for these tests."""

from __future__ import annotations

import json
import math

import pytest

from citypartners.ingest.extraction import extract, relations_of
from citypartners.ingest.partner_scorer import MODEL_PATH, Model, Tree, load_model
from citypartners.ingest.partners import candidates_of, find_partners


def _candidates(text: str, home: str | None = None) -> dict[str, dict[str, float]]:
    relations = relations_of(text, home=home)
    return {c.first.place.name: c.features for c in candidates_of(relations)}


def test_every_place_but_the_home_is_a_candidate() -> None:
    text = (
        "Die Partnerstädte von Augsburg sind Bourges und Inverness. "
        "Der Chor reiste im Sommer nach München."
    )
    found = _candidates(text, home="Augsburg")
    assert {"Bourges", "Inverness", "Munich"} <= set(found)
    assert "Augsburg" not in found


def test_the_rule_that_took_a_place_is_a_feature() -> None:
    text = "- Lyon\n- Turin"
    heading = "Unsere Partnerstädte\n"
    found = _candidates(heading + text, home="Augsburg")
    assert found["Lyon"]["rule_list"] == 1.0
    assert found["Lyon"]["rule_table"] == 0.0
    assert found["Lyon"]["any_rule"] == 1.0
    assert found["Lyon"]["list_item"] == 1.0
    assert found["Lyon"]["date_beside"] == 0.0
    dated = _candidates("Unsere Partnerstädte\nLyon (seit 1958)\nTurin (1960)", home="Augsburg")
    assert dated["Lyon"]["date_beside"] == 1.0
    assert dated["Lyon"]["any_rule"] == 1.0
    # the same lines with no partnership heading: no rule takes them
    plain = _candidates("Reiseziele\n" + text, home="Augsburg")
    assert plain["Lyon"]["any_rule"] == 0.0


def test_distance_to_a_partnership_word_and_its_side() -> None:
    text = (
        "Augsburg ist seit 1958 Partnerstadt von Bourges. Viele Jahre später, nach langen "
        "Gesprächen über Verkehr, Schulen und Kultur, besuchte eine Gruppe auch Dresden."
    )
    found = _candidates(text, home="Augsburg")
    assert found["Bourges"]["pw_before"] == 1.0
    assert found["Bourges"]["pw_distance"] < found["Dresden"]["pw_distance"]
    assert found["Dresden"]["pw_sentence"] == 0.0
    assert found["Bourges"]["pw_sentence"] == 1.0


def test_home_country_districts_and_mentions() -> None:
    text = (
        "Berlin pflegt eine Partnerschaft mit Paris. Paris und Berlin feiern. "
        "In Spandau und in Potsdam gab es Feste."
    )
    found = _candidates(text, home="Berlin")
    assert found["Paris"]["home_country"] == 0.0
    assert found["Potsdam"]["home_country"] == 1.0
    assert found["Spandau"]["part_of_home"] == 1.0
    assert found["Potsdam"]["part_of_home"] == 0.0
    assert found["Paris"]["mentions"] == pytest.approx(math.log1p(2))
    assert found["Paris"]["home_in_sentence"] == 1.0


def test_organisation_and_locator_context() -> None:
    text = (
        "Hofheim is twinned with Tiverton. Students of the University of Leeds came along; "
        "Hofheim is a small suburb of Frankfurt."
    )
    found = _candidates(text, home="Hofheim am Taunus")
    assert found["Leeds"]["organisation"] == 1.0
    assert found["Tiverton"]["organisation"] == 0.0
    assert found["Frankfurt am Main"]["located"] == 1.0


def _model(
    threshold: float, feature: str = "pw_sentence", low: float = -3.0, high: float = 3.0
) -> Model:
    """One stump: ``low`` log-odds when ``feature`` ≤ 0.5, else ``high``."""
    stump = Tree(
        feature=(0, -2, -2),
        threshold=(0.5, -2.0, -2.0),
        left=(1, -1, -1),
        right=(2, -1, -1),
        value=(0.0, low, high),
    )
    return Model(features=(feature,), prior=0.0, rate=1.0, trees=(stump,), threshold=threshold)


def test_model_probability_is_the_logistic_of_the_summed_trees() -> None:
    model = _model(0.5, "pw_sentence", -1.0, 2.0)
    assert model.probability({"pw_sentence": 1.0}) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.probability({}) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.accepts({"pw_sentence": 1.0})
    assert not model.accepts({"pw_sentence": 0.0})
    twice = Model(model.features, 0.5, 0.1, model.trees * 2, 0.5)
    assert twice.log_odds({"pw_sentence": 1.0}) == pytest.approx(0.5 + 0.1 * 4.0)


def test_the_model_adds_the_places_the_rules_missed() -> None:
    text = (
        "Die Partnerstädte von Augsburg sind Bourges und Inverness. "
        "Zur Partnerschaft gehört seit langem auch Dresden."
    )
    rules_alone = relations_of(text, home="Augsburg")
    find_partners(rules_alone, model=None)
    assert {p.place.name for p in rules_alone.partners.values()} == {"Bourges", "Inverness"}
    # a model that takes nothing leaves the rules' partners as they are
    none = relations_of(text, home="Augsburg")
    find_partners(none, model=_model(0.99, low=-5.0, high=-5.0))
    assert {p.place.name for p in none.partners.values()} == {"Bourges", "Inverness"}
    # a model that takes every candidate adds the place the rules left out, after them
    every = relations_of(text, home="Augsburg")
    find_partners(every, model=_model(0.5, low=5.0, high=5.0))
    added = sorted(every.partners.values(), key=lambda p: p.order)
    assert [p.place.name for p in added] == ["Bourges", "Inverness", "Dresden"]
    assert added[-1].since is None
    start, end = added[-1].evidence
    assert text[start:end] == "Zur Partnerschaft gehört seit langem auch Dresden."


def test_no_weight_takes_a_place_of_a_never_a_partner_form() -> None:
    # a journey's goal, a friendship, an inquiry, another place's partnerships, a common
    # German noun that is also a small place: even a model that takes everything leaves them
    texts = [
        "Die Gäste aus unserer Partnerstadt Lyon fuhren danach nach München.",
        "Mit Dresden verbindet uns eine Freundschaft, keine Partnerschaft.",
        "Die Stadt wurde gefragt, ob Interesse an einer Städtepartnerschaft mit Lublin bestünde.",
        "Lyon hat Partnerschaften mit Frankfurt und Mailand.",
        "Die Partnerschaft führt uns in ein Dorf im Kreis Ostrzykowo.",
        "Our twinning news: ask the Sister Cities Project Officer about the partnership.",
        "The twinning was celebrated in London and Brussels in 2008.",
    ]
    for text in texts:
        relations = relations_of(text, home="Augsburg")
        find_partners(relations, model=_model(0.5, low=5.0, high=5.0))
        taken = {p.place.name for p in relations.partners.values()}
        assert taken <= {"Lyon"}, text


def test_stored_model_is_well_formed_and_keeps_the_json_contract() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trees"] and 0.0 < data["threshold"] < 1.0
    for tree in data["trees"]:
        assert len(tree["feature"]) == len(tree["left"]) == len(tree["value"])
    # trained on build material only (decision record 0034)
    assert not any("heldout" in source or "measure" in source for source in data["trained_on"])
    model = load_model()
    assert model is not None
    relations = relations_of("Unsere Partnerstadt ist Lyon (seit 1958).", home="Augsburg")
    candidates = candidates_of(relations)
    assert "Lyon" in {c.first.place.name for c in candidates}
    # the model reads exactly the features the candidates carry
    assert set(model.features) == set(candidates[0].features)
    result = extract("Die Partnerstädte von Augsburg sind Bourges und Inverness.", home="Augsburg")
    assert set(result["partnerships"][0]) == {
        "city",
        "city_as_written",
        "country",
        "geonames_id",
        "since",
        "precision",
        "evidence",
    }


def test_without_a_stored_model_the_rules_alone_decide(tmp_path) -> None:
    assert load_model.__wrapped__(tmp_path / "absent.json") is None
    broken = tmp_path / "broken.json"
    broken.write_text('{"features": []}', encoding="utf-8")
    assert load_model.__wrapped__(broken) is None
