"""Where a quoted sentence states what the question asks for: the amount or date of a how-many or
when question, the place of a where question, the person of a who question.

The answer's citations carry these spans (`Citation.answer_spans`) so the page can mark the answer
itself, apart from the question's words: in "试用期最长不得超过六个月" the reader's eye goes to 六个月.
The recognisers are the ones abstention uses to decide a sentence lacks the answer type
(assistant/abstain.py), so a span is shown exactly when that check is satisfied by it.
"""
from __future__ import annotations

import re

from index.tokens import tagged as tag_words

from .abstain import DATE, NOT_AMOUNT, NUMERAL, SAME_UNIT, SHARE, SHARE_MEASURE, Evidence
from .citations import merged
from .kinds import AMOUNT

_MEASURES = "条|个|名|项|分钟|小时|年|月|日|天|家|所|人|批|次|类|种|万|亿|元|倍|成|座|套|处|周岁|岁|周|年度"
# Each run of numerals is tried once, from its first character (the lookbehind): linear in the text.
_ANY_AMOUNT = re.compile(rf"(?<!{NUMERAL}){NUMERAL}+分之{NUMERAL}+|(?<!{NUMERAL}){NUMERAL}+\s*(?:个)?(?:{_MEASURES})|"
                         rf"(?<![0-9.])[0-9][0-9.,]*")


def _amounts(ev: Evidence, text: str) -> list[tuple[int, int]]:
    if ev.measure == SHARE_MEASURE:
        found = list(SHARE.finditer(text))
    elif ev.measure:
        units = SAME_UNIT.get(ev.measure, ev.measure)
        found = list(re.finditer(rf"(?<!{NUMERAL}){NUMERAL}+\s*(?:个)?(?:{units})(?:{_MEASURES})?", text))
    else:
        found = [*_ANY_AMOUNT.finditer(text), *AMOUNT.finditer(text)]
    blocked = [m.span() for m in NOT_AMOUNT.finditer(text)] if ev.measure != SHARE_MEASURE else []  # 第十六条, 上一年度
    blocked += [m.span() for m in DATE.finditer(text)] if not ev.wants_date else []
    return [m.span() for m in found if not any(s < m.end() and m.start() < e for s, e in blocked)]


def _tagged(text: str, wanted) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for pair in tag_words(text):
        start = text.find(pair.word, pos)
        if start < 0:
            continue
        pos = start + len(pair.word)
        if wanted(pair):
            spans.append((start, pos))
    return spans


def answer_spans(ev: Evidence, text: str) -> list[tuple[int, int]]:
    """Sorted, merged character spans of `text` that hold the kind of answer the question asks for
    (none when it asks for no particular kind)."""
    spans: list[tuple[int, int]] = []
    if ev.wants_quantity:
        spans += _amounts(ev, text)
    if ev.wants_place:
        spans += _tagged(text, lambda p: p.flag == "ns" and p.word not in ev.question_places)
    if ev.wants_person:
        spans += _tagged(text, lambda p: p.flag.startswith("nr"))
    return merged(spans)
