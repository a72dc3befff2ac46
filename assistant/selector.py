"""The answer selector: which candidate sentence states the answer, and whether any does.

Two small models over (question, sentence) features (assistant/features.py), trained by
`python -m eval.train_selector` on the development questions; their weights are data
(assistant/data/selector.json, with the feature names they were trained on):

- a listwise ranker: a score per candidate, softmax-normalised within the question, fitted
  so the gold sentences take the probability mass (it learns what separates candidates of
  the same question, which a per-sentence classifier mixes up with what separates questions);
- an answerability model: a logistic model over the best candidate's score, its lead over
  the runner-up, the question's own signals and how the other candidates agree with the best
  (assistant/agreement.py). Below its threshold (read off the trade-off curve of negative
  against false rejection) the assistant abstains.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .agreement import agreement, agreement_columns
from .english import is_english
from .features import NAMES, QuestionInfo, matrix
from .types import Hit

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "data" / "selector.json"
QUESTION_COLUMNS = tuple(n for n in NAMES if n.startswith("q_"))
TOP_COLUMNS = ("amount", "date", "actor", "place", "rule", "define", "list", "cover_idf", "cover_idf_context", "dense",
               "doc_rank")
# The order the assistant returns keeps the fused best first unless the ranker rates another at least this many
# times as likely (chosen on the development sets with `python -m eval.rerank_odds`: on one article, where the
# fused order is already good, a lower ratio demotes right first hits; over the library the ranker's order is
# better).
LEAD_ODDS = 10.0
ANSWERABILITY = ("bias", "top_score", "lead", *QUESTION_COLUMNS, *(f"top_{c}" for c in TOP_COLUMNS),
                 "agree_share", "agree_lead")


def softmax(scores: np.ndarray) -> np.ndarray:
    share = np.exp(scores - scores.max())
    return share / share.sum()


def answerability_features(x: np.ndarray, scores: np.ndarray, agrees: np.ndarray) -> np.ndarray:
    """One row per question: its best candidate's score and lead, its own signals, the best's answer kind, and
    how the other candidates agree with it (`agrees`: assistant/agreement.py)."""
    order = np.argsort(-scores)
    top = order[0]
    lead = scores[top] - scores[order[1]] if len(scores) > 1 else 5.0
    return np.array([1.0, scores[top], lead, *(x[top, NAMES.index(c)] for c in QUESTION_COLUMNS),
                     *(x[top, NAMES.index(c)] for c in TOP_COLUMNS),
                     *agreement_columns(softmax(scores), x[:, NAMES.index("dense_z")], agrees, int(top))])


@dataclass(frozen=True)
class Linear:
    """Standardised inputs times coefficients (the first column, a constant 1, is left as is)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef

    def as_dict(self) -> dict:
        return {"mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist()}

    @classmethod
    def of(cls, data: dict) -> Linear:
        return cls(np.asarray(data["mean"]), np.asarray(data["scale"]), np.asarray(data["coef"]))


@dataclass(frozen=True)
class SelectorModel:
    ranker: Linear
    answerable: Linear
    threshold: float  # abstain when P(answerable) is below this

    @classmethod
    def load(cls, path: Path = DEFAULT_WEIGHTS) -> SelectorModel | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if tuple(data["names"]) != NAMES or tuple(data["answerability"]) != ANSWERABILITY:
                return None  # trained on other features: not usable
            return cls(Linear.of(data["ranker"]), Linear.of(data["answerable"]), float(data["threshold"]))
        except (OSError, ValueError, KeyError):
            return None

    def save(self, path: Path, **extra) -> None:
        data = {"names": list(NAMES), "answerability": list(ANSWERABILITY), "ranker": self.ranker.as_dict(),
                "answerable": self.answerable.as_dict(), "threshold": self.threshold, **extra}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def score(self, x: np.ndarray, agrees: np.ndarray) -> tuple[np.ndarray, float]:
        """(each candidate's share of the answer, the probability that any of them answers)."""
        raw = self.ranker(x)
        p = 1.0 / (1.0 + np.exp(-np.clip(self.answerable(answerability_features(x, raw, agrees)), -30, 30)))
        return softmax(raw), float(p)


class Selector:
    """Reorders candidates by the ranker (fused order when no model is trained)."""

    def __init__(self, model: SelectorModel | None, known: Callable[[str], bool],
                 idf: Callable[[str], float] | None = None):
        self.model, self.known, self.idf = model, known, idf or (lambda word: 1.0)

    def features(self, question: str, hits: Sequence[Hit], also: str = "") -> np.ndarray:
        """`also`: words searched besides the question (an English question's Chinese terms), counted as its
        terms: the sentences are compared with them, not with English words they never hold."""
        info = QuestionInfo.of(question, self.idf, also)
        missing = sum(not self.known(t) for t in info.terms) / len(info.terms) if info.terms else 0.0
        return matrix(info, list(hits), missing, is_english(question))

    def rank(self, question: str, hits: Sequence[Hit], also: str = "") -> list[Hit]:
        """Candidates best first; each carries its share of the answer times the answerability."""
        if self.model is None or not hits:
            return list(hits)
        share, answerable = self.model.score(self.features(question, hits, also), agreement(hits))
        scored = [h.model_copy(update={"probability": float(s * answerable)}) for h, s in zip(hits, share)]
        order = sorted(range(len(scored)), key=lambda i: (-share[i], scored[i].rank or 999))
        return [scored[i] for i in order]

    def rerank(self, question: str, hits: Sequence[Hit], odds: float = LEAD_ODDS, also: str = "") -> list[Hit]:
        """The hits in the ranker's order, except that the first one stays first unless the ranker rates another
        at least `odds` times as likely (`python -m eval.rerank_odds` compares values)."""
        ranked = self.rank(question, hits, also)
        if self.model is None or not ranked or ranked[0].record.id == hits[0].record.id:
            return ranked
        first = next(h for h in ranked if h.record.id == hits[0].record.id)
        if (ranked[0].probability or 0.0) >= odds * (first.probability or 0.0):
            return ranked
        return [first, *(h for h in ranked if h is not first)]

    def confident(self, hits: Sequence[Hit]) -> bool:
        """False when the model says no candidate answers (no model: no opinion)."""
        if self.model is None or not hits or hits[0].probability is None:
            return True
        share_top = hits[0].probability
        total = sum(h.probability or 0.0 for h in hits)  # = P(answerable), the shares summing to one
        return total >= self.model.threshold and share_top > 0
