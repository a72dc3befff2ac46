"""From a paged document's lines to running text: page furniture removed, wrapped lines re-joined.

Shared by the PDF text layer and OCR. Running headers and footers are lines at the top or bottom of most
pages that are the same once digits are ignored ("第 3 页 共 9 页", a repeated title); bare page numbers
("3", "- 3 -", "第3页", "3/9", "Page 3") at a page's top or bottom go too. A line break is kept as a
paragraph break after 。！？：；(a closing quote may follow), before a heading-like line (第X条/章/节/编,
（一）, 一、, 1.) and after a line that stops well short of the page's usual line width; any other break,
inside a Chinese sentence or across a page, is removed (a space is put between two Latin words).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

ZONE = 2  # lines at each end of a page that may be header or footer
NUM = "一二三四五六七八九十百千零〇两\\d"
HEADING_LIKE = re.compile(
    rf"第[{NUM}]+(?:[条章节编篇]|部分)(?=\s|$)|[（(][{NUM}]+[）)]|[{NUM}]+、|\d+(?:\.\d+)*[.．](?!\d)\s*\S"
)
ARTICLE_ONLY = re.compile(rf"第[{NUM}]+条")
PAGE_NUMBER = re.compile(
    r"[-–—_\s]*(?:第\s*)?\d+\s*页?(?:\s*[/／]\s*\d+|\s*共\s*\d+\s*页)?[-–—_\s]*|(?i:page)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
)
SENTENCE_END = re.compile(r"[。！？：；!?:;][”’\"'」』）)】》]*$")
SHORT = 0.8  # a line narrower than this share of the usual width ends its paragraph


def width(line: str) -> int:
    """Display width: wide (CJK, full-width) characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", "".join(line.split()))


def _furniture(lines: list[str], repeated: set[str]) -> set[int]:
    """Indexes of header/footer lines among a page's lines: each repeated line once per end, and page numbers."""
    found: set[int] = set()
    for zone in (range(min(ZONE, len(lines))), range(len(lines) - 1, max(-1, len(lines) - 1 - ZONE), -1)):
        keys: set[str] = set()
        for i in zone:
            key = _key(lines[i])
            if (key in repeated and key not in keys) or PAGE_NUMBER.fullmatch(lines[i].strip()):
                found.add(i)
                keys.add(key)
    return found


def remove_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without running headers, footers and page-number lines.

    A line is a running header or footer when, digits aside, it stands among the first or last ZONE lines
    of at least half the pages (and of two or more). Only one such line goes at each end of a page, so a
    document title under a running header of the same words stays.
    """
    ends = [{_key(line) for line in page[:ZONE] + page[-ZONE:]} for page in pages]
    seen = Counter(key for keys in ends for key in keys)
    needed = max(2, math.ceil(0.5 * len(pages)))
    repeated = {k for k, n in seen.items() if n >= needed}
    cleaned = []
    for page in pages:
        drop = _furniture(page, repeated)
        cleaned.append([line for i, line in enumerate(page) if i not in drop])
    return cleaned


def usual_width(lines: list[str]) -> int:
    """The width of a full line: the 90th percentile of line widths."""
    widths = sorted(width(line) for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0


def separator(before: str, after: str, full: int) -> str:
    """What goes between two consecutive lines: a paragraph break, a space, or nothing."""
    if SENTENCE_END.search(before) or HEADING_LIKE.match(after) or width(before) < SHORT * full:
        return " " if ARTICLE_ONLY.fullmatch(before) and not HEADING_LIKE.match(after) else "\n"
    if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum():
        return " "
    return ""


def join_pages(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """Running text from each page's lines, and the offset where each page starts in it."""
    lines = [[s for line in page if (s := line.strip())] for page in pages]
    full = usual_width([line for page in lines for line in page])
    parts: list[str] = []
    starts: list[int] = []
    size = 0
    previous: str | None = None
    for page in lines:
        for i, line in enumerate(page):
            if previous is not None:
                sep = separator(previous, line, full)
                parts.append(sep)
                size += len(sep)
            if i == 0:
                starts.append(size)
            parts.append(line)
            size += len(line)
            previous = line
        if not page:
            starts.append(size)
    text = "".join(parts) + ("\n" if parts else "")
    return text, tuple(starts)
