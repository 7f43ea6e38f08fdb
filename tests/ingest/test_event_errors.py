"""bench/event_errors.py lists extra and missed events and never reads a measure part."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from citypartners.ingest.evaluation import split_of

_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "event_errors.py"


def _module():
    spec = importlib.util.spec_from_file_location("event_errors", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _home(part: str) -> str:
    return next(f"Home{n}" for n in range(100) if split_of(f"Home{n}") == part)


def test_extra_and_missed_events_of_the_build_part_only(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    build, measure = _home("build"), _home("measure")
    text = (
        f"{build} ist seit 1965 Partnerstadt von Lyon. Im Mai 2019 besuchte eine Delegation "
        "aus Lyon die Stadt. Im Juni 2020 reiste ein Chor nach Lyon."
    )
    (tmp_path / "docs" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text(text.replace(build, measure), encoding="utf-8")
    gold = [
        {"doc": name, "home_city": home, "partnerships": [], "events": events}
        for name, home, events in (
            ("a.txt", build, [{"date": "2019-05"}, {"date": "2018"}]),
            ("b.txt", measure, [{"date": "2019-05"}]),
        )
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    lines, counts = _module()._errors(str(path), build_only=True)
    assert counts == [1, 2, 2]
    assert any(line.startswith("extra  a.txt 2020-06") for line in lines)
    assert any(line.startswith("missed a.txt 2018") for line in lines)
    assert not any("b.txt" in line for line in lines)
    _, whole = _module()._errors(str(path), build_only=False)
    assert whole == [2, 4, 3]
