"""The part of a question that asks, without the clauses that tell the case.

An everyday question often says what its asker does not know before asking what it wants: "合同里没写收货后
多少天内验货，那我该什么时候检验？", "工资多少也没讲清楚，…该按什么标准算？", "查不出是谁扔的，由谁来补偿？". The
多少天, 多少 and 是谁 there are the case (nothing was agreed, nobody is known), not the kind of answer asked for,
which the last clause names. Likewise an English question that opens with its condition ("When severance pay is
worked out, what counts towards the monthly wage?") asks in its main clause, not by its "When".
"""
from __future__ import annotations

import re

# a clause that says something was not said, written, agreed or found out ("没说好", "没写", "也没讲清楚",
# "未约定", "不知道", "查不出")
_UNKNOWN = re.compile(r"[没沒未](?:有)?(?:说|說|写|寫|讲|講|谈|談|约定|約定|商量|定|规定|規定|明确|明確|注明|写明)|"
                      r"不(?:知道|清楚|确定|確定)|[查找问問搞弄]不(?:出|到|清|明)|说不清|講不清|讲不清")
_CLAUSE = re.compile(r"[^，,；;。？?！!]+[，,；;。？?！!]*")
# an opening condition has its subject first ("Where a contract is terminated, …"); followed by a verb of the question
# ("Where does a company pay tax, and at what rate?") the word asks itself
_CONDITION_EN = re.compile(r"^\s*(?:when|if|once|after|before|where)\b(?!\s+(?:do|does|did|is|are|was|were|can|could|"
                           r"must|should|shall|will|would|may|might|has|have|had)\b)[^,]*,\s*(?=\S)", re.I)


def asked_part(text: str) -> str:
    """`text` without the clauses that state an unknown of the case (the last clause always stays), and without
    an English question's opening condition."""
    text = _CONDITION_EN.sub("", text)
    clauses = _CLAUSE.findall(text)
    if len(clauses) < 2:
        return text
    kept = [c for c in clauses[:-1] if not _UNKNOWN.search(c)] + clauses[-1:]
    return "".join(kept)
