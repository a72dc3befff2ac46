"""The period a how-many question counts its answer in, and the sentences that count in the same one.

"一个月最多能安排加班多少个小时？" is answered by "…延长工作时间每日不得超过三小时，但是每月不得超过三十六小时。",
not by "…每日工作时间不超过四小时，每周工作时间累计不超过二十四小时…": both give hours, only one counts them by
the month. A question names its period as "每月", "每个月" or "一个月" followed by what it asks ("一个月最多能…",
"一年能休几天"); "一年半的合同" states a case instead (conditions.py) and names no period.

For a how-many question that names a period, a close candidate of the same document that holds an amount and
counts in that period ("每月", "月平均") leads a best candidate that does not (another document counts another
subject in it).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .kinds import AMOUNT, Q_AMOUNT
from .promote import close_one_first
from .types import Hit

_UNITS = {"日": "day", "天": "day", "周": "week", "星期": "week", "月": "month", "年": "year"}
# "每月", "每个月", "每一年"; "一个月"/"一年" only before what the question asks ("一年能休几天", "一个月最多")
ASKED = re.compile(r"(?:每一?个?|(?<![0-9零一二三四五六七八九十百两])(?:一个?|1个?))(日|天|周|星期|月|年)(?!半|以|多|内|度|期|级|龄|纪|底|初|终|末)"
                   r"(?=.{0,3}(?:能|可|最|至少|要|有|累计|一般|平均|多少|几|多长|多久))|每一?个?(日|天|周|星期|月|年)")
# how a sentence counts in each period
COUNTED = {"day": re.compile(r"每日|每天|每一日|每个工作日|日均|日平均"),
           "week": re.compile(r"每周|每星期|每一周|周平均"),
           "month": re.compile(r"每月|每个月|月平均|月均|按月"),
           "year": re.compile(r"每年|每一年|年度|全年|按年|一年内")}
WINDOW = 8  # candidates looked at behind the best
SHARE = 0.2  # a candidate the selector rates at least this share of the best is close


def asked_period(question: str) -> str:
    """'month' for "一个月最多能安排加班多少个小时？", '' when the question names no period or asks no amount."""
    if not Q_AMOUNT.search(question):
        return ""
    m = ASKED.search(question)
    return _UNITS[m.group(1) or m.group(2)] if m else ""


def counts_in(period: str, text: str) -> bool:
    """Does the sentence give an amount counted in the period?"""
    return bool(AMOUNT.search(text)) and bool(COUNTED[period].search(text))


def period_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """The close candidate that counts in the question's period leads a best candidate that does not."""
    period = asked_period(question)
    if not period or len(hits) < 2 or counts_in(period, hits[0].record.text):
        return list(hits)
    return close_one_first(hits, lambda hit: counts_in(period, hit.record.text), WINDOW, SHARE)
