"""The levels of a document's headings, read from their numbering (第一编, 第一分编, 第一章, 第一节, 一、, （一）), and how
they nest: the part a number names, the headings a sentence sits under."""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.structure import chinese_number

from .types import SentenceRecord

NUMERALS = "一二三四五六七八九十百零〇两0-9"
NUMBERED = ("编", "分编", "章", "节")  # from the widest down
TOP = "部分"  # the widest level a document has, whatever its numbering


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def level(text: str) -> str:
    """A heading's level by its numbering: 编, 分编, 章, 节, "一、", "（一）"; '' when it is not numbered."""
    squeezed = flat(text)
    if m := re.match(rf"第[{NUMERALS}]+(分编|编|章|节)", squeezed):
        return m[1]
    if re.match(rf"[{NUMERALS}]+、", squeezed):
        return "一、"
    return "（一）" if re.match(rf"[（(][{NUMERALS}]+[）)]", squeezed) else ""


def _number(text: str) -> int:
    m = re.match(rf"第([{NUMERALS}]+)|([{NUMERALS}]+)、", flat(text))
    return chinese_number(m[1] or m[2]) if m else 0


def top_level(h: SentenceRecord) -> bool:
    return bool(h.section) and flat(h.section) == flat(h.text)


def part_name(headings: Sequence[SentenceRecord]) -> SentenceRecord | None:
    """A document that is one part of a larger one ("民法典/合同编.md") opens with the part's name, above its
    chapters (its first heading: unnumbered, under no other)."""
    first = headings[0] if headings else None
    return first if first is not None and not first.section and not level(first.text) else None


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
    part = part_name(own)
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
