"""The learned scorer that adds the partners the rules missed (`partner_candidates.py`).

A small gradient-boosted model (shallow regression trees on the log-odds) over the features
of the candidates no rule took, trained by ``bench/train_partner_scorer.py`` on the corpus's
build part and the dev sets only (decision record 0034). Its trees live in
``partner_scorer.json`` beside this module, so scoring needs no library at run time: each
tree is walked from its root, the leaves' values are summed onto the prior's log-odds, and the
logistic function gives the probability. A candidate whose probability reaches the stored
threshold is a partner.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("partner_scorer.json")


@dataclass(frozen=True)
class Tree:
    """A regression tree as flat arrays: node ``i`` splits on ``feature[i]`` at
    ``threshold[i]`` (go ``left[i]`` when the value is ≤ it, else ``right[i]``); a leaf has
    ``left[i] == -1`` and gives ``value[i]``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, row: list[float]) -> float:
        node = 0
        while self.left[node] != -1:
            if row[self.feature[node]] <= self.threshold[node]:
                node = self.left[node]
            else:
                node = self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class Model:
    """Boosted trees over named features: ``prior`` log-odds plus ``rate`` times each tree's
    value; ``threshold`` is the probability a candidate needs."""

    features: tuple[str, ...]
    prior: float
    rate: float
    trees: tuple[Tree, ...]
    threshold: float

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        return cls(
            features=tuple(data["features"]),
            prior=float(data["prior"]),
            rate=float(data["rate"]),
            trees=tuple(
                Tree(
                    tuple(int(v) for v in tree["feature"]),
                    tuple(float(v) for v in tree["threshold"]),
                    tuple(int(v) for v in tree["left"]),
                    tuple(int(v) for v in tree["right"]),
                    tuple(float(v) for v in tree["value"]),
                )
                for tree in data["trees"]
            ),
            threshold=float(data["threshold"]),
        )

    def log_odds(self, features: dict[str, float]) -> float:
        row = [features.get(name, 0.0) for name in self.features]
        return self.prior + self.rate * sum(tree.predict(row) for tree in self.trees)

    def probability(self, features: dict[str, float]) -> float:
        """P(partner) of one candidate; a feature the candidate lacks counts as 0."""
        z = self.log_odds(features)
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def accepts(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The stored model, or None when there is none (then the rules alone decide)."""
    try:
        return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
