"""The sentence that gives the amount a how-many question asks for, before one that does not.

A rule often names its case in one sentence and gives the figure in the next: "人民法院受理破产申请后，应当确定债权人
申报债权的期限。" "债权申报期限自…公告之日起计算，最短不得少于三十日，最长不得超过三个月。"; "(二)供养亲属抚恤金按照
职工本人工资的一定比例发给…" "标准为：配偶每月40%，…". The first shares the question's words and is rated first;
the second answers "期限一般是多长？", "按职工本人工资的多少比例发放？". For a how-many question whose amount the best
candidate does not give, a candidate among the next WINDOW that follows it within AFTER sentences in its article
(its paragraph, outside articles) and gives one leads; the best one stays second (the answerer's own rule, a
figure in the next sentence, quotes both when the best one leads).

Elsewhere (`amount_first`): a candidate among the next WINDOW that gives the amount and that the selector rates at
least SHARE of the likeliest leads a best one that does not ("春节放几天假？": 劳动法's "（二）春节；", a higher tier, is
rated close to 放假办法's "（二）春节，放假4天…"). The answerer quotes such a runner-up instead of the best
(answerer._typed, ALTERNATIVE_SHARE); ordered so, the first source shown is the sentence quoted.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .abstain import SHARE_MEASURE, asked_measure, unit_amount
from .kinds import AMOUNT, Q_AMOUNT
from .promote import close_one_first
from .types import Hit, SentenceRecord

WINDOW = 10  # candidates looked at behind the best
SHARE = 0.5  # of the likeliest, for a candidate elsewhere (the answerer's ALTERNATIVE_SHARE)
AFTER = 2  # sentences after the best one
_SHARE = re.compile(r"百分之|千分之|万分之|分之|[0-9.]\s*[%％‰]")
_ASKS_SHARE = re.compile(r"比例|比率|税率|费率|百分之几|\b(?:percentage|proportion|rate)\b", re.I)
_NUMBERED = re.compile(r"第[零〇一二三四五六七八九十百千0-9]+[条款项章节编]")  # "第四十五条" gives no amount


def gives_asked_amount(question: str) -> Callable[[str], bool]:
    """Whether a sentence holds the amount a how-many question asks for: in its unit ("几天": 七日), a share for
    a share ("什么比例": 万分之五, 40%), any amount when it names no unit ("多长": 三十日); always False for a
    question that asks for no amount."""
    measure = asked_measure(question)
    if measure == SHARE_MEASURE or _ASKS_SHARE.search(question):
        return lambda text: _SHARE.search(text) is not None
    if measure:
        unit = unit_amount(measure)
        return lambda text: unit.search(_NUMBERED.sub("", text)) is not None
    if not Q_AMOUNT.search(question):
        return lambda text: False
    return lambda text: AMOUNT.search(_NUMBERED.sub("", text)) is not None


def _follows(record: SentenceRecord, top: SentenceRecord) -> bool:
    """Is `record` one of the AFTER sentences after `top`, in its article (its paragraph outside articles)?"""
    if record.doc != top.doc or not 0 < record.sentence - top.sentence <= AFTER:
        return False
    return record.article_no == top.article_no if top.article_no else record.paragraph == top.paragraph


def figure_next_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """The hits with the sentence after the best one that gives the asked amount first, when the best does not."""
    gives = gives_asked_amount(question)
    if not hits or gives(hits[0].record.text):
        return list(hits)
    top = hits[0].record
    for i, hit in enumerate(hits[1:WINDOW + 1], 1):
        if _follows(hit.record, top) and gives(hit.record.text):
            return [hit, *hits[:i], *hits[i + 1:]]
    return list(hits)


def amount_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """The hits with a close candidate that gives the asked amount first, when the best does not."""
    gives = gives_asked_amount(question)
    if not hits or gives(hits[0].record.text):
        return list(hits)
    return close_one_first(hits, lambda h: gives(h.record.text), WINDOW, SHARE, any_document=True)
