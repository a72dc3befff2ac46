"""The bound a how-many question asks for, and the sentences that set that bound.

"有限合伙企业最多能有几个合伙人？" asks for an upper bound: "有限合伙企业由二个以上五十个以下合伙人设立" sets one,
"有限合伙企业至少应当有一个普通合伙人" sets only a lower one, though both give a number of partners. A question
asks for an upper bound with 最多, 最长, 最高, 最大, 至多, 最晚, 上限, 封顶 (maximum, at most, longest, up to), for
a lower one with 至少, 最少, 最短, 最低, 下限 (minimum, at least, shortest), unless the word starts a longer word
(最低工资, 最高人民法院). A sentence sets an upper bound with a number before 以下 or 以内, or after 不得超过, 不超过,
不高于, 不多于, 最长, 最多, 最高, 至多; a lower one with a number before 以上, or after 不少于, 不低于, 不得少于,
至少, 最短, 最低; in its rule, not in the condition clause that says when the rule applies.

For such a question, when the best candidate gives a number but does not set the asked bound on one, a close
candidate of the same document that does leads.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import known_word

from .conditions import parts
from .kinds import AMOUNT, Q_AMOUNT
from .promote import close_one_first
from .types import Hit

UPPER, LOWER = "upper", "lower"
_ASKS = {
    UPPER: re.compile(r"最多|最长|最高|最大|至多|最晚|上限|封顶|\b(?:maximum|at most|longest|up to|the most)\b", re.I),
    LOWER: re.compile(r"至少|最少|最短|最低|下限|\b(?:minimum|at least|shortest|the least)\b", re.I),
}
_N = "零一二三四五六七八九十百千万两0-9０-９"
_NEAR = r"[^，,。；;：:]{0,6}?"  # between a bound word and its number, within one clause
_SETS = {  # a number then 以下 ("五十个以下"), or a bound word then a number ("不得超过六个月", "至少应当有一个")
    UPPER: re.compile(rf"[{_N}][^，,。；;：:{_N}]{{0,4}}?(?:以下|以内)|(?:不得超过|不超过|不高于|不多于|不得多于|最长|最多|"
                      rf"最高(?!人民)|至多){_NEAR}[{_N}]"),
    LOWER: re.compile(rf"[{_N}][^，,。；;：:{_N}]{{0,4}}?以上|(?:不少于|不低于|不得少于|不得低于|至少|最短|最低){_NEAR}[{_N}]"),
}
WINDOW = 8  # candidates looked at behind the best
SHARE = 0.2  # a candidate the selector rates at least this share of the best is close


def _asks(pattern: re.Pattern, question: str) -> str:
    """The first bound word of the question that is a word of its own, not the start of a longer one the
    dictionary holds (最低工资, 最高人民法院, 最高额 name things, they ask for no bound)."""
    for m in pattern.finditer(question):
        word, rest = m.group(0), question[m.end():m.end() + 5]
        if word.isascii() or not any(known_word(word + rest[:k]) for k in range(1, len(rest) + 1)):
            return word
    return ""


def asked_bound(question: str) -> str:
    """UPPER or LOWER for a how-many question that asks for one bound only, '' otherwise (an English bound word
    such as "maximum" asks for an amount by itself)."""
    found = {bound: _asks(pattern, question) for bound, pattern in _ASKS.items()}
    asked = [bound for bound, word in found.items() if word]
    if len(asked) != 1:
        return ""
    return asked[0] if Q_AMOUNT.search(question) or found[asked[0]].isascii() else ""


def sets_bound(bound: str, text: str) -> bool:
    """Does the sentence's rule, after any condition clause, set the bound on a number? ("…注册资本的百分之五十
    以上的，可以不再提取" sets none: its 以上 says when the rule applies.)"""
    return bool(_SETS[bound].search(parts(text)[1]))


def gives_number(text: str) -> bool:
    """An amount, or a number under either bound."""
    return bool(AMOUNT.search(text)) or any(p.search(text) for p in _SETS.values())


def bound_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """The close candidate of the best one's document that sets the asked bound leads a best candidate that gives
    a number without it (promote.py)."""
    bound = asked_bound(question)
    if not bound or len(hits) < 2:
        return list(hits)
    best = hits[0].record
    if not gives_number(best.text) or sets_bound(bound, best.text):
        return list(hits)
    return close_one_first(hits, lambda hit: sets_bound(bound, hit.record.text), WINDOW, SHARE)
