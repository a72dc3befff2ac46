"""Whether a sentence says what a negated list question asks about, or its opposite.

"不能认定为工伤的情形有哪些？" is answered by the items under "…不得认定为工伤或者视为工伤：", not by those
under "…应当认定为工伤：", though both lists share every word of the question. The question's negated
phrase is found in each candidate's sentence or list head, and the words before it say whether the
candidate negates it too.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .kinds import Q_LIST
from .types import Hit

NEGATED = re.compile(r"(?:不能|不得|不可以|不可|不予|不应当|不应|不会|不属于|不适用|不视为)([\u4e00-\u9fff]{2,4})")
_NEGATION_BEFORE = re.compile(r"[不未非无勿]\S{0,2}$")  # "不得认定", "不予认定", "不认定"
_LOOK_BACK = 4


def asked(question: str) -> str:
    """The phrase a negated list question asks about ("认定为工" of "不能认定为工伤的情形有哪些"), '' when none."""
    if not Q_LIST.search(question):
        return ""
    m = NEGATED.search(question)
    return m.group(1) if m else ""


def polarity(phrase: str, text: str) -> int:
    """-1 when the text negates the phrase (its first two to four characters), +1 when it states it, 0 when
    the text does not hold it."""
    for n in range(len(phrase), 1, -1):
        at = text.find(phrase[:n])
        if at >= 0:
            return -1 if _NEGATION_BEFORE.search(text[max(0, at - _LOOK_BACK):at]) else 1
    return 0


def by_polarity(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """For a negated list question, the candidates that negate its phrase too come before those that state it
    (when any does); the others keep their places among them."""
    phrase = asked(question)
    if not phrase:
        return list(hits)
    signs = [polarity(phrase, f"{h.record.list_head} {h.record.text}") for h in hits]
    if -1 not in signs or 1 not in signs:
        return list(hits)
    return [h for h, s in zip(hits, signs) if s != 1] + [h for h, s in zip(hits, signs) if s == 1]
