"""The branch of an article that rules for the case the question says was not done.

Laws often rule both ways in one article: "参加职工基本医疗保险的个人，达到法定退休年龄时累计缴费达到国家规定年限的，
退休后不再缴纳基本医疗保险费…；未达到国家规定年限的，可以缴费至国家规定年限。", "用人单位应当…出示税务检查证…；
未出示税务检查证和税务检查通知书的，被检查人有权拒绝检查。" A question whose case is negated ("年限还不够", "他们没
拿出税务检查证") shares most of its words with the duty or the affirmative branch, which tends to rank first; the
branch that answers it opens with a negated condition ("未…的，", "没有…的，", "不如实告知的，"). When the question
negates (没, 未, 不够… as words of their own: "不动产" negates nothing, "不能" asks about a rule), the best
candidate's condition is not negated (nor does it negate a word the question negates: "自然人之间借款的，视为没有
利息" answers "借钱没写利息"; and it is no list head or item, whose alternatives are the list's items), and a
sentence of the same article opens with a negated condition, that sentence leads.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise, tagged

from .abstain import content_terms
from .conditions import CONDITION_END
from .types import Hit

# negation words that state a case ("没交", "未经"); modal ones ("不能", "不得", "不会") ask about a rule instead, and
# amounts short of a bound ("不满一年", "不足五年") are ranges, read by conditions.py
NEGATIONS = frozenset("没 没有 未 尚未 从未 不 不够 无".split())
# jieba joins 未 and 没 to the verb they negate ("未办理", "未经", "没交"); these joined words negate nothing
NOT_NEGATIONS = frozenset("未来 未成年 未成年人 未遂 未知 没收 没落".split())
WINDOW = 20  # candidates looked at: the branch never names its subject and is often rated far below
_REACH = 6  # characters between a negation and the word it negates ("没给员工上生育保险", "视为没有利息")
_BREAK = re.compile(r"[，,。；;？?！!：:]")
_ARTICLE = re.compile(r"^\s*第[^条]{1,8}条\s*")


def negates(text: str) -> bool:
    """Does a negation word of its own stand in the text?"""
    return any(w in NEGATIONS or (w[0] in "未没" and len(w) > 1 and w not in NOT_NEGATIONS)
               for w in (p.word for p in tagged(text))) if text else False


def _negated_in(text: str, word: str) -> bool:
    """Does a negation stand a few characters before the word's first use, in its clause ("视为没有利息")?"""
    at = text.find(word)
    return at > 0 and negates(_BREAK.split(text[max(0, at - _REACH):at])[-1])


def negated_words(question: str) -> list[str]:
    """The question's content words a negation governs ("利息" of "借钱没写利息")."""
    text = normalise(question)
    return [term for term in content_terms(text) if _negated_in(text, term)]


def says_not(words: Sequence[str], text: str) -> bool:
    """Does the sentence itself negate one of the words ("视为没有利息" of 利息)?"""
    return any(_negated_in(text, word) for word in words)


def negated_condition(text: str) -> bool | None:
    """True when the sentence's condition (all it says before its first "…的，", article number aside: "经营者…，未尽到
    安全保障义务，造成他人损害的，") holds a negation, False when it holds none, None when it has no condition."""
    body = _ARTICLE.sub("", text)
    end = CONDITION_END.search(body)
    return negates(body[:end.start()]) if end else None


def negated_branch_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """The sentence of the best candidate's article whose condition is negated, first, when the question negates
    its case and the best candidate's conditions do not."""
    if not hits or negated_condition(hits[0].record.text) or not negates(normalise(question)):
        return list(hits)
    top = hits[0].record
    if top.item or top.text.rstrip().endswith(("：", ":")):  # a list's alternatives are its items, not branches
        return list(hits)
    if says_not(negated_words(question), top.text):  # it speaks of the negated case already ("视为没有利息")
        return list(hits)
    for hit in hits[1:WINDOW]:
        r = hit.record
        if r.doc == top.doc and r.article and r.article == top.article and negated_condition(r.text):
            return [hit, *(h for h in hits if h is not hit)]
    return list(hits)
