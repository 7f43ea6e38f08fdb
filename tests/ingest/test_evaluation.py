"""The measurement: our extraction against gold, errors by class, beside a fair baseline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from citypartners.ingest.evaluation import (
    ERROR_CLASSES,
    GoldDocument,
    baseline,
    corpus_dir,
    evaluate,
    format_report,
    load_gold,
    score_document,
    split_of,
    summarise,
)

GOLD = Path(__file__).parent / "gold"


def _gold(**overrides) -> GoldDocument:
    fields = {
        "name": "doc.txt",
        "path": Path("doc.txt"),
        "home": "Musterstadt",
        "partnerships": [],
        "events": [],
    }
    return GoldDocument(**{**fields, **overrides})


def _partner(city: str, country: str, since: str | None, **extra) -> dict:
    return {
        "city": city,
        "as_written": extra.pop("as_written", None),
        "country": country,
        "since": since,
        "accept": extra.pop("accept", []),
        "optional": extra.pop("optional", False),
        "evidence": extra.pop("evidence", f"{city} seit {since}"),
    }


def _found(city: str, country: str, since: str | None, evidence: str = "") -> dict:
    return {
        "city": city,
        "city_as_written": city,
        "country": country,
        "since": since,
        "evidence": {"text": evidence or f"found {city}"},
    }


def _classes(score) -> list[str]:
    return [kind for kind, _ in score.errors]


def test_split_follows_the_fixed_rule_on_the_home_name() -> None:
    for home in ["Dortmund", "Hesse (state)", "Berlin-Pankow (borough)", "Linz", "Erlangen"]:
        digest = hashlib.sha256(home.strip().casefold().encode("utf-8")).hexdigest()
        expected = "measure" if int(digest[:8], 16) % 3 == 0 else "build"
        assert split_of(home) == expected
        assert split_of(f"  {home.upper()} ") == expected
    parts = {split_of(f"Ort {n}") for n in range(30)}
    assert parts == {"build", "measure"}


def test_score_document_counts_a_right_partnership_by_name_country_and_date() -> None:
    gold = _gold(partnerships=[_partner("Kraków", "PL", "1991", as_written="Krakau")])
    score = score_document(
        gold, {"home": {"name": "Musterstadt"}, "partnerships": [_found("Krakau", "PL", "1991")]}
    )
    assert (score.partnership_tp, score.partnership_predicted, score.partnership_gold) == (1, 1, 1)
    assert score.errors == []


def test_score_document_accepts_a_listed_other_date() -> None:
    gold = _gold(partnerships=[_partner("Lyon", "FR", "1990-05-12", accept=["1989"])])
    score = score_document(
        gold, {"home": {"name": "Musterstadt"}, "partnerships": [_found("Lyon", "FR", "1989")]}
    )
    assert score.partnership_tp == 1


def test_score_document_puts_each_partnership_error_in_its_class() -> None:
    gold = _gold(
        partnerships=[
            _partner("Lyon", "FR", "1990", evidence="Lyon (seit 1990)"),
            _partner("Kraków", "PL", "1996-08"),
            _partner("Tartu", "EE", "1995"),
            _partner("Graz", "AT", "2001"),
        ]
    )
    output = {
        "home": {"name": "Musterstadt"},
        "partnerships": [
            _found("Lyon", "FR", None, "Lyon"),
            _found("Kraków", "PL", "1996"),
            _found("Tartu", "EE", "1959"),
            _found("Rostock", "DE", "2001", "Rostock im Jahr 2001"),
        ],
    }
    score = score_document(gold, output)
    assert sorted(_classes(score)) == sorted(
        ["date lost", "wrong precision", "wrong date", "partner missed", "extra place"]
    )
    examples = dict(score.errors)
    assert examples["date lost"]["evidence"] == "Lyon"
    assert examples["partner missed"]["evidence"] == "Graz seit 2001"
    assert examples["extra place"]["evidence"] == "Rostock im Jahr 2001"
    assert (score.partnership_tp, score.partnership_predicted, score.partnership_gold) == (0, 4, 4)


def test_score_document_does_not_count_optional_partners_either_way() -> None:
    gold = _gold(
        partnerships=[
            _partner("Lyon", "FR", "1990", optional=True),
            _partner("Graz", "AT", "2001", optional=True),
        ]
    )
    score = score_document(
        gold, {"home": {"name": "Musterstadt"}, "partnerships": [_found("Lyon", "FR", "1990")]}
    )
    assert (score.partnership_tp, score.partnership_predicted, score.partnership_gold) == (0, 0, 0)
    assert score.errors == []


def test_score_document_finds_a_wrong_home() -> None:
    gold = _gold(home="Musterstadt (borough)", title="Unsere Partnerstädte")
    right = score_document(gold, {"home": {"name": "Musterstadt"}, "partnerships": []})
    wrong = score_document(gold, {"home": {"name": "Lyon"}, "partnerships": []})
    missing = score_document(gold, {"home": None, "partnerships": []})
    assert _classes(right) == []
    assert _classes(wrong) == _classes(missing) == ["wrong home"]
    assert dict(wrong.errors)["wrong home"]["evidence"] == "Unsere Partnerstädte"


def test_score_document_compares_events_as_sets_of_date_and_end() -> None:
    gold = _gold(
        events=[
            {"key": ("2019-05", "2019-05"), "optional": False, "evidence": "im Mai 2019"},
            {"key": ("2008", "2010"), "optional": False, "evidence": "2008 bis 2010"},
            {"key": ("2020", "2020"), "optional": True, "evidence": "2020"},
        ]
    )
    output = {
        "home": {"name": "Musterstadt"},
        "partnerships": [],
        "events": [
            {"date": "2019-05", "end": None, "evidence": {"text": "Mai 2019"}},
            {"date": "2019-05", "end": None, "evidence": {"text": "again"}},
            {"date": "2020", "end": None, "evidence": {"text": "optional"}},
            {"date": "1871", "end": None, "evidence": {"text": "Stadtgeschichte 1871"}},
        ],
    }
    score = score_document(gold, output)
    assert (score.event_tp, score.event_predicted, score.event_gold) == (1, 2, 2)
    examples = dict(score.errors)
    assert examples["event missed"] == {
        "document": "doc.txt",
        "what": "2008–2010",
        "evidence": "2008 bis 2010",
    }
    assert examples["extra event"]["evidence"] == "Stadtgeschichte 1871"


def test_summarise_counts_every_error_and_keeps_three_examples() -> None:
    gold = _gold(partnerships=[_partner(f"Ort{n}", "FR", "1990") for n in range(5)])
    score = score_document(gold, {"home": {"name": "Musterstadt"}, "partnerships": []})
    summary = summarise([score, score])
    assert summary["errors"]["partner missed"]["count"] == 10
    assert len(summary["errors"]["partner missed"]["examples"]) == 3
    assert summary["partnerships"]["recall"] == 0.0
    assert set(summary["errors"]) == set(ERROR_CLASSES)


def test_baseline_gives_dates_at_the_library_s_precision() -> None:
    text = "Musterstadt und Krakau sind seit März 1991 Partner.\nIm Jahr 1995 kam Lyon dazu.\n"
    result = baseline(text, home="Musterstadt")
    partners = {(p["city"], p["since"]) for p in result["partnerships"]}
    assert ("Kraków", "1991-03") in partners
    assert ("Lyon", "1995") in partners
    assert {e["date"] for e in result["events"]} == {"1991-03", "1995"}


def test_evaluate_reads_corpus_format_and_reports_both_parts(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    homes = ["Ort 0", "Ort 1", "Ort 2", "Ort 3", "Ort 4", "Ort 5"]
    entries = []
    for n, home in enumerate(homes):
        name = f"doc-{n}.txt"
        (tmp_path / "docs" / name).write_text(
            f"{home}: Unsere Partnerstadt ist seit 1991 Krakau (Polen).\n", encoding="utf-8"
        )
        entries.append(
            {
                "doc": name,
                "home_city": home,
                "title": home,
                "partnerships": [
                    {
                        "city": "Kraków",
                        "country": "PL",
                        "since": "1991",
                        "as_written": "Krakau",
                        "evidence": "seit 1991 Krakau",
                    }
                ],
                "events": [],
            }
        )
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(entries), encoding="utf-8")
    assert [d.home for d in load_gold(gold_path)] == homes
    report = evaluate(gold_path, split="all")
    parts = report["parts"]
    assert set(parts) == {"build", "measure", "all"}
    expected_measure = sum(split_of(home) == "measure" for home in homes)
    assert parts["measure"]["ours"]["documents"] == expected_measure
    assert parts["build"]["ours"]["documents"] == len(homes) - expected_measure
    assert parts["all"]["baseline"]["partnerships"]["gold"] == len(homes)
    only = evaluate(gold_path, split="measure", with_baseline=False)
    assert set(only["parts"]) == {"measure"} and "baseline" not in only["parts"]["measure"]
    text = format_report(report)
    assert "== measure part" in text and "baseline" in text and "partner missed" in text


def test_load_gold_names_a_missing_document(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps([{"doc": "absent.txt", "home_city": "X", "partnerships": []}]))
    with pytest.raises(FileNotFoundError, match=r"absent\.txt"):
        load_gold(gold_path)


@pytest.fixture(scope="module")
def corpus() -> Path:
    folder = corpus_dir(Path(__file__))
    if not (folder / "de" / "gold.json").is_file():
        pytest.skip(f"real corpus not found: {folder} is missing (see docs/ingest.md)")
    return folder


def test_evaluate_real_corpus_splits_and_classifies_every_error(corpus: Path) -> None:
    golds = [corpus / "de" / "gold.json", corpus / "en" / "gold.json"]
    report = evaluate(golds, split="all")
    parts = report["parts"]
    documents = sum(len(load_gold(g)) for g in golds)
    assert parts["build"]["ours"]["documents"] + parts["measure"]["ours"]["documents"] == documents
    assert parts["build"]["ours"]["documents"] and parts["measure"]["ours"]["documents"]
    for side in ("ours", "baseline"):
        summary = parts["all"][side]
        p, e, errors = summary["partnerships"], summary["events"], summary["errors"]
        gold_side = ("partner missed", "date lost", "wrong precision", "wrong date")
        assert sum(errors[k]["count"] for k in gold_side) == p["gold"] - p["tp"]
        assert errors["event missed"]["count"] == e["gold"] - e["tp"]
        assert errors["extra event"]["count"] == e["predicted"] - e["tp"]
        for entry in errors.values():
            assert len(entry["examples"]) == min(3, entry["count"])
    assert parts["all"]["baseline"]["errors"]["wrong home"]["count"] == 0  # it is told the home


def test_evaluate_seeds_meets_the_bar_and_beats_the_baseline(seeds: Path) -> None:
    report = evaluate(GOLD / "seeds.json")
    ours, base = report["parts"]["all"]["ours"], report["parts"]["all"]["baseline"]
    assert report["documents"] == 4
    assert ours["partnerships"]["f1"] == 1.0
    assert ours["events"]["f1"] >= 0.95
    assert base["partnerships"]["f1"] < ours["partnerships"]["f1"]


def test_evaluate_project_corpus_meets_the_bar() -> None:
    report = evaluate(GOLD / "corpus.json")
    ours = report["parts"]["all"]["ours"]
    assert report["documents"] >= 10
    assert ours["errors"]["wrong home"]["count"] == 0
    assert ours["partnerships"]["f1"] >= 0.95
    assert ours["events"]["f1"] >= 0.9


@pytest.mark.parametrize("gold", ["seeds.json", "corpus.json"])
def test_gold_files_name_existing_documents_and_valid_dates(gold: str, seeds: Path) -> None:
    from citypartners.core.dates import PartialDate
    from citypartners.ingest.evaluation import resolve_document

    for document in json.loads((GOLD / gold).read_text(encoding="utf-8")):
        assert resolve_document(GOLD / gold, document["path"]).is_file()
        for item in document["partnerships"]:
            assert PartialDate.from_iso(item["since"]).precision.value == item["precision"]
        for item in document["events"]:
            assert PartialDate.from_iso(item["date"]).precision.value == item["precision"]


def test_same_home_reads_the_golds_bracket_and_river_names() -> None:
    from citypartners.ingest.evaluation import same_home

    # the council or borough in brackets speaks for the same home; a kind in brackets is no name
    assert same_home("Calderdale", "Halifax (Calderdale)")
    assert same_home("Halifax", "Halifax (Calderdale)")
    assert not same_home("Aachen", "Halifax (Calderdale)")
    assert not same_home("State", "Hesse (state)")
    assert same_home("Landkreis Havelland", "Landkreis Havelland (district)")
    # a town and its river, written two ways
    assert same_home("Eislingen an der Fils", "Eislingen/Fils")
    # "none": only no home is right
    assert same_home(None, "none (a general article)")
    assert not same_home("Cork", "none (a general article)")
    assert not same_home(None, "Halifax (Calderdale)")
