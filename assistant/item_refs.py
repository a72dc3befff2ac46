"""The sentences of an article that refer to one of its items by number.

"第二百七十八条 下列事项由业主共同决定：…（六）筹集建筑物及其附属设施的维修资金；…" is followed in the same
article by "决定前款第六项至第八项规定的事项，应当经参与表决专有部分面积四分之三以上的业主…同意。". The item
names the case; the sentence that cites its number says what holds for it (how many must agree, the fine:
"有前款第二项、第三项行为之一的，处警告或者五百元以下罚款", "属于第一项情形的，应当自收购之日起十日内注销",
"前款第（一）项的一年期限"). An item that does not hold what the question asks for is quoted with the later
sentence of its article that cites its number and does; "本法第三条第二项" cites another article's item.
"""
from __future__ import annotations

import re

from index.structure import chinese_number

from .records import Records
from .types import SentenceRecord

_NUMERAL = "一二三四五六七八九十百"
_N = rf"[（(]?([{_NUMERAL}]+)[)）]?"  # 第六项, 第（六）项
# a run of cited items: "第六项至第八项", "第二项、第三项、第四项", "第（一）项"
RUN = re.compile(rf"(?:第{_N}项(?:至第{_N}项)?[、，,和或及]?)+")
_ONE = re.compile(rf"第{_N}项(?:至第{_N}项)?")
# what stands before a run that cites another article's items ("本法第三条第二项", "第十条第一款第五项");
# "前款", "本条第一款" and nothing at all ("属于第一项情形的") cite this article's
_ELSEWHERE = re.compile(r"(?:条|(?<!本条第[一二三四五六七八九十])(?<!本条第[一二三四五六七八九十]{2})款)$")
_ITEM_NUMBER = re.compile(rf"[（(]([{_NUMERAL}]+)[)）]|^([{_NUMERAL}]+)、|^(\d+)[.、]")
SCAN = 30  # sentences looked at after the item


def item_number(record: SentenceRecord) -> int:
    """6 for an item "（六）…", 0 when the sentence is no numbered item."""
    m = _ITEM_NUMBER.search(record.item) if record.item else None
    return chinese_number(next(g for g in m.groups() if g)) if m else 0


def cited_items(text: str) -> set[int]:
    """The item numbers a sentence cites in this article ({6, 7, 8} for "前款第六项至第八项")."""
    numbers: set[int] = set()
    for run in RUN.finditer(text):
        if _ELSEWHERE.search(text[: run.start()]) and not text[: run.start()].endswith("前款"):
            continue
        for one in _ONE.finditer(run.group(0)):
            low = chinese_number(one.group(1))
            high = chinese_number(one.group(2)) if one.group(2) else low
            numbers.update(range(low, high + 1))
    return numbers


def citing(records: Records, item: SentenceRecord) -> list[SentenceRecord]:
    """The later sentences of the item's article that cite its number, in order."""
    number = item_number(item)
    if not number or not item.article_no:
        return []
    later = [r for r in records.span(item, 0, SCAN)[1:] if r.doc == item.doc and r.article_no == item.article_no]
    return [r for r in later if not r.item and number in cited_items(r.text)]
