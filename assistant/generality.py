"""A question that states no case is answered by the general rule, not by the rule for a special case.

"诉讼时效从哪一天开始计算？" meets "诉讼时效期间自权利人知道或者应当知道权利受到损害以及义务人之日起计算" and
"当事人约定同一债务分期履行的，诉讼时效期间自最后一期履行期限届满之日起计算"; "多久能出认定结果？" meets the
60-day rule and the 15-day rule "对受理的事实清楚、权利义务明确的工伤认定申请". The special rules open with a
condition clause ("…的，"). When the question sets out no case of its own (no clause before the one that asks,
no 如果/的话, no quantity of its case) and the best candidate is such a special rule, an unconditional candidate
the selector rates close to it, holding as many of the question's words, leads.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise, words

from .conditions import CONDITION_CLAUSE, stated_case
from .kinds import WHEN_EN, WHERE_EN, WHO_EN
from .types import Hit

PREMISE = re.compile(r"如果|要是|假如|假设|的话|若是|万一|的时候|以后|之后|期间")
# English states its case in a clause ("…when a tour is cancelled", "a worker who is injured"); the same words
# opening the question ask instead ("When does…").
PREMISE_EN = re.compile(r"\b(?:if|unless|once|whenever|while|after|before|when|where|who|whose)\b", re.I)
_ASKS_EN = re.compile("|".join((WHEN_EN, WHERE_EN, WHO_EN)), re.I)
_CLAUSE_BREAK = re.compile(r"[，,；;]")
_SAYS_MORE = re.compile(r"[^，,；;？?。\s]")
_ARTICLE = re.compile(r"^\s*第[^条]{1,8}条\s*")
GENERAL_SHARE = 0.3  # the unconditional candidate leads when rated at least this share of the special one
WINDOW = 5


def special(text: str) -> bool:
    """Does the sentence rule for a case it names ("当事人约定同一债务分期履行的，…")?"""
    return bool(CONDITION_CLAUSE.search(_ARTICLE.sub("", text)))


def states_a_case(question: str) -> bool:
    text = normalise(question).strip()
    # a clause before the one that asks: something after the first break (a regex with .* between the two
    # would backtrack over every break of a long run of them)
    first = _CLAUSE_BREAK.search(text)
    clause = first is not None and _SAYS_MORE.search(text, first.end()) is not None
    english = bool(PREMISE_EN.search(_ASKS_EN.sub(" ", text)))
    return clause or english or bool(PREMISE.search(text)) or bool(stated_case(text))


def general_first(question: str, hits: Sequence[Hit], share: float = GENERAL_SHARE) -> list[Hit]:
    """The hits with a close, as-covering unconditional candidate before a special-case best one, when the
    question states no case."""
    if not hits or not special(hits[0].record.text) or states_a_case(question):
        return list(hits)
    terms = set(words(question))
    covered = len(terms & set(words(hits[0].record.text)))
    top = hits[0].probability
    for hit in hits[1:WINDOW]:
        close = top is None or (hit.probability or 0.0) >= share * top
        if close and not special(hit.record.text) and len(terms & set(words(hit.record.text))) >= covered:
            return [hit, *(h for h in hits if h is not hit)]
    return list(hits)
