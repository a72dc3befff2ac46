"""Resolve a follow-up question against the chat history, without an LLM.

A turn that leans on the previous one ("那具体有哪些措施？", "第二条呢？", "what about it?")
is searched together with the (already resolved) previous question; an ordinal
("第二条") picks that item of the previous answer when it quoted several sentences.

The work is bounded whatever the history holds: the previous answer is read up to
ANSWER_CHARS, the earlier turns put before a follow-up up to CONTEXT_CHARS, and every
pattern here runs in time linear in its input.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise, words
from index.tokens import tagged as tag_words

from .kinds import Q_ACTOR, Q_AMOUNT, Q_DATE, Q_DEFINE, Q_LIST, Q_PLACE, Q_RULE

_FOLLOWUP = re.compile(
    r"^(那|那么|那它|它|它们|其|这|这个|这些|那些|该|此|上述|具体|还有|另外|然后|再|还)|呢[？?]?$|"
    r"^(this|that|these|those|and|or|also)\b|\b(it|its|they|them|their|what about|how about|and the)\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"第\s*([一二三四五六七八九十两\d]+)\s*(条|个|点|项|项措施|方面|类|步|种|行动|部分)")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_MARKER = re.compile(r"\[\d+\]")
# An answer quotes at most a few sentences of at most 400 characters, each followed by [n].
ANSWER_CHARS = 2000
# The earlier turns searched together with a follow-up (the encoder reads about 512 tokens anyway):
# the topic (the last standalone question and the follow-ups after it) takes at most half.
CONTEXT_CHARS = 1000
_FOLLOWUP_CHARS = 60  # a longer question stands on its own


def without_markers(answer: str) -> str:
    """An answer's text without its [n] citation markers."""
    return _MARKER.sub("", answer)


def cited_sentences(answer: str) -> list[str]:
    """The text before each [n] marker of an answer: the sentences it quoted, in order."""
    quoted = [part.strip(" \n") for part in _MARKER.split(answer)[:-1]]
    return [part for part in quoted if part]


_ITEM_SEP = re.compile(r"[、，,；;。]|以及|及|和")
_LIST_LEAD = re.compile(r"^(分别是|包括|主要有|有|是|即)")
_CLAUSE = re.compile(r"[，,；;。：:（）()]")
_LAST_JOIN = re.compile(r"以及|及|和")


def answer_items(answer: str) -> list[str]:
    """The parts of the list a previous answer spells out ("甲、乙和丙" -> 甲, 乙, 丙).

    A run of three or more parts joined by "、" within one clause is the list ("…设置可回收物、有害垃圾、
    湿垃圾、干垃圾四类收集容器": its ends are cut to the length of the parts between them); else
    the answer's parts between any separators."""
    text = without_markers(answer)
    run = max((c.split("、") for c in _CLAUSE.split(text)), key=len, default=[])
    if len(run) >= 3:
        run = run[:-1] + [p for p in _LAST_JOIN.split(run[-1]) if p][:2]
        width = max(len(p.strip()) for p in run[1:-1])
        items = [run[0].strip()[-width:], *(p.strip() for p in run[1:-1]), run[-1].strip()[:width]]
        return [p for p in items if p]
    parts = [_LIST_LEAD.sub("", p.strip()) for p in _ITEM_SEP.split(text)]
    return [p for p in parts if len(p) >= 2]


_PARENT = re.compile(
    r"(属于|出自|来自|归在|放在|是在)(哪|什么)(一)?(个|项|部分|方面|行动|工作|章|节|块|条|类|里)|"
    r"(是|在)哪(一)?(部分|章|节|段)(的|里|中|讲)|which (part|section|action|area)", re.I)


def asks_for_parent(question: str, history: Sequence[dict]) -> str | None:
    """For "这属于哪一项工作？" after an answer: the text of that answer (what "this" is), else None."""
    if not _PARENT.search(normalise(question)):
        return None
    answers = [str(t.get("content") or "") for t in history if t.get("role") == "assistant"]
    return answers[-1][:ANSWER_CHARS] if answers and answers[-1].strip() else None


def _ordinal(text: str) -> int | None:
    m = _ORDINAL.search(text)
    if not m:
        return None
    word = m.group(1)
    if word.isdigit():
        return int(word)
    return _NUMERALS.get(word) if len(word) == 1 else None


def is_followup(question: str) -> bool:
    """Short, pronoun-led or ordinal questions depend on the previous turn."""
    if len(question.strip()) > 4 * _FOLLOWUP_CHARS:  # cheap: never normalise a long text just to measure it
        return False
    q = normalise(question).strip()
    if len(q) > _FOLLOWUP_CHARS:
        return False
    return bool(_FOLLOWUP.search(q) or _ORDINAL.search(q) or (len(q) <= 12 and len(words(q)) <= 1))


def resolve(question: str, history: Sequence[dict]) -> str:
    """The question to search for, given the earlier turns (oldest first)."""
    previous_q, previous_a = "", ""
    for turn in history:
        role, content = turn.get("role"), str(turn.get("content") or "")
        if role == "user" and content.strip():
            previous_q = content if not previous_q or not is_followup(content) else f"{previous_q} {content}"
        elif role == "assistant":
            previous_a = content[:ANSWER_CHARS]
        previous_q = previous_q[: CONTEXT_CHARS // 2]  # a chain of follow-ups grows no further
    if not previous_q or not is_followup(question):
        return question
    context = _other_places_out(_context(question, previous_q, previous_a), question)
    return f"{_amount_out(context, question)[:CONTEXT_CHARS]} {question}"


_OTHER_KINDS = (Q_DATE, Q_ACTOR, Q_PLACE, Q_RULE, Q_DEFINE, Q_LIST)


def _amount_out(context: str, question: str) -> str:
    """"那休息日和法定节假日算在年假里吗？" after "年假最多能休几天？": a follow-up that asks its own kind of question, and
    no amount, does not ask the earlier question's amount again (its 最多, 几天 left out of the context)."""
    q = normalise(question)
    if Q_AMOUNT.search(q) or not any(kind.search(q) for kind in _OTHER_KINDS):
        return context
    return Q_AMOUNT.sub("", context)


def _other_places_out(context: str, question: str) -> str:
    """"那上海呢？" after a question about 北京: the place the follow-up names replaces the earlier one (the
    earlier one left in would let 北京's rules answer for 上海)."""
    asked = [p.word for p in tag_words(normalise(question)) if p.flag == "ns"]
    if not asked:
        return context
    earlier = {p.word for p in tag_words(normalise(context)) if p.flag == "ns"}
    for place in sorted(earlier, key=len, reverse=True):
        if not any(place in a or a in place for a in asked):
            context = context.replace(place, "")
    return context


def _context(question: str, previous_q: str, previous_a: str) -> str:
    """What a follow-up is searched together with: the cited sentence or list item it picks, else the topic."""
    n = _ordinal(normalise(question))
    cited = cited_sentences(previous_a)
    if n is not None and len(cited) > 1:  # "第二条" of an answer that quoted several sentences
        return cited[n - 1] if 1 <= n <= len(cited) else previous_q
    items = answer_items(normalise(previous_a))
    if n is not None and 1 <= n <= len(items) and len(items) > 1:  # an item of the list the answer spelled out
        return f"{previous_q} {items[n - 1]}"
    return previous_q
