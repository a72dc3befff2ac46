"""Lists are answered as lists: a sentence that introduces items ("有下列情形之一的：") is quoted with
its items, an item with its list, and for a 哪些/有什么/措施 question a heading or topic line with
the sentences under it. A bare heading is not an answer."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .promote import close_one_first
from .records import TOPIC_LINE_CHARS, Records
from .types import Hit, SentenceRecord

MAX_ITEMS = 12  # quoted in the answer; the rest are listed as sources to open
SCAN = 40  # sentences looked at after a list head
# A sentence announces items when it counts them ("三大行动", "四个方面") or points at them ("以下", "如下").
_POINTS_ON = re.compile(r"(?:下列|如下)[^，,；;]{0,12}[；;]$")  # "依照下列规定处以罚款；": the items follow
ANNOUNCES = re.compile(r"[两二三四五六七八九十\d]\s*(?:大|个|项|条|类|种|批|方面|件)|以下|如下|下列")


def is_list_head(record: SentenceRecord) -> bool:
    """"有下列情形之一的：", and the heads some laws close with a semicolon ("…依照下列规定处以罚款；")."""
    text = record.text.rstrip()
    return text.endswith(("：", ":")) or (text.endswith(("；", ";")) and bool(_POINTS_ON.search(text)))


def items_after(records: Records, head: SentenceRecord) -> list[SentenceRecord]:
    """The items that follow a list head in its article (or, outside articles, its section)."""
    out: list[SentenceRecord] = []
    for r in records.span(head, 0, SCAN)[1:]:
        same_place = r.article_no == head.article_no and r.section == head.section
        if not same_place or (not r.item and out and r.paragraph != out[-1].paragraph):
            break
        if r.item:
            out.append(r)
        elif out or is_list_head(r):  # a further sentence of the last item's line, or the head's own second half
            out.append(r)  # ("…依照下列规定处以罚款；" "属于国家工作人员的，并依法给予处分：")
        else:
            break
    return out


def opens_a_head(records: Records, record: SentenceRecord) -> bool:
    """The first half of a head the splitter cut at its semicolon ("售出的产品有下列情形之一的，销售者应当负责修理、
    更换、退货；" + "给购买产品的消费者造成损失的，销售者应当赔偿损失：", 1,329 such heads in the library)."""
    if not record.text.rstrip().endswith(("；", ";")) or "下列" not in record.text:
        return False
    after = records.same_paragraph_next(record)
    return after is not None and is_list_head(after)


def list_of(records: Records, record: SentenceRecord) -> tuple[SentenceRecord, list[SentenceRecord]] | None:
    """(list head, items) when `record` is a list head or one of its items; None otherwise."""
    if is_list_head(record) or opens_a_head(records, record):
        items = items_after(records, record)
        return (record, items) if items else None
    if record.item and record.list_head:
        before = records.span(record, SCAN, 0)[:-1]
        for r in reversed(before):
            if r.article_no != record.article_no:
                break
            if is_list_head(r):
                items = items_after(records, r)
                return (r, items) if items else None
    return None


def under_heading(records: Records, record: SentenceRecord, limit: int = MAX_ITEMS) -> list[SentenceRecord]:
    """The topic lines a heading introduces ("一、…" -> the short lines that open its paragraphs), or when it
    has none, the sentences after it, up to the next heading."""
    after = []
    for r in records.span(record, 0, SCAN)[1:]:
        if r.heading:
            break
        after.append(r)
    topics = [r for r in after if len(r.text) <= TOPIC_LINE_CHARS]
    return (topics or after)[:limit]


def topics_after(records: Records, record: SentenceRecord, limit: int = MAX_ITEMS) -> list[SentenceRecord]:
    """The short topic lines that follow a sentence in its paragraph ("…深入实施“三大行动”。" ->
    "实施…治理行动。", "实施…振兴行动。", …): the items it announces. Fewer than two is not a list, and a
    sentence that itself follows a topic line is one of the items' bodies, not their announcement."""
    if not ANNOUNCES.search(record.text):
        return []
    before = [r for r in records.span(record, SCAN, 0)[:-1] if r.doc == record.doc and r.paragraph == record.paragraph]
    if any(len(r.text) <= TOPIC_LINE_CHARS for r in before[1:]):
        return []
    out = []
    for r in records.span(record, 0, SCAN * 2)[1:]:
        if r.doc != record.doc or r.paragraph != record.paragraph or r.heading:
            break
        if len(r.text) <= TOPIC_LINE_CHARS:
            out.append(r)
    return out[:limit] if len(out) >= 2 else []


LIST_WINDOW = 8  # candidates looked at behind the best for a list question
LIST_SHARE = 0.3  # a candidate the selector rates at least this share of the likeliest is close
ASKS_LIST = re.compile(r"哪些|包括什么|包括哪|哪几|几种|什么条件|什么情形|什么情况|哪种情况|哪些情况")


def is_listed(record: SentenceRecord) -> bool:
    """A list head, an item, or a sentence that lists in itself ("…包括A、B、C")."""
    return is_list_head(record) or bool(record.item) or record.text.count("、") >= 2


def list_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """For a question answered by a list ("什么情况下可以提取公积金？"), a close candidate of the same document that is a
    list head or item leads a best candidate that lists nothing (the answerer quotes the list whole). "有什么要求"
    asks for a rule as often as for a list, and is left alone."""
    if len(hits) < 2 or not ASKS_LIST.search(question) or is_listed(hits[0].record):
        return list(hits)
    return close_one_first(hits, lambda hit: is_list_head(hit.record) or bool(hit.record.item), LIST_WINDOW,
                           LIST_SHARE)
