"""Decide whether the retrieved sentences answer the question at all.

Two signals, calibrated on the development questions (eval/dev.jsonl, see
`python -m eval.calibrate`): how similar the best sentence is to the question
(dense cosine), and how many of the question's content words occur anywhere in
the documents. A question about 地铁 in a corpus that never says 地铁 is not
answered however similar some sentence looks.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.tokens import words

from .corpus import Corpus
from .types import Hit

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Evidence:
    top_dense: float
    coverage: float  # share of the question's content words found in the corpus (1.0 when it has none)
    missing: tuple[str, ...]
    chinese: bool


def content_terms(question: str) -> list[str]:
    """Whole content words of the question (sub-words dropped), deduplicated."""
    terms = words(question)
    kept = [t for t in dict.fromkeys(terms) if len(t) >= 2 or not _CJK.search(t)]
    return [w for w in kept if not any(w != o and w in o for o in kept)]


def evidence(question: str, hits: Sequence[Hit], corpus: Corpus) -> Evidence:
    terms = content_terms(question)
    missing = tuple(t for t in terms if t not in corpus.text)
    coverage = 1.0 - len(missing) / len(terms) if terms else 1.0
    top = max((h.dense or 0.0 for h in hits), default=0.0)
    return Evidence(top_dense=top, coverage=coverage, missing=missing, chinese=bool(_CJK.search(question)))


@dataclass(frozen=True)
class AbstentionPolicy:
    min_dense: float  # below this the best sentence is never an answer
    min_coverage: float  # Chinese questions whose words the corpus lacks ...
    confident_dense: float  # ... are still answered when the best sentence is this similar

    def should_abstain(self, ev: Evidence) -> bool:
        if ev.top_dense < self.min_dense:
            return True
        return ev.chinese and ev.coverage < self.min_coverage and ev.top_dense < self.confident_dense
