"""The answer selector: a logistic model over (question, sentence) features that estimates, for
each candidate, the probability that it states the answer. Candidates are reordered by it, and
the best one's probability decides abstention (the threshold is read off the trade-off curve on
the development questions). Trained by `python -m eval.train_selector`; the weights are data
(assistant/data/selector.json), with the feature names they were trained on.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .abstain import content_terms
from .english import is_english
from .features import NAMES, QuestionInfo, matrix
from .types import Hit

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "data" / "selector.json"


@dataclass(frozen=True)
class SelectorModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    threshold: float  # abstain when the best candidate's probability is below this

    @classmethod
    def load(cls, path: Path = DEFAULT_WEIGHTS) -> SelectorModel | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if tuple(data["names"]) != NAMES:  # trained on other features: not usable
            return None
        return cls(tuple(data["names"]), np.asarray(data["mean"]), np.asarray(data["scale"]),
                   np.asarray(data["coef"]), float(data["threshold"]))

    def save(self, path: Path, **extra) -> None:
        data = {"names": list(self.names), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "threshold": self.threshold, **extra}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class Selector:
    """Reorders candidates by the model's probability (fused order when no model is trained)."""

    def __init__(self, model: SelectorModel | None, known: Callable[[str], bool]):
        self.model, self.known = model, known

    def features(self, question: str, hits: Sequence[Hit]) -> np.ndarray:
        info = QuestionInfo.of(question)
        terms = content_terms(info.text)
        missing = sum(not self.known(t) for t in terms) / len(terms) if terms else 0.0
        return matrix(info, list(hits), missing, is_english(question))

    def rank(self, question: str, hits: Sequence[Hit]) -> list[Hit]:
        if self.model is None or not hits:
            return list(hits)
        p = self.model.probabilities(self.features(question, hits))
        scored = [h.model_copy(update={"probability": float(q)}) for h, q in zip(hits, p)]
        order = sorted(range(len(scored)), key=lambda i: (-p[i], scored[i].rank or 999))
        return [scored[i] for i in order]

    def confident(self, hits: Sequence[Hit]) -> bool:
        """False when the model says no candidate answers (no model: no opinion)."""
        if self.model is None or not hits or hits[0].probability is None:
            return True
        return hits[0].probability >= self.model.threshold
