"""A question that asks what a term includes is answered by the sentence that says so.

"社会保险基金有哪些？", "专项附加扣除包括哪些？", "营利法人包括哪些？" each have one sentence that answers by its form:
the term, at the start of a sentence or clause, followed by 包括 / 分为 / 有下列 ("社会保险基金包括基本养老保险基金、…",
"专项附加扣除，包括子女教育、继续教育、…"). The term is used by many other sentences, some of them closer to the
question's words ("国务院财政部门…对全国社会保障基金的收支…实施监督"), and another term may hold it
("非营利法人包括事业单位、…" holds "营利法人包括"). So the sentence is searched for beside the question
(`further.FurtherSearches.of_form`), and among the candidates one that says what exactly this term includes leads.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise

from .types import Hit

# the whole question: "X(主要)包括哪些(内容)？", "X有哪些？", "X分为哪几种？"
_ASKS = re.compile(r"^(?:请问)?(?:法律规定的|法律上的|法律上说的)?(.{2,12}?)(?:主要|一般|都|应当|具体)?"
                   r"(?:包括|包含|分为|有)(?:哪些|哪几种|哪几类|哪几项|哪几个|什么)"
                   r"(?:项目|内容|种类|类型|方面|类别)?[？?。\s]*$")
_LEAD = re.compile(r"^.*[的，,。：:；;]")  # "个人所得税的专项附加扣除" -> 专项附加扣除
_POINTING = re.compile(r"^(?:这个|那个|这种|那种|这些|那些|该|此|上述)")
_OPENS = r"(?:^|[，,。；;：:]|条\s*|所称的?)"  # the term opens a sentence or clause: not "非营利法人" for 营利法人
# "X包括…", and a definition that goes on to list: "本法所称的作品，是指…智力成果，包括：" (197 in the library)
_SAYS = r"(?:[，,]是指[^。；;]*?[，,]?)?[，,]?(?:主要|一般|应当)?(?:包括|包含|分为|有以下|有下列)"


def listed_term(question: str) -> str:
    """The term a what-does-it-include question asks about, or '' when it asks no such thing."""
    m = _ASKS.search(normalise(question).strip())
    if m is None:
        return ""
    term = _POINTING.sub("", _LEAD.sub("", m.group(1).strip()))
    return term if len(term) >= 2 and not re.search(r"[A-Za-z，,、]", term) else ""


def including_query(term: str) -> str:
    return f"{term}包括"


def includes(term: str, text: str) -> bool:
    """Does the sentence say what exactly this term includes?"""
    return re.search(_OPENS + re.escape(term) + _SAYS, normalise(text).strip()) is not None


def including_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """For a what-does-it-include question whose best candidate does not say so, the first of the next few
    candidates that does leads (its form is specific enough to lead however it is rated)."""
    term = listed_term(question)
    if not term or not hits or includes(term, hits[0].record.text):
        return list(hits)
    for hit in hits[1:]:  # the form searched for (chain: further.py) comes after the question's own candidates
        if includes(term, hit.record.text):
            return [hit, *(h for h in hits if h is not hit)]
    return list(hits)
