"""Train the partner scorer (record 0034): writes src/citypartners/ingest/partner_scorer.json.

Trained ONLY on build material: the corpus's build part (`split_of`), /work/devcorpus and
/work/dev2 (each only once its READY file exists). Never on the corpus's measure part, never on
/work/heldout*: the script refuses gold paths under a folder named "heldout…" and drops every
corpus document of the measure part.

    .venv/bin/pip install -e '.[dev]'          # scikit-learn, a dev dependency only
    .venv/bin/python bench/train_partner_scorer.py            # report + write the model
    .venv/bin/python bench/train_partner_scorer.py --dry-run  # report only

It prints the candidates' recall of the gold partners, the grouped cross-validation (folds by
home place, out-of-fold probabilities) and the threshold chosen on them for precision, then
fits on everything and writes the JSON (deterministic: fixed folds, a deterministic solver,
rounded numbers, sorted keys).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from citypartners.ingest.evaluation import (  # noqa: E402
    GoldDocument,
    _same_partner,
    load_gold,
    split_of,
)
from citypartners.ingest.extraction import relations_of  # noqa: E402
from citypartners.ingest.partner_scorer import MODEL_PATH  # noqa: E402
from citypartners.ingest.partners import candidates_of, takeable  # noqa: E402
from citypartners.ingest.reading import read_document  # noqa: E402

CORPUS = REPO.parent / "shared" / "ingest-corpus"
DEV_SETS = (Path("/work/devcorpus"), Path("/work/dev2"))
#: the precision the threshold is chosen for, on the out-of-fold probabilities
TARGET_PRECISION = 0.95
FOLDS = 5
C = 0.5


@dataclass
class Row:
    document: str
    group: str
    city: str
    features: dict[str, float]
    label: int  # 1 partner, 0 not, -1 an optional gold partner (left out of training)
    rule: bool
    takeable: bool


def training_documents() -> list[tuple[str, GoldDocument]]:
    documents = []
    for language in ("de", "en"):
        for doc in load_gold(CORPUS / language / "gold.json"):
            if doc.part == "build":
                documents.append(("corpus", doc))
    for folder in DEV_SETS:
        if "heldout" in str(folder):
            raise SystemExit("never train on a held-out set")
        if not (folder / "READY").exists():
            print(f"skipped {folder}: no READY file yet")
            continue
        for language in ("de", "en"):
            gold = folder / language / "gold.json"
            if gold.is_file():
                documents.extend((folder.name, doc) for doc in load_gold(gold))
    # the measure part of the corpus is never read: its split is fixed by the home's name
    return [
        (source, doc)
        for source, doc in documents
        if source != "corpus" or split_of(doc.home) == "build"
    ]


def rows_of(source: str, doc: GoldDocument) -> tuple[list[Row], int, int, int]:
    """The candidates of one document, labelled; and (gold, found by a candidate, by a rule)."""
    text = read_document(doc.path.read_bytes(), path=str(doc.path)).text
    relations = relations_of(text, path=str(doc.path))
    candidates = candidates_of(relations)
    required = [p for p in doc.partnerships if not p["optional"]]
    optional = [p for p in doc.partnerships if p["optional"]]
    rows = []
    covered, by_rule = set(), set()
    for candidate in candidates:
        place = candidate.first.place
        writings = {m.text for m in candidate.mentions}
        predictions = [
            {"city": place.name, "city_as_written": written, "country": place.country}
            for written in writings
        ]
        hits = [
            i for i, gold in enumerate(required) if any(_same_partner(p, gold) for p in predictions)
        ]
        if hits:
            label = 1
            covered.update(hits)
            if candidate.rules:
                by_rule.update(hits)
        elif any(_same_partner(p, gold) for gold in optional for p in predictions):
            label = -1
        else:
            label = 0
        rows.append(
            Row(
                doc.name,
                f"{source}:{doc.home}",
                place.name,
                candidate.features,
                label,
                bool(candidate.rules),
                takeable(candidate),
            )
        )
    return rows, len(required), len(covered), len(by_rule)


def choose_threshold(probabilities, labels) -> float:
    """The lowest threshold whose out-of-fold precision (and every higher one's) holds the
    target."""
    pairs = sorted(zip(probabilities, labels, strict=True), reverse=True)
    tp = fp = 0
    best = 1.0
    for probability, label in pairs:
        tp += label
        fp += 1 - label
        if tp / (tp + fp) >= TARGET_PRECISION:
            best = probability
        elif tp + fp >= 10:
            # keep going only while precision holds from the top down
            break
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = parser.parse_args()

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    rows: list[Row] = []
    per_source: dict[str, list[int]] = {}
    for source, doc in training_documents():
        found, gold, covered, by_rule = rows_of(source, doc)
        rows.extend(found)
        tally = per_source.setdefault(source, [0, 0, 0, 0])
        tally[0] += 1
        tally[1] += gold
        tally[2] += covered
        tally[3] += by_rule
    print("candidate recall of the required gold partners (name and country, dates aside):")
    for source, (docs, gold, covered, by_rule) in per_source.items():
        print(
            f"  {source:10} {docs:3} documents  {gold:4} gold  candidates {covered / gold:.3f}"
            f"  rules {by_rule / gold:.3f}"
        )
    train = [row for row in rows if row.label >= 0]
    names = sorted(train[0].features)
    x = np.array([[row.features[name] for name in names] for row in train])
    y = np.array([row.label for row in train])
    groups = np.array([row.group for row in train])
    print(f"training rows: {len(train)} ({int(y.sum())} partners), groups: {len(set(groups))}")

    def fit(xs, ys):
        scaler = StandardScaler().fit(xs)
        model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
        model.fit(scaler.transform(xs), ys)
        return scaler, model

    oof = np.zeros(len(y))
    # GroupKFold with a fixed order of groups is deterministic
    for train_index, test_index in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        scaler, model = fit(x[train_index], y[train_index])
        oof[test_index] = model.predict_proba(scaler.transform(x[test_index]))[:, 1]
    # a candidate that is not takeable is never a partner, whatever its probability
    gate = np.array([row.takeable for row in train])
    oof = np.where(gate, oof, 0.0)
    reach = int((gate & (y == 1)).sum()) / max(1, int(y.sum()))
    print(f"takeable candidates (a rule's, or open): recall {reach:.3f}")
    threshold = choose_threshold(oof.tolist(), y.tolist())
    chosen = oof >= threshold
    tp = int((chosen & (y == 1)).sum())
    precision = tp / max(1, int(chosen.sum()))
    recall = tp / max(1, int(y.sum()))
    rule = np.array([row.rule for row in train])
    rule_tp = int((rule & (y == 1)).sum())
    print(
        f"grouped {FOLDS}-fold CV (by home), candidates: AUC {roc_auc_score(y, oof):.3f}; "
        f"threshold {threshold:.3f}: P {precision:.3f} R {recall:.3f}"
    )
    print(
        f"rules alone on the same candidates: P {rule_tp / max(1, int(rule.sum())):.3f} "
        f"R {rule_tp / max(1, int(y.sum())):.3f}"
    )
    scaler, model = fit(x, y)
    data = {
        "features": names,
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": round(float(threshold), 6),
        "trained_on": {
            source: {"documents": tally[0], "gold_partners": tally[1]}
            for source, tally in sorted(per_source.items())
        },
        "cv": {
            "folds": FOLDS,
            "grouped_by": "home place",
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "auc": round(float(roc_auc_score(y, oof)), 3),
        },
    }
    for name, weight in sorted(zip(names, data["coef"], strict=True), key=lambda p: -abs(p[1])):
        print(f"  {weight:+.3f} {name}")
    if args.dry_run:
        return
    MODEL_PATH.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(REPO)}")


if __name__ == "__main__":
    main()
