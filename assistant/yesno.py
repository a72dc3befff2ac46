"""Whether a candidate states the rule a yes/no question asks about, or takes the asked act as its condition.

"借钱时能不能先把利息从本金里扣掉？" is answered by "借款的利息不得预先在本金中扣除。", not by "利息预先在本金中
扣除的，应当按照实际借款数额返还借款并计算利息。": both share the question's words, but the second holds them in
its condition (the words before "…的，") and says what follows once the act is done, not whether it may be
done. So is a penalty ("违反本法规定，…传播宣扬量大多吃…的，由…责令改正") for "吃播宣扬猛吃海喝，允许吗？",
which "禁止…传播宣扬量大多吃…" answers. So is an item of a penalty's list ("逾期不改正的，处…罚款：" "（一）以实物…代替
货币支付农民工工资；") for "能不能用实物代替工资发给农民工？": the whole item is the condition, and of the rules that
share a run of it, the one stating most of the question's words leads ("…不得以实物…替代", not the rule on wage cards
that shares only "农民工工资").

A yes/no question whose best candidate holds more of the question's words in its condition than after it
is answered first by a close candidate of the same document that states the same act (a run of at least
ACT_CHARS characters of the best's condition) outside any condition, holding more of the question's words
there, in a clause that states a rule (kinds.RULE or a negation). A question that asks what happens (a
penalty, a consequence) is left alone: the condition is what it asks about.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from .abstain import content_terms
from .conditions import parts
from .kinds import Q_RULE, RULE
from .promote import close_one_first
from .types import Hit, SentenceRecord

STATES = re.compile(rf"{RULE.pattern}|不|未|无|免|禁止")
CONSEQUENCE = re.compile(r"罚|处分|责任|后果|怎么办|会怎样|会怎么样|怎么处理|如何处理|赔偿|penalt|fine", re.I)
PUNISHES = re.compile(r"罚款|罚金|处分|拘留")
WINDOW = 5  # candidates looked at behind the best
ACT_CHARS = 4  # the act both state: "预先在本金中扣除", not a word they share ("本金")
SHARE = 0.25  # a candidate the selector rates at least this share of the best is close


def placed(terms: Sequence[str], text: str) -> tuple[int, int]:
    """How many of the terms the condition holds, and how many the rest holds."""
    condition, rest = parts(text)
    return sum(t in condition for t in terms), sum(t in rest for t in terms)


def shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters the two texts share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def violation(record: SentenceRecord) -> bool:
    """An item of a penalty's list ("逾期不改正的，处5万元以上10万元以下的罚款：" "（一）以实物…代替货币支付农民工工资；"):
    it names an act only as the case the penalty follows."""
    return bool(record.item and PUNISHES.search(record.list_head))


def asks_whether(question: str) -> bool:
    """A yes/no question about a rule ("能不能…", "…吗？", "是否…"), not about what follows an act."""
    return bool(Q_RULE.search(question)) and not CONSEQUENCE.search(question)


def rule_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """For a yes/no question whose best candidate takes the asked act as its condition, the close candidate
    (within WINDOW, rated at least SHARE of the best) that states it as a rule leads; the rest keep their order."""
    if len(hits) < 2 or not asks_whether(question):
        return list(hits)
    terms = content_terms(question)
    top = hits[0]
    if violation(top.record):  # the whole item is the condition of its head's penalty
        act = top.record.text
        in_condition, after = sum(t in act for t in terms), 0
    else:
        in_condition, after = placed(terms, top.record.text)
        act = parts(top.record.text)[0]
    if in_condition <= after:
        return list(hits)

    def states(hit: Hit) -> bool:
        rest = parts(hit.record.text)[1]
        held, stated = placed(terms, hit.record.text)
        return stated > after and stated >= held and bool(STATES.search(rest)) and shared_run(act, rest) >= ACT_CHARS

    if not violation(top.record):
        return close_one_first(hits, states, WINDOW, SHARE)
    # an item's words are the whole act, so many rules share a run of them: the one stating most of the question
    return close_one_first(hits, states, WINDOW, SHARE, most=lambda hit: placed(terms, hit.record.text)[1])
