"""The levels of a document's headings, read from their numbering (第一编, 第一分编, 第一章, 第一节, 一、, （一）)."""
from __future__ import annotations

import re

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
