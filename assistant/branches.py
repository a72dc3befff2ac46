"""The branch of an article that rules for the case the question says was not done.

Laws often rule both ways in one article: "参加职工基本医疗保险的个人，达到法定退休年龄时累计缴费达到国家规定年限的，
退休后不再缴纳基本医疗保险费…；未达到国家规定年限的，可以缴费至国家规定年限。", "用人单位应当…出示税务检查证…；
未出示税务检查证和税务检查通知书的，被检查人有权拒绝检查。" A question whose case is negated ("年限还不够", "他们没
拿出税务检查证") shares most of its words with the duty or the affirmative branch, which tends to rank first; the
branch that answers it opens with a negated condition ("未…的，", "没有…的，", "不如实告知的，"). When the question
negates (没, 未, 不够… as words of their own: "不动产" negates nothing, "不能" asks about a rule), the best
candidate's condition is not negated (nor does it negate a word the question negates: "自然人之间借款的，视为没有
利息" answers "借钱没写利息"; and it is no list head or item, whose alternatives are the list's items), and a
sentence of the same article opens with a negated condition, that sentence leads. In a sentence's condition "不能"
and "无法" state a case ("不能参加当地工伤保险的，其国内工伤保险关系不中止").

The other way round, a question that negates nothing is answered by the branch whose condition holds
(`plain_branch_first`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise, tagged

from .abstain import content_terms
from .conditions import CONDITION_END, judge, stated_case
from .types import Hit

# negation words that state a case ("没交", "未经"); modal ones ("不能", "不得", "不会") ask about a rule instead, and
# amounts short of a bound ("不满一年", "不足五年") are ranges, read by conditions.py
NEGATIONS = frozenset("没 没有 未 尚未 从未 不 不够 无".split())
# jieba joins 未 and 没 to the verb they negate ("未办理", "未经", "没交"); these joined words negate nothing
NOT_NEGATIONS = frozenset("未来 未成年 未成年人 未遂 未知 没收 没落".split())
# in a sentence's condition clause a modal negation states a case too ("不能参加当地工伤保险的，")
CONDITION_NEGATIONS = NEGATIONS | {"不能", "无法"}
SHORT_OF = re.compile(r"不足|不满|未满|低于|少于")  # a case short of a bound ("累计缴费不足十五年的，")
WINDOW = 20  # candidates looked at: the branch never names its subject and is often rated far below
_REACH = 6  # characters between a negation and the word it negates ("没给员工上生育保险", "视为没有利息")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")  # negation is read in Chinese; an English question's "cannot" is not
PLAIN_SHARE = 0.3  # the plain branch leads when rated at least this share of the negated one (generality.py's)
_BREAK = re.compile(r"[，,。；;？?！!：:]")
_ARTICLE = re.compile(r"^\s*第[^条]{1,8}条\s*")


def negates(text: str, negations: frozenset[str] = NEGATIONS) -> bool:
    """Does a negation word of its own stand in the text?"""
    return any(w in negations or (w[0] in "未没" and len(w) > 1 and w not in NOT_NEGATIONS)
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


def _condition(text: str) -> str | None:
    """All the sentence says before its first "…的，", article number aside ("经营者…，未尽到安全保障义务，造成他人损害"),
    or None when it has no condition."""
    body = _ARTICLE.sub("", text)
    end = CONDITION_END.search(body)
    return body[:end.start()] if end else None


def negated_condition(text: str) -> bool | None:
    """True when the sentence's condition holds a negation, False when it holds none, None when it has no
    condition."""
    condition = _condition(text)
    return negates(condition, CONDITION_NEGATIONS) if condition is not None else None


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
    case = stated_case(normalise(question))
    if case and judge(case, top.text)[0] > 0:  # its condition holds the amount the question states (by_case)
        return list(hits)
    for hit in hits[1:WINDOW]:
        r = hit.record
        if r.doc == top.doc and r.article and r.article == top.article and negated_condition(r.text):
            return [hit, *(h for h in hits if h is not hit)]
    return list(hits)


def short_or_negated(text: str) -> bool:
    """Does the sentence rule for a case not done or short of a bound ("未参加…的，", "累计缴费不足十五年的，")?"""
    condition = _condition(text)
    return condition is not None and (negates(condition, CONDITION_NEGATIONS) or SHORT_OF.search(condition) is not None)


def plain_branch_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """The mirror of `negated_branch_first`: a Chinese question that negates nothing and states no amount of its
    case ("养老保险交满几年退休后才能按月领养老金？") is answered by the branch whose condition holds ("累计缴费满十五年
    的，按月领取基本养老金"), not by the one for the case short of it ("…不足十五年的，可以缴费至满十五年，按月领取…"),
    which shares as many words. When the best candidate is such a negated or short branch (no list head or item),
    a sentence of its article with a plain condition that the selector rates at least PLAIN_SHARE of it leads."""
    q = normalise(question)
    if not hits or not _CHINESE.search(q) or negates(q) or stated_case(q) \
            or not short_or_negated(hits[0].record.text):
        return list(hits)
    top, top_p = hits[0].record, hits[0].probability
    if top.item or top.text.rstrip().endswith(("：", ":")):
        return list(hits)
    for hit in hits[1:WINDOW]:
        r = hit.record
        close = top_p is None or (hit.probability or 0.0) >= PLAIN_SHARE * top_p
        if close and r.doc == top.doc and r.article and r.article == top.article and not r.item \
                and negated_condition(r.text) is False and not short_or_negated(r.text):
            return [hit, *(h for h in hits if h is not hit)]
    return list(hits)
