"""A question that asks what a term means is answered first by a sentence that defines that term.

"法律上的家庭暴力指什么？" meets "本法所称家庭暴力，是指…" and also "单位、个人发现正在发生的家庭暴力行为，有权及时劝阻";
with the defining law left out, "…对未成年人实施家庭暴力的，依照…" of another law still names the term. Only the
first says what the term is: the term (or, when the sentence words it differently, its last word: 产品缺陷 ->
本法所称缺陷) followed by 是指 / 系指 / 指的是 / 是 / 指, at most a comma and two characters between
("隐私是自然人的…", "受益人是指…", "本法所称垄断协议，是指…"). "X包括…" lists kinds and "X分为…" classes; neither
says what X is.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise, words

from .types import Hit

# "X是什么意思", "X指什么", "X的定义是什么"; "什么是X", "什么叫X" put the term after
_TERM_FIRST = re.compile(r"(?:是什么意思|是指什么|指的是什么|指什么|的含义是?什么|的定义是?什么|的意思是?什么)")
_TERM_AFTER = re.compile(r"^(?:请问)?(?:什么是|什么叫做?|何谓)")
_LEAD = re.compile(r"^.*[的，,。：:；;]|^(?:所谓|所说|所称|所讲)")  # "法律上说的隐私" -> 隐私
_POINTING = re.compile(r"^(?:这个|那个|这种|那种|这项|该|此|上述|这|那)")  # "这个计划" asks about 计划
_END = re.compile(r"[？?。！!\s]+$")
_DEFINING = r"[，,]?[^，,。；;：:]{0,2}?(?:是指|系指|指的是|是(?!否)|指)"
_STATED = re.compile(r"所称([^，,。；;：:]{2,16})[，,]?(?:是指|系指)")  # "本法所称X，是指": a definition by its form
MAX_TERM = 12  # longer than this it is a clause, not a term
DEFINING_SHARE = 0.3  # a defining candidate leads when rated at least this share of the best (as generality.py)
WINDOW = 5


def defining_query(term: str) -> str:
    """What a sentence that defines the term looks like: searched for beside the question, because a term used in
    hundreds of sentences ("住房公积金") keeps its one defining sentence out of the question's own candidates."""
    return f"所称{term}，是指"


def asked_term(question: str) -> str:
    """The term a what-does-it-mean question asks about, or '' when it asks no such thing."""
    text = _END.sub("", normalise(question).strip())
    if m := _TERM_AFTER.search(text):
        term = text[m.end():]
    elif m := _TERM_FIRST.search(text):
        term = _LEAD.sub("", text[:m.start()])
    else:
        return ""
    term = _POINTING.sub("", _LEAD.sub("", term.strip()))
    return term if 2 <= len(term) <= MAX_TERM and not re.search(r"[A-Za-z]", term) else ""


def defines(term: str, text: str) -> bool:
    """Does the sentence say what the term is? The whole term where the sentence holds it, else its last word."""
    text = normalise(text)
    if term not in text:
        last = words(term)[-1:] if term else []
        term = last[0] if last and len(last[0]) >= 2 else ""
        if not term or term not in text:
            return False
    return re.search(re.escape(term) + _DEFINING, text) is not None


def states_definition(term: str, text: str) -> bool:
    """Is the sentence the document's own definition of exactly this term ("本法所称信托，是指…")?"""
    m = _STATED.search(normalise(text))
    return m is not None and m.group(1) == term


def defining_first(question: str, hits: Sequence[Hit], share: float = DEFINING_SHARE) -> list[Hit]:
    """For a what-does-it-mean question whose best candidate does not define the term, the first close
    candidate that does leads. Only an order: policy documents describe a plan ("实施…计划，着眼…") more often
    than they define it, so a question with no defining sentence is still answered."""
    term = asked_term(question)
    if not term or not hits or defines(term, hits[0].record.text):
        return list(hits)
    top = hits[0].probability
    for i, hit in enumerate(hits[1:], 1):
        stated = states_definition(term, hit.record.text)  # searched for (further.py): after the window too
        close = i < WINDOW and (top is None or (hit.probability or 0.0) >= share * top)
        if (close or stated) and defines(term, hit.record.text):
            return [hit, *(h for h in hits if h is not hit)]
    return list(hits)
