"""Document structure, derived from the text whatever the format: 编 章 节 条 款 项.

Each line of a document is given its place: the chapter (with 编/分编/节 above it when
present), the article (第十九条 -> 19) that runs until the next article or heading, the
item (（一）) and the sentence that introduces a list of items. Sentences take the place
of the line they start on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = "〇零一二三四五六七八九十百千万两"
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
PART = re.compile(rf"^\s*第([{_NUM}\d]+)(编|分编)\s*(.*)$")
CHAPTER = re.compile(rf"^\s*第([{_NUM}\d]+)章\s*(.*)$")
SECTION = re.compile(rf"^\s*第([{_NUM}\d]+)节\s*(.*)$")
ARTICLE = re.compile(rf"^\s*第([{_NUM}\d]+)条(之[{_NUM}]+)?(?=[\s\u3000]|$)")
ITEM = re.compile(rf"^\s*([（(][{_NUM}\d]+[）)])")
LIST_HEAD_END = ("：", ":")


def chinese_number(text: str) -> int:
    """一千零四十七 -> 1047, 十九 -> 19, 19 -> 19; 0 when it is not a number."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for c in text:
        if c in _DIGITS:
            current = _DIGITS[c]
        elif c in _UNITS:
            total += (current or 1) * _UNITS[c]
            current = 0
        elif c == "万":
            total = (total + current) * 10000
            current = 0
        else:
            return 0
    return total + current


@dataclass(frozen=True)
class Place:
    """Where a line sits in its document."""

    chapter: str = ""
    article: str = ""
    article_no: int = 0
    item: str = ""
    list_head: str = ""


def _clean(line: str) -> str:
    return " ".join(line.replace("\u3000", " ").split())


def line_places(lines: list[str]) -> list[Place]:
    """The place of every line (empty lines included, so indexes match)."""
    part = chapter = section = article = item = list_head = ""
    article_no = 0
    places: list[Place] = []
    for raw in lines:
        line = _clean(raw.lstrip("#").strip()) if raw.lstrip().startswith("#") else _clean(raw)
        if not line:
            places.append(Place(_join(part, chapter, section), article, article_no, item, list_head))
            continue
        if m := PART.match(line):
            part, chapter, section, article, article_no, item, list_head = line, "", "", "", 0, "", ""
        elif m := CHAPTER.match(line):
            chapter, section, article, article_no, item, list_head = line, "", "", 0, "", ""
        elif m := SECTION.match(line):
            section, article, article_no, item, list_head = line, "", 0, "", ""
        elif m := ARTICLE.match(line):
            article = m.group(0).strip()
            article_no = chinese_number(m.group(1))
            item = ""
            list_head = _last_clause(line) if line.endswith(LIST_HEAD_END) else ""
        elif article and (m := ITEM.match(line)):
            item = m.group(1)
        elif article:  # a further paragraph (款) of the article
            item = ""
            list_head = _last_clause(line) if line.endswith(LIST_HEAD_END) else ""
        places.append(Place(_join(part, chapter, section), article, article_no, item, list_head))
    return places


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _last_clause(line: str) -> str:
    """The sentence of `line` that ends with its colon ("有下列情形之一的，劳动者可以解除劳动合同：")."""
    body = ARTICLE.sub("", line).strip()
    pieces = re.split(r"(?<=[。！？；])", body)
    return pieces[-1].strip() if pieces else body


def places_by_offset(text: str) -> tuple[list[int], list[Place]]:
    """(start offset of each line, its place), for looking up the place of any offset."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts, line_places(lines)
