"""Learn the weights of the home's forms (``home_scoring.py``) from gold, and estimate them
honestly with cross-validation grouped by home place.

    .venv/bin/python bench/train_home_weights.py GOLD.json [GOLD.json …] [--write]

Only build material may be given: the corpus's gold files (their *build* part is taken, the
measure part is dropped here), ``/work/devcorpus/{de,en}/gold.json`` and
``/work/dev2/{de,en}/gold.json``. Each document is read under a neutral file name, so the
weights are learned from the text alone; the file name keeps its hand weight.

The model is a conditional logit over each document's candidate homes: a candidate's score is
its features times the weights, and training maximises the probability of the gold's home
among the document's candidates, with an L2 pull towards the hand weights (the prior), by
plain gradient descent (no numpy). ``--write`` stores the weights in
``src/citypartners/ingest/home_weights.json``; without it the script only reports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from pathlib import Path

from citypartners.ingest.evaluation import load_gold, same_home
from citypartners.ingest.gazetteer import get_gazetteer
from citypartners.ingest.home import Candidate, home_candidates, rank_candidates
from citypartners.ingest.home_scoring import HAND_WEIGHTS, WEIGHTS_FILE
from citypartners.ingest.place_mentions import find_place_mentions
from citypartners.ingest.reading import read_document

#: features whose weight stays the hand weight: the file name is never learned (the corpus's
#: files are named after their home, real uploads may not be)
FIXED = frozenset({"file_name"})
FOLDS = 5
STEPS = 400
RATE = 0.05
PULL = 0.05  # L2 towards the hand weights, per document


def _documents(gold_paths: list[str]) -> list[dict]:
    gazetteer = get_gazetteer(None)
    rows = []
    for gold_path in gold_paths:
        corpus = "ingest-corpus" in str(Path(gold_path).resolve())
        for doc in load_gold(gold_path):
            if corpus and doc.part != "build":
                continue  # the measure part is never trained on
            text = read_document(doc.path.read_bytes(), path=str(doc.path)).text
            mentions = find_place_mentions(text, gazetteer)
            candidates = home_candidates(
                text, mentions, gazetteer, path="upload.txt", using=HAND_WEIGHTS
            )
            rows.append({"name": doc.name, "home": doc.home, "candidates": candidates})
    return rows


def _group(home: str) -> str:
    name = re.sub(r"\s*\(.*?\)|,.*$", "", home).strip().casefold()
    return name


def _right(row: dict, using: dict[str, float]) -> bool:
    ranked = rank_candidates(row["candidates"], using)
    found = ranked[0][0].name if ranked and ranked[0][2] else None
    return same_home(found, row["home"])


def _eligible(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if not c.partner or c.owner]


def train(rows: list[dict], start: dict[str, float] | None = None) -> dict[str, float]:
    """Weights that make the gold's home the best candidate of each document."""
    weights = dict(start or HAND_WEIGHTS)
    names = [n for n in HAND_WEIGHTS if n not in FIXED]
    data = []
    for row in rows:
        candidates = _eligible(row["candidates"])
        gold = [same_home(c.place.name, row["home"]) for c in candidates]
        if any(gold) and len(candidates) > 1:
            data.append(([dict(c.features) for c in candidates], gold))
    if not data:
        return weights
    for _ in range(STEPS):
        gradient = dict.fromkeys(names, 0.0)
        for features, gold in data:
            scores = [sum(weights[n] * v for n, v in f.items()) for f in features]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            right = sum(e for e, g in zip(exps, gold, strict=True) if g)
            for f, e, g in zip(features, exps, gold, strict=True):
                # d log(P(gold)) / d w = E[f | gold] - E[f]
                share = (e / right if g else 0.0) - e / total
                for n, v in f.items():
                    if n in gradient:
                        gradient[n] += share * v
        for n in names:
            pull = PULL * (weights[n] - HAND_WEIGHTS[n])
            weights[n] += RATE * (gradient[n] / len(data) - pull)
    return {n: round(w, 3) for n, w in weights.items()}


def cross_validate(rows: list[dict]) -> dict:
    """Documents right with the hand weights and with weights learned without their home."""
    folds: dict[int, list[dict]] = {}
    for row in rows:
        digest = hashlib.sha256(_group(row["home"]).encode("utf-8")).hexdigest()
        folds.setdefault(int(digest[:8], 16) % FOLDS, []).append(row)
    hand = learned = 0
    for fold, held in folds.items():
        rest = [r for f, rs in folds.items() if f != fold for r in rs]
        weights = train(rest)
        hand += sum(_right(r, HAND_WEIGHTS) for r in held)
        learned += sum(_right(r, weights) for r in held)
    return {"documents": len(rows), "hand": hand, "learned": learned, "folds": FOLDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args(argv)
    rows = _documents(options.gold)
    cv = cross_validate(rows)
    weights = train(rows)
    right = sum(_right(r, weights) for r in rows)
    print(
        f"documents {cv['documents']}: home right, grouped {cv['folds']}-fold cross-validation: "
        f"hand weights {cv['hand']}, learned {cv['learned']}; learned on all, same documents: "
        f"{right}"
    )
    for name, value in weights.items():
        if value != HAND_WEIGHTS[name]:
            print(f"  {name:18} {HAND_WEIGHTS[name]:6g} -> {value:g}")
    if options.write:
        WEIGHTS_FILE.write_text(
            json.dumps(
                {
                    "about": "weights of the home's forms, by bench/train_home_weights.py",
                    "trained_on": [str(p) for p in options.gold],
                    "cross_validation": cv,
                    "weights": weights,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"written {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
