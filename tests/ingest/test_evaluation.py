"""The quality bars, measured: our extraction against gold, next to the dateparser baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from citypartners.ingest.evaluation import evaluate, format_report, score

GOLD = Path(__file__).parent / "gold"


def test_score_counts_multisets() -> None:
    result = score([("a",), ("a",), ("b",)], [("a",), ("c",)])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 2)
    assert result["precision"] == 0.5


def test_evaluate_seeds_meets_the_bar_and_beats_the_baseline(seeds: Path) -> None:
    report = evaluate(GOLD / "seeds.json")
    assert report["documents"] == 4
    assert report["ours"]["partnerships"]["f1"] == 1.0
    assert report["ours"]["events"]["f1"] >= 0.95
    assert report["baseline"]["partnerships"]["f1"] < report["ours"]["partnerships"]["f1"]
    assert report["baseline"]["events"]["f1"] < 0.5
    assert "baseline" in format_report(report)


def test_evaluate_corpus_meets_the_bar_and_beats_the_baseline() -> None:
    report = evaluate(GOLD / "corpus.json")
    assert report["documents"] >= 10
    assert report["home_correct"] == report["documents"]
    assert report["ours"]["partnerships"]["f1"] >= 0.95
    assert report["ours"]["events"]["f1"] >= 0.9
    assert report["baseline"]["partnerships"]["f1"] < 0.5
    assert report["baseline"]["events"]["f1"] < 0.5


@pytest.mark.parametrize("gold", ["seeds.json", "corpus.json"])
def test_gold_files_name_existing_documents_and_valid_dates(gold: str, seeds: Path) -> None:
    import json

    from citypartners.core.dates import PartialDate
    from citypartners.ingest.evaluation import resolve_document

    for document in json.loads((GOLD / gold).read_text(encoding="utf-8")):
        assert resolve_document(GOLD / gold, document["path"]).is_file()
        for item in document["partnerships"]:
            assert PartialDate.from_iso(item["since"]).precision.value == item["precision"]
        for item in document["events"]:
            assert PartialDate.from_iso(item["date"]).precision.value == item["precision"]
