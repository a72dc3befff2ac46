"""Whether the candidates agree with the best one, or scatter over other statements.

When the documents hold the answer, the candidates next to the best one mostly come from its own
document or restate it (another version of the law, a regulation that repeats the national rule).
When they only talk around the question, the runners-up are different statements in other
documents, about as close to the question as the best. The answerability model reads two columns
from this (`agreement_columns`): the ranker's share on the candidates that agree with the best, and
how far the best agreeing candidate stands above the best one that does not (dense z-score).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .types import Hit

# Two sentences restate each other when this share of the shorter one's character pairs is in the other.
RESTATED = 0.6
# The cap on the dense lead, and its value when every candidate agrees with the best (a one-document library);
# the answerable development questions' leads average about 3 over the library subset.
FULL_LEAD = 5.0
_LABEL = re.compile(r"^第[〇零一二三四五六七八九十百千两\d]+条\s*")
_NOISE = re.compile(r"[\W_]+")


def _pairs(text: str) -> frozenset[str]:
    plain = _NOISE.sub("", _LABEL.sub("", text))
    return frozenset(plain[i:i + 2] for i in range(len(plain) - 1))


def _restates(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and len(a & b) >= RESTATED * min(len(a), len(b))


def agreement(hits: Sequence[Hit]) -> np.ndarray:
    """n × n: candidate i agrees with candidate j (same document, or one restates the other)."""
    docs = [h.record.doc for h in hits]
    pairs = [_pairs(h.record.text) for h in hits]
    n = len(hits)
    out = np.eye(n, dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            out[i, j] = out[j, i] = docs[i] == docs[j] or _restates(pairs[i], pairs[j])
    return out


def agreement_columns(share: np.ndarray, dense_z: np.ndarray, agrees: np.ndarray, best: int) -> list[float]:
    """[the ranker's share on the candidates agreeing with `best`, their dense lead over the rest]."""
    mine = agrees[best]
    if mine.all():
        return [float(share.sum()), FULL_LEAD]
    lead = float(dense_z[mine].max() - dense_z[~mine].max())
    return [float(share[mine].sum()), min(lead, FULL_LEAD)]
