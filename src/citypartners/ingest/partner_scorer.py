"""The learned scorer that decides which candidates (`partner_candidates.py`) are partners.

A logistic regression over the candidates' features, trained by
``bench/train_partner_scorer.py`` on the corpus's build part and the dev sets only (decision
record 0034). Its weights live in ``partner_scorer.json`` beside this module, so scoring needs
no library at run time: a weighted sum of the standardised features and the logistic
function. A candidate whose probability reaches the stored threshold is a partner.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("partner_scorer.json")


@dataclass(frozen=True)
class Model:
    """Weights of a logistic regression over named features, and the threshold to accept."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        return cls(
            features=tuple(data["features"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) or 1.0 for v in data["scale"]),
            coef=tuple(float(v) for v in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
        )

    def probability(self, features: dict[str, float]) -> float:
        """P(partner) of one candidate; a feature the candidate lacks counts as 0."""
        z = self.intercept
        for name, mean, scale, weight in zip(
            self.features, self.mean, self.scale, self.coef, strict=True
        ):
            z += weight * (features.get(name, 0.0) - mean) / scale
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
    except (OSError, ValueError, KeyError):
        return None
