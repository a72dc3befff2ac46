"""Split a document into sentences with exact character offsets.

Chinese sentences end at 。！？ (and at ； when both clauses are long enough to
stand alone), English ones at . ? ! followed by a space; closing quotes and
brackets stay with the sentence they close. A line that looks like a heading
("一、…", "（二）…", "第三章 …", "# …") is a unit of its own and becomes the
section of the sentences after it.

Time is linear in the document's length (one pass over each line's terminators, the
digest hashed once) and `iter_sentences` yields sentences one at a time: a 5 MB line
without punctuation or 100,000 one-line sentences split in about a second
(`python bench/split.py`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .types import Sentence, SourceDoc

_CLOSERS = "”’\"'」』）)】》"
# A terminator run plus any closing quotes/brackets that follow it.
_ZH_END = re.compile(rf"[。！？!?…]+[{_CLOSERS}]*|；[{_CLOSERS}]*")
# An English end needs a space then a capital (or the line's end): "e.g. hammers" and "3.5" stay whole.
_EN_END = re.compile(rf"(?<=[A-Za-z0-9\)\]])[.?!]+[{_CLOSERS}]*(?=\s+(?![a-z])|\s*$)")
# Starts only where a run of digits starts and never backtracks into one: linear even under finditer.
_LIST_NUMBER = re.compile(r"(?<!\d)\d++(?:\.\d++)*+[.．]")
_HEADING = re.compile(
    r"^\s*(#{1,6}\s+\S|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百\d]+[章节部分篇]|\d+(\.\d+)*\s*[、.．]\s*\S)"
)
_SEMICOLON_MIN = 12  # a clause shorter than this is not split off at ；
MAX_SENTENCE_CHARS = 400  # longer runs are cut at commas so the embedder sees them whole
_SOFT_BREAK = re.compile(r"[，,、：:]")


def is_heading(line: str) -> bool:
    """A short line without a sentence end that opens like a numbered heading."""
    stripped = line.strip().lstrip("\ufeff").strip()
    if not stripped or len(stripped) > 80 or not _HEADING.match(stripped):
        return False
    return stripped.startswith("#") or stripped[-1] not in "。！？!?；;."


def _ends(line: str) -> list[int]:
    """Offsets (within the line) just past each sentence end: one pass over the line's terminators."""
    chinese = list(_ZH_END.finditer(line))
    lead = _LIST_NUMBER.match(line, len(line) - len(line.lstrip()))  # "1." opening a numbered paragraph
    english = [m.end() for m in _EN_END.finditer(line) if not (lead and lead.end() == m.end())]
    stops = sorted({*(m.end() for m in chinese if not m.group().startswith("；")), *english})
    kept: list[int] = []
    last, i = 0, 0  # the last end up to the previous Chinese terminator; the first stop past the current one
    for m in chinese:  # ；only where both sides stand alone
        while i < len(stops) and stops[i] <= m.end():
            i += 1
        if m.group().startswith("；"):
            nxt = stops[i] if i < len(stops) else len(line)
            if m.start() - last >= _SEMICOLON_MIN and nxt - m.end() >= _SEMICOLON_MIN:
                kept.append(m.end())
        last = max(stops[i - 1] if i else 0, kept[-1] if kept else 0)
    return sorted({*stops, *kept, len(line)})


def _cut_long(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    """Cut a run longer than MAX_SENTENCE_CHARS after its last comma within the limit."""
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        breaks = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + (breaks[-1] if breaks and breaks[-1] > MAX_SENTENCE_CHARS // 4 else MAX_SENTENCE_CHARS)
        yield start, cut
        start = cut
    yield start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def document_title(doc: SourceDoc) -> str:
    """The first line when it reads like a title; else a readable file name; else the opening words."""
    text = doc.text
    start = 0
    while start < len(text) and text[start] == "\ufeff":
        start += 1
    end = text.find("\n", start)
    first = text[start : end if end >= 0 else len(text)].strip().lstrip("#").strip()
    if first and len(first) <= 40 and first[-1] not in "。！？!?；;,，.":
        return first
    stem = doc.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if re.search(r"[A-Za-z\u3400-\u9fff]{3}", stem) and not re.fullmatch(r"[\w-]*\d[\w-]*", stem, re.ASCII):
        return stem
    opening = re.split(r"[,，。！？!?；;：:]", first, maxsplit=1)[0]
    return opening[:24] + "…" if opening else stem


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of `text`, without the newline; nothing is copied but the line."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield start, text[start:end]
        start = end + 1


def iter_sentences(doc: SourceDoc) -> Iterator[Sentence]:
    """The sentences of `doc`, in order, one at a time, each with `doc.text[start:end] == text`.

    Time is linear in the document's length; memory beyond the document is one line.
    """
    title, digest = document_title(doc), doc.digest
    section, paragraph, number = "", -1, 0
    for line_start, raw_line in _lines(doc.text):
        if not raw_line.strip():
            continue
        paragraph += 1
        heading = is_heading(raw_line)
        if heading:
            spans = [(0, len(raw_line))]
            section = raw_line.strip().lstrip("\ufeff").lstrip("#").strip()
        else:
            bounds = [0, *_ends(raw_line)]
            spans = list(zip(bounds, bounds[1:]))
        for a, b in spans:
            for s, e in _cut_long(*_trimmed(raw_line, a, b), raw_line):
                if s == e:
                    continue
                yield Sentence(
                    doc=doc.name, title=title, section=section, paragraph=paragraph,
                    number=number, start=line_start + s, end=line_start + e,
                    text=raw_line[s:e], doc_digest=digest, is_heading=heading,
                )
                number += 1


def split_document(doc: SourceDoc) -> list[Sentence]:
    """All sentences of `doc`, in order, each with `doc.text[start:end] == text`."""
    return list(iter_sentences(doc))
