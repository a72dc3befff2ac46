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

With a reader (assistant/reader.py, `reading` in the weights), the ranker's first few candidates are
also read with the question, and the reader's score, times a weight, is added to their ranker scores.
Its scores can also enter the answerability model (`Reading.answerability`); the shipped weights use the
reader for the order only, the answerability model reading the ranker's own scores as before (trained
both ways, that held abstention better on the held-out sets: README, "Twenty-third session").
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
from .reader import passage
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
READER_COLUMNS = ("read_top", "read_max")  # the reader's score of the best candidate, its highest score


def softmax(scores: np.ndarray) -> np.ndarray:
    share = np.exp(scores - scores.max())
    return share / share.sum()


def answerability_features(x: np.ndarray, scores: np.ndarray, agrees: np.ndarray,
                           read: np.ndarray | None = None) -> np.ndarray:
    """One row per question: its best candidate's score and lead, its own signals, the best's answer kind, and
    how the other candidates agree with it (`agrees`: assistant/agreement.py); with the reader's scores `read`
    (`filled`), the reader's score of the best and its highest."""
    order = np.argsort(-scores)
    top = order[0]
    lead = scores[top] - scores[order[1]] if len(scores) > 1 else 5.0
    reading = () if read is None else (read[top], read.max())
    return np.array([1.0, scores[top], lead, *(x[top, NAMES.index(c)] for c in QUESTION_COLUMNS),
                     *(x[top, NAMES.index(c)] for c in TOP_COLUMNS),
                     *agreement_columns(softmax(scores), x[:, NAMES.index("dense_z")], agrees, int(top)), *reading])


def filled(read: np.ndarray) -> np.ndarray:
    """The reader's scores with the candidates it did not read (NaN) at its lowest score: they are not moved
    above any it read, nor below."""
    return np.where(np.isnan(read), np.nanmin(read), read)


@dataclass(frozen=True)
class Reading:
    """How the selector uses the reader."""

    weight: float  # the reader's score, times this, is added to the ranker's
    top: int  # the ranker's first candidates read
    answerability: bool = True  # its scores also enter the answerability model (else it moves only the order)


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
    reading: Reading | None = None  # None: trained without the reader

    @property
    def answerability(self) -> tuple[str, ...]:
        return ANSWERABILITY + (READER_COLUMNS if self.reading and self.reading.answerability else ())

    @classmethod
    def load(cls, path: Path = DEFAULT_WEIGHTS) -> SelectorModel | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            reading = Reading(float(data["reading"]["weight"]), int(data["reading"]["top"]),
                              bool(data["reading"].get("answerability", True))) if data.get("reading") else None
            model = cls(Linear.of(data["ranker"]), Linear.of(data["answerable"]), float(data["threshold"]), reading)
            if tuple(data["names"]) != NAMES or tuple(data["answerability"]) != model.answerability:
                return None  # trained on other features: not usable
            return model
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, path: Path, **extra) -> None:
        data = {"names": list(NAMES), "answerability": list(self.answerability), "ranker": self.ranker.as_dict(),
                "answerable": self.answerable.as_dict(), "threshold": self.threshold,
                "reading": vars(self.reading) if self.reading else None, **extra}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def scores(self, x: np.ndarray, read: np.ndarray | None = None) -> np.ndarray:
        """Each candidate's score: the ranker's, plus the reader's (`read`, NaN where not read) times its weight."""
        raw = self.ranker(x)
        return raw if self.reading is None else raw + self.reading.weight * filled(read)

    def score(self, x: np.ndarray, agrees: np.ndarray, read: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """(each candidate's share of the answer, the probability that any of them answers). `read`: the reader's
        scores (NaN where not read), needed when the model was trained with the reader."""
        if self.reading is not None and read is None:
            raise ValueError("this selector was trained with the reader: pass its scores")
        p = 1.0 / (1.0 + np.exp(-np.clip(self.answerable(self.answerability_row(x, agrees, read)), -30, 30)))
        return softmax(self.scores(x, read)), float(p)

    def answerability_row(self, x: np.ndarray, agrees: np.ndarray, read: np.ndarray | None = None) -> np.ndarray:
        """What the answerability model reads: over the order the reader moved and its scores, or (reading for
        the order only, or no reader) over the ranker's own scores."""
        if self.reading is None or not self.reading.answerability:
            return answerability_features(x, self.ranker(x), agrees)
        return answerability_features(x, self.scores(x, read), agrees, filled(read))


class Selector:
    """Reorders candidates by the ranker (fused order when no model is trained)."""

    def __init__(self, model: SelectorModel | None, known: Callable[[str], bool],
                 idf: Callable[[str], float] | None = None,
                 reader: Callable[[str, list[str]], np.ndarray] | None = None):
        if model is not None and model.reading is not None and reader is None:
            raise ValueError("the selector's weights were trained with the reader (assistant/reader.py): give it one")
        self.model, self.known, self.idf, self.reader = model, known, idf or (lambda word: 1.0), reader

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
        x = self.features(question, hits, also)
        share, answerable = self.model.score(x, agreement(hits), self.read(question, hits, x))
        scored = [h.model_copy(update={"probability": float(s * answerable)}) for h, s in zip(hits, share)]
        order = sorted(range(len(scored)), key=lambda i: (-share[i], scored[i].rank or 999))
        return [scored[i] for i in order]

    def read(self, question: str, hits: Sequence[Hit], x: np.ndarray) -> np.ndarray | None:
        """The reader's scores of the ranker's first candidates (NaN for the others); None without a reader."""
        if self.model is None or self.model.reading is None:
            return None
        first = np.argsort(-self.model.ranker(x), kind="stable")[:self.model.reading.top]
        read = np.full(len(hits), np.nan)
        read[first] = self.reader(question, [passage(hits[i].record) for i in first])
        return read

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
