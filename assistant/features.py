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
from .types import Hit

_CJK_PAIR = re.compile(r"(?=([\u3400-\u9fff]{2}))")
_STOP_PAIRS = frozenset("什么 怎么 如何 哪些 多少 可以 是否 应当 规定 没有 一个 哪个 如果 的话 还是 能否 需要 有没 不能".split())
# Each numeral run is tried once, from its first character (a lookbehind), so long runs cost linear time.
_N = "0-9零一二三四五六七八九十百千万两"
AMOUNT = re.compile(rf"百分之[零一二三四五六七八九十百点]+|(?<![0-9.])[0-9.]+\s*[%％‰]|千分之[零一二三四五六七八九十]+|"
                    rf"(?<![{_N}])[{_N}]+\s*(?:个)?(?:分钟|小时|日|天|周|星期|个月|月|年|周岁|岁|倍|元|万元|亿元|"
                    rf"人|名|次|项|条|公里|米|平方米|公斤|千克|吨|级|档|学时|学分)|(?<![0-9])[0-9]{{2,}}")
DATE = re.compile(r"\d{4}\s*年|[一二三四五六七八九十0-9]+月[一二三四五六七八九十0-9]+日|之日|日起|以前|以后|之前|之后|届满|期间|期限")
ACTOR = re.compile(r"部门|机关|机构|委员会|法院|检察院|人民政府|国务院|单位|公司|企业|协会|中心|组织|者|人|方|院|局|所|会")
PLACE = re.compile(r"[省市县区镇乡村]|所在地|住所地|机构|场所|地点|部门")
RULE = re.compile(r"应当|可以|不得|禁止|必须|有权|无权|不予|免征|免于|视为|适用|不适用|负责|承担")
DEFINE = re.compile(r"是指|系指|是|为|指|包括")

Q_AMOUNT = re.compile(r"多少|几|多久|多长|多高|多大|比例|比率|税率|标准是|上限|下限|最高|最低|最长|最短|最多|最少|"
                      r"how (many|much|long|old)|what (rate|percentage|proportion)", re.I)
Q_DATE = re.compile(r"何时|什么时候|哪一?天|哪一?年|几月|几号|从哪天|起算|开始计算|\bwhen\b|what date", re.I)
Q_ACTOR = re.compile(r"谁|哪个部门|哪些部门|什么部门|哪个机关|什么机关|哪个机构|什么机构|由哪|向哪|找谁|哪一方|\bwho\b|which (department|authority|body)", re.I)
Q_PLACE = re.compile(r"哪里|哪儿|什么地方|在哪|到哪|何处|\bwhere\b", re.I)
Q_RULE = re.compile(r"能不能|可不可以|是否|能否|可以.*吗|能.*吗|会不会|要不要|需不需要|算不算|有没有|吗[？?]?$|"
                    r"^(can|may|must|is|are|does|do|should)\b", re.I)
Q_DEFINE = re.compile(r"是什么意思|指什么|是指什么|什么是|什么叫|的含义|的定义|\bwhat is\b|\bdefin", re.I)
Q_LIST = re.compile(r"哪些|包括什么|包括哪|有什么|什么条件|哪几|几种|哪几种|\bwhat (are|conditions)\b|\blist\b", re.I)

NAMES = (
    "bias", "dense", "dense_z", "bm25_z", "fused", "log_rank", "expanded", "cover_sentence", "cover_context",
    "cover_pairs", "amount", "amount_near", "date", "actor", "place", "rule", "define", "list", "list_head", "item",
    "heading", "short", "log_length", "latest", "title_named", "article_named",
    "q_margin", "q_missing", "q_english", "q_top_dense_z", "q_top_bm25_z",
)


@dataclass(frozen=True)
class QuestionInfo:
    text: str
    terms: tuple[str, ...]
    pairs: frozenset[str]
    wants: dict[str, bool]

    @classmethod
    def of(cls, question: str) -> QuestionInfo:
        text = normalise(question).lower()
        pairs = frozenset(p for p in _CJK_PAIR.findall(text) if p not in _STOP_PAIRS)
        wants = {"amount": bool(Q_AMOUNT.search(text)), "date": bool(Q_DATE.search(text)),
                 "actor": bool(Q_ACTOR.search(text)), "place": bool(Q_PLACE.search(text)),
                 "rule": bool(Q_RULE.search(text)), "define": bool(Q_DEFINE.search(text)),
                 "list": bool(Q_LIST.search(text))}
        return cls(text, tuple(content_terms(text)), pairs, wants)


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
        wanted("amount", bool(amounts)), _near(text, amounts, terms) if info.wants["amount"] else 0.0,
        wanted("date", bool(DATE.search(text))), wanted("actor", bool(ACTOR.search(text))),
        wanted("place", bool(PLACE.search(text))), wanted("rule", bool(RULE.search(text))),
        wanted("define", bool(DEFINE.search(text))),
        wanted("list", body.endswith(("：", ":")) or bool(r.item) or "、" in text),
        float(body.endswith(("：", ":"))), float(bool(r.item)), float(r.heading),
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
    rows = [features(info, h) + shared for h in hits]
    return np.asarray(rows, dtype=np.float64).reshape(len(hits), len(NAMES))
