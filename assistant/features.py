"""What the answer selector knows about a question and each candidate sentence.

Question side (once per question): its content words and character pairs, and the kind of
answer it asks for (an amount, a date, an actor, a place, a rule, a definition, a list).
Candidate side: retrieval scores, how much of the question the sentence (and its context)
covers, whether it holds an answer of the asked kind and how close that is to the question's
words, and where it sits in its document (heading, list head, item, version).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from index.tokens import normalise

from .abstain import content_terms
from .kinds import (ACTOR, AMOUNT, DATE, DEFINE, PLACE, Q_ACTOR, Q_AMOUNT, Q_DATE, Q_DEFINE, Q_ITEMS, Q_PLACE,
                    Q_RULE, RULE)
from .types import Hit

_CJK_PAIR = re.compile(r"(?=([\u3400-\u9fff]{2}))")
_STOP_PAIRS = frozenset("什么 怎么 如何 哪些 多少 可以 是否 应当 规定 没有 一个 哪个 如果 的话 还是 能否 需要 有没 不能".split())
NAMES = (
    "bias", "dense", "dense_z", "bm25_z", "fused", "log_rank", "expanded", "cover_sentence", "cover_context",
    "cover_pairs", "cover_idf", "cover_idf_context", "rel_dense_z", "rel_bm25_z", "rel_fused", "amount", "amount_near", "date", "actor", "place", "rule", "define", "list", "list_head", "item",
    "heading", "short", "log_length", "latest", "title_named", "article_named",
    "q_margin", "q_missing", "q_english", "q_top_dense_z", "q_top_bm25_z", "doc_rank",
)


@dataclass(frozen=True)
class QuestionInfo:
    text: str
    terms: tuple[str, ...]
    weights: tuple[float, ...]  # each term's idf in the index
    pairs: frozenset[str]
    wants: dict[str, bool]

    @classmethod
    def of(cls, question: str, idf=lambda word: 1.0, also: str = "") -> QuestionInfo:
        """`also`: words searched besides the question (an English question's Chinese terms), taken as terms."""
        text = normalise(question).lower()
        extra = tuple(normalise(w) for w in also.split())
        pairs = frozenset(p for p in _CJK_PAIR.findall(" ".join((text, *extra))) if p not in _STOP_PAIRS)
        wants = {"amount": bool(Q_AMOUNT.search(text)), "date": bool(Q_DATE.search(text)),
                 "actor": bool(Q_ACTOR.search(text)), "place": bool(Q_PLACE.search(text)),
                 "rule": bool(Q_RULE.search(text)), "define": bool(Q_DEFINE.search(text)),
                 "list": bool(Q_ITEMS.search(text))}
        terms = tuple(dict.fromkeys((*content_terms(text), *extra)))
        return cls(text, terms, tuple(max(idf(t), 0.0) for t in terms), pairs, wants)

    def weighted(self, text: str) -> float:
        """Share of the question's idf mass found in `text`."""
        total = sum(self.weights)
        return sum(w for t, w in zip(self.terms, self.weights) if t in text) / total if total else 1.0


# "…，消费者有权…退货，但下列商品除外：" states its rule before the list of exceptions: not a bare heading
_EXCEPTED = re.compile(r"[，,]但(?:是)?[^，,。；]*除外[：:]$")


def _share(found: int, total: int) -> float:
    return found / total if total else 1.0


def _near(text: str, spans: list[tuple[int, int]], terms: tuple[str, ...]) -> float:
    """exp(-distance/20) between the nearest answer span and question word in the sentence (0 when either is absent)."""
    places = [m.start() for t in terms for m in re.finditer(re.escape(t), text)]
    if not spans or not places:
        return 0.0
    gap = min(max(0, s - p, p - e) for s, e in spans for p in places)
    return math.exp(-gap / 20)


def features(info: QuestionInfo, hit: Hit) -> list[float]:
    r = hit.record
    text = normalise(r.text).lower()
    context = normalise(" ".join((r.short_title, r.chapter, r.section, r.list_head))).lower()
    terms = info.terms
    amounts = [m.span() for m in AMOUNT.finditer(text)]

    def wanted(kind: str, present: bool) -> float:  # +1 asked and present, -1 asked and absent, 0 not asked
        return (1.0 if present else -1.0) if info.wants[kind] else 0.0

    body = re.sub(r"^第[^条]{1,8}条\s*", "", r.text.strip())
    return [
        1.0,
        float(hit.dense or 0.0), float(hit.dense_z or 0.0), float(hit.bm25_z or 0.0), float(hit.score),
        math.log1p(hit.rank) if hit.rank else math.log1p(40), float(hit.expanded),
        _share(sum(t in text for t in terms), len(terms)),
        _share(sum(t in text or t in context for t in terms), len(terms)),
        _share(sum(p in text for p in info.pairs), len(info.pairs)),
        info.weighted(text), info.weighted(text + " " + context), 0.0, 0.0, 0.0,
        wanted("amount", bool(amounts)), _near(text, amounts, terms) if info.wants["amount"] else 0.0,
        wanted("date", bool(DATE.search(text))), wanted("actor", bool(ACTOR.search(text))),
        wanted("place", bool(PLACE.search(text))), wanted("rule", bool(RULE.search(text))),
        wanted("define", bool(DEFINE.search(text))),
        wanted("list", body.endswith(("：", ":")) or bool(r.item) or "、" in text),
        float(body.endswith(("：", ":")) and not _EXCEPTED.search(body)), float(bool(r.item)), float(r.heading),
        float(len(body) <= 16), math.log1p(len(body)), float(r.latest),
        float(bool(r.short_title) and r.short_title.lower() in info.text),
        float(bool(r.article) and r.article in info.text),
    ]


def question_features(hits: list[Hit], missing: float, english: bool) -> list[float]:
    """Same for every candidate of a question: they move its probabilities together (abstention)."""
    top = max((h.dense or 0.0 for h in hits), default=0.0)
    background = hits[0].background if hits and hits[0].background is not None else top - 0.05
    return [top - background, missing, float(english), max((h.dense_z or 0.0 for h in hits), default=0.0),
            max((h.bm25_z or 0.0 for h in hits), default=0.0)]


def matrix(info: QuestionInfo, hits: list[Hit], missing: float = 0.0, english: bool = False) -> np.ndarray:
    shared = question_features(hits, missing, english)
    # doc_rank comes last, after the question's columns: the columns a kept ranker was trained on keep their places
    rows = np.asarray([features(info, h) + shared + [math.log1p(h.doc_rank)] for h in hits],
                      dtype=np.float64).reshape(len(hits), len(NAMES))
    if len(rows):  # how far each candidate is behind the question's best on each retrieval score
        for rel, col in (("rel_dense_z", "dense_z"), ("rel_bm25_z", "bm25_z"), ("rel_fused", "fused")):
            values = rows[:, NAMES.index(col)]
            rows[:, NAMES.index(rel)] = values - values.max()
    return rows
