"""What a named part of a document is about, and in which part a rule sits, answered by headings.

"劳动合同法第五章讲了什么？", "第五章第二节是关于什么的？", "文章第二部分讲了什么？": the part's heading and the
headings right under it (a policy document's part: its sub-headings). "劳务派遣规定在劳动合同法的哪一章？": the
chapter (and section) of the sentence that answers, then that sentence. The numbering is read by levels.py; a
part the document does not have is no answer (the question is searched as any other).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.structure import chinese_number

from .levels import NUMBERED, NUMERALS, TOP, level
from .types import SentenceRecord

_N = NUMERALS
NAMED = re.compile(rf"第\s*([{_N}]+)\s*(分编|编|章|节|部分)")
ABOUT = re.compile(rf"第\s*[{_N}]+\s*(?:分编|编|章|节|部分)(?:里|中|的)?(?:主要)?"
                   r"(?:讲了?|说了?|写了?|规定了?|是关于|讲的是|说的是|的?内容是|的?标题是|的?题目是|的?主题是|叫)"
                   r"(?:什么|啥|哪些)")
WHERE = re.compile(rf"(?:在|属于|位于|放在|归在|出自|见于|规定在|写在)[^，,。？?]{{0,14}}?(?:哪|什么|第几)(?:一|个)?"
                   r"(?P<zh>分编|编|章|节|部分)|\bin which (?P<en>chapter|section|part)\b|\bwhich (?P<en2>chapter|section|"
                   r"part)\b[^?]{0,30}\b(?:in|under|contain)", re.I)
_EN = {"chapter": "章", "section": "节", "part": TOP}


def named_part(question: str) -> list[tuple[int, str]] | None:
    """The parts a question about one part's content names, widest first ("第五章第二节": [(5, 章), (2, 节)])."""
    m = ABOUT.search(question)
    if m is None:
        return None
    return [(chinese_number(n), lv) for n, lv in NAMED.findall(question[:m.end()])]


def asks_where(question: str) -> str | None:
    """The level a question asks a rule's place at ("在哪一章": 章), or None."""
    m = WHERE.search(question)
    if m is None:
        return None
    return m["zh"] or _EN[(m["en"] or m["en2"]).lower()]


def _number(text: str) -> int:
    m = re.match(rf"第([{_N}]+)|([{_N}]+)、", re.sub(r"\s+", "", text))
    return chinese_number(m[1] or m[2]) if m else 0


def top_level(h: SentenceRecord) -> bool:
    return bool(h.section) and re.sub(r"\s+", "", h.section) == re.sub(r"\s+", "", h.text)


def find(headings: Sequence[SentenceRecord], named: list[tuple[int, str]]) -> tuple[int, int] | None:
    """(index of the named part's heading, index after its last heading) in `headings`, or None."""
    start, end = 0, len(headings)
    found = None
    for number, lv in named:
        if lv == TOP:
            tops = [i for i in range(start, end) if top_level(headings[i])]
            found = tops[number - 1] if 0 < number <= len(tops) else None
        else:
            found = next((i for i in range(start, end) if level(headings[i].text) == lv
                          and _number(headings[i].text) == number), None)
        if found is None:
            return None
        start, end = found + 1, _part_end(headings, found, end)
    return (found, end) if found is not None else None


def _part_end(headings: Sequence[SentenceRecord], i: int, end: int) -> int:
    """Index of the first heading after headings[i] of its level or wider (before `end`)."""
    lv = level(headings[i].text)
    for j in range(i + 1, end):
        other = level(headings[j].text)
        if (lv in NUMBERED and other in NUMBERED and NUMBERED.index(other) <= NUMBERED.index(lv)) or \
                (lv not in NUMBERED and top_level(headings[j])):
            return j
    return end


def path(headings: Sequence[SentenceRecord], record: SentenceRecord, asked: str) -> list[SentenceRecord]:
    """The headings `record` sits under, widest first: the part a code's file is (民法典's 合同编), then every
    numbered level down to the narrowest; asked for a 部分, the widest heading alone."""
    current: dict[str, SentenceRecord] = {}
    own = [h for h in headings if h.doc_id == record.doc_id and h.sentence < record.sentence]
    part = own[0] if own and not own[0].section and not level(own[0].text) else None  # outline._part_name
    for h in own:
        lv = level(h.text)
        if lv in NUMBERED:
            current = {k: v for k, v in current.items() if k not in NUMBERED[NUMBERED.index(lv):]}
            current[lv] = h
        elif top_level(h):
            current = {TOP: h}
    found = [current[lv] for lv in (TOP, *NUMBERED) if lv in current]
    if asked == TOP:
        return found[:1] or ([part] if part else [])
    return ([part] if part else []) + found
