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
C = 0.1
TREES = 100
DEPTH = 2
RATE = 0.1


@dataclass
class Document:
    source: str
    gold: GoldDocument
    group: str


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
    """The lowest threshold at which the candidates it accepts (out of fold) hold the target
    precision: the most recall the target allows."""
    pairs = sorted(zip(probabilities, labels, strict=True), reverse=True)
    tp = fp = 0
    best = 1.0
    for index, (probability, label) in enumerate(pairs):
        tp += label
        fp += 1 - label
        following = pairs[index + 1][0] if index + 1 < len(pairs) else -1.0
        # only between distinct probabilities, and only among takeable candidates (> 0)
        if probability > 0 and probability != following and tp / (tp + fp) >= TARGET_PRECISION:
            best = probability
    return best


def tree_model(fitted, names: list[str], threshold: float):
    """The runtime model (``partner_scorer.Model``) of a fitted GradientBoostingClassifier."""
    from citypartners.ingest.partner_scorer import Model

    return Model.from_dict(model_data(fitted, names, threshold, {}, {}))


def model_data(fitted, names: list[str], threshold: float, trained_on: dict, cv: dict) -> dict:
    trees = []
    for (estimator,) in fitted.estimators_:
        tree = estimator.tree_
        trees.append(
            {
                "feature": [int(v) for v in tree.feature],
                "threshold": [round(float(v), 6) for v in tree.threshold],
                "left": [int(v) for v in tree.children_left],
                "right": [int(v) for v in tree.children_right],
                "value": [round(float(v), 6) for v in tree.value[:, 0, 0]],
            }
        )
    sample = [[0.0] * len(names)]
    return {
        "kind": "gradient-boosted trees on the log-odds (scikit-learn GradientBoostingClassifier)",
        "features": names,
        "prior": round(float(fitted._raw_predict_init(sample)[0, 0]), 6),
        "rate": RATE,
        "trees": trees,
        "threshold": round(float(threshold), 6),
        "trained_on": trained_on,
        "cv": cv,
    }


def document_cv(documents, folds, groups, x, y, make, names, threshold) -> None:
    """Each fold's documents extracted with the model trained on the other folds and scored
    as ``citypartners evaluate`` scores them; beside them, the rules alone."""
    from citypartners.ingest.evaluation import score_document
    from citypartners.ingest.home import home_record
    from citypartners.ingest.partners import find_partners
    from citypartners.ingest.records import partnership_records

    totals = {"rules": [0, 0, 0], "scorer": [0, 0, 0]}
    # a home with no takeable candidate is in no fold: nothing to add, the rules alone
    unfolded = set(d.group for d in documents) - set(groups)
    plan = [(None, unfolded)] + [(f, set(groups[test])) for f, (_, test) in enumerate(folds)]
    for fold, held in plan:
        model = None
        if fold is not None:
            train_index = folds[fold][0]
            model = tree_model(make().fit(x[train_index], y[train_index]), names, threshold)
        for document in documents:
            if document.group not in held:
                continue
            doc = document.gold
            text = read_document(doc.path.read_bytes(), path=str(doc.path)).text
            for side, chosen in (("rules", None), ("scorer", model)):
                relations = relations_of(text, path=str(doc.path))
                find_partners(relations, model=chosen)
                output = {
                    "partnerships": partnership_records(relations),
                    "home": home_record(relations.home),
                }
                score = score_document(doc, output)
                totals[side][0] += score.partnership_tp
                totals[side][1] += score.partnership_predicted
                totals[side][2] += score.partnership_gold
    for side, (tp, predicted, gold) in totals.items():
        p, r = tp / max(1, predicted), tp / max(1, gold)
        f = 2 * p * r / max(1e-9, p + r)
        print(
            f"documents of the held-out folds, {side}: P {p:.3f} R {r:.3f} F1 {f:.3f} "
            f"({tp}/{gold} gold, {predicted} counted predictions)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument(
        "--documents",
        action="store_true",
        help="also score each fold's documents with the model of the other folds, as the "
        "evaluation scores them (partnerships P/R/F1, dates included)",
    )
    args = parser.parse_args()

    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rows: list[Row] = []
    per_source: dict[str, list[int]] = {}
    documents = [Document(s, d, f"{s}:{d.home}") for s, d in training_documents()]
    for source, doc in ((d.source, d.gold) for d in documents):
        found, gold, covered, by_rule = rows_of(source, doc)
        rows.extend(found)
        tally = per_source.setdefault(source, [0, 0, 0, 0])
        tally[0] += 1
        tally[1] += gold
        tally[2] += covered
        tally[3] += by_rule
    print("recall of the required gold partners (name and country, dates aside):")
    for source, (docs, gold, covered, by_rule) in per_source.items():
        print(
            f"  {source:10} {docs:3} documents  {gold:4} gold  by a candidate {covered / gold:.3f}"
            f"  by a rule {by_rule / gold:.3f}"
        )
    labelled = [row for row in rows if row.label >= 0]
    positives = sum(row.label for row in labelled)
    by_rules = [row for row in labelled if row.rule]
    rule_tp = sum(row.label for row in by_rules)
    print(
        f"rules over all candidates: P {rule_tp / max(1, len(by_rules)):.3f} "
        f"R {rule_tp / max(1, positives):.3f} ({rule_tp} of {positives})"
    )
    # the scorer's material: candidates no rule took that pass the never-a-partner forms
    train = [row for row in labelled if row.takeable]
    names = sorted(train[0].features)
    x = np.array([[row.features[name] for name in names] for row in train])
    y = np.array([row.label for row in train])
    groups = np.array([row.group for row in train])
    print(
        f"takeable (no rule, open): {len(train)} candidates, {int(y.sum())} partners, "
        f"{len(set(groups))} home places"
    )

    def boosted():
        return GradientBoostingClassifier(
            n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0
        )

    def logistic():
        return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000))

    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups))
    results = {}
    for label, make in (("logistic regression", logistic), ("boosted trees", boosted)):
        oof = np.zeros(len(y))
        for train_index, test_index in folds:
            model = make().fit(x[train_index], y[train_index])
            oof[test_index] = model.predict_proba(x[test_index])[:, 1]
        threshold = choose_threshold(oof.tolist(), y.tolist())
        chosen = oof >= threshold
        tp = int((chosen & (y == 1)).sum())
        results[label] = (oof, threshold, tp, int(chosen.sum()))
        print(
            f"grouped {FOLDS}-fold CV by home, {label}: AUC {roc_auc_score(y, oof):.3f}; "
            f"threshold {threshold:.3f} adds {tp} partners of {int(y.sum())} "
            f"with {int(chosen.sum()) - tp} wrong"
        )
    _, threshold, tp, taken = results["boosted trees"]
    print(
        f"rules + boosted trees (CV): P {(rule_tp + tp) / max(1, len(by_rules) + taken):.3f} "
        f"R {(rule_tp + tp) / max(1, positives):.3f}"
    )
    if args.documents:
        document_cv(documents, folds, groups, x, y, boosted, names, threshold)
    model = boosted().fit(x, y)
    data = model_data(
        model,
        names,
        threshold,
        {
            source: {"documents": tally[0], "gold_partners": tally[1]}
            for source, tally in sorted(per_source.items())
        },
        {
            "folds": FOLDS,
            "grouped_by": "home place",
            "takeable_partners": int(y.sum()),
            "added": tp,
            "added_wrong": taken - tp,
        },
    )
    # the plain-Python scoring of the runtime must give what scikit-learn gives
    from citypartners.ingest.partner_scorer import Model

    stored = Model.from_dict(json.loads(json.dumps(data)))
    expected = model.predict_proba(x)[:, 1]
    worst = max(
        abs(stored.probability(dict(zip(names, row, strict=True))) - p)
        for row, p in zip(x.tolist(), expected, strict=True)
    )
    print(f"runtime scoring against scikit-learn: largest difference {worst:.2e}")
    if worst > 1e-4:
        raise SystemExit("the stored trees do not reproduce the model")
    importances = sorted(zip(model.feature_importances_, names, strict=True), reverse=True)
    print("features by importance:", ", ".join(f"{n} {v:.2f}" for v, n in importances[:12]))
    if args.dry_run:
        return
    MODEL_PATH.write_text(json.dumps(data, indent=None, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(REPO)}")


if __name__ == "__main__":
    main()
