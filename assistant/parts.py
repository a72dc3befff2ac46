"""What a named part of a document is about, and in which part a rule sits, answered by headings.

"劳动合同法第五章讲了什么？", "第五章第二节是关于什么的？", "文章第二部分讲了什么？": the part's heading and the
headings right under it (a policy document's part: its sub-headings). "劳务派遣规定在劳动合同法的哪一章？": the
chapter (and section) of the sentence that answers, then that sentence. "劳动合同法一共有多少条？", "第五章有几条？":
the count, with the last article (a chapter's first and last) quoted. The numbering and nesting of headings is read
by levels.py; a part the document does not have is said to be missing, with how many it has.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from index.structure import chinese_number
from prompts import render

from . import subheadings
from .citations import quoting
from .english import is_english
from .levels import NUMBERED, NUMERALS, TOP, find, level, path, top_level
from .records import Records
from .types import Answer, SentenceRecord

_N = NUMERALS
NAMED = re.compile(rf"第\s*([{_N}]+)\s*(分编|编|章|节|部分)")
ABOUT = re.compile(rf"第\s*[{_N}]+\s*(?:分编|编|章|节|部分)(?:里|中|的)?(?:主要)?"
                   r"(?:讲了?|说了?|写了?|规定了?|是关于|讲的是|说的是|的?内容是|的?标题是|的?题目是|的?主题是|叫)"
                   r"(?:什么|啥|哪些)")
WHERE = re.compile(r"(?:在|属于|位于|放在|归在|出自|见于|规定在|写在)[^，,。？?]{0,14}?(?:哪|什么|第几)(?:一|个)?"
                   r"(?P<zh>分编|编|章|节|部分)|\bin which (?P<en>chapter|section|part)\b|\bwhich (?P<en2>chapter|section|"
                   r"part)\b[^?]{0,30}\b(?:in|under|contain)", re.I)
_EN = {"chapter": "章", "section": "节", "part": TOP}
_MARKERS = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")  # "[2]", "[2, 3]"
MAX_HEADINGS = 60  # quoted in one answer at most


def named_part(question: str) -> list[tuple[int, str]] | None:
    """The parts a question about one part's content names, widest first ("第五章第二节": [(5, 章), (2, 节)])."""
    m = ABOUT.search(question)
    if m is None:
        return None
    return [(chinese_number(n), lv) for n, lv in NAMED.findall(question[:m.end()])]


def scope(question: str) -> list[tuple[int, str]]:
    """The numbered parts a question searches within ("劳动合同法第四章里关于经济补偿…": [(4, 章)])."""
    return [(chinese_number(n), lv) for n, lv in NAMED.findall(question) if lv in NUMBERED]


def inside(section: str, parts: list[tuple[int, str]]) -> bool:
    """Whether a sentence's section path ("第五章 特别规定 第二节 劳务派遣") lies in all the numbered parts."""
    found = {lv: chinese_number(n) for n, lv in re.findall(rf"第([{_N}]+)(分编|编|章|节)", re.sub(r"\s+", "", section))}
    return all(found.get(lv) == number for number, lv in parts)


def asks_where(question: str) -> str | None:
    """The level a question asks a rule's place at ("在哪一章": 章), or None."""
    m = WHERE.search(question)
    if m is None:
        return None
    return m["zh"] or _EN[(m["en"] or m["en2"]).lower()]


class Parts:
    """Answers about one part of a document, from its headings."""

    def __init__(self, records: Records, window: int = 1):
        self.records, self.window = records, window

    def about(self, question: str, docs: list[int], by_doc: dict[int, list[SentenceRecord]],
              named: list[tuple[int, str]]) -> Answer | None:
        """"第五章讲了什么？": the part's heading, then the headings right under it (a policy document's part: its
        sub-headings); a part the document lacks is said to be missing."""
        headings = [h for d in docs for h in by_doc[d]]
        span = find(headings, named)
        if span is None:
            return self._missing(question, docs[0], headings, named[-1]) if docs else None
        heading, inner = headings[span[0]], headings[span[0] + 1:span[1]]
        levels = [level(h.text) for h in inner if level(h.text) in NUMBERED]
        if levels:
            widest = min(levels, key=NUMBERED.index)
            under = [h for h in inner if level(h.text) == widest]
        else:
            last = inner[-1].sentence if inner else heading.sentence + 2000
            rows = self.records.span_of(heading.doc_id, heading.sentence, last)
            under = [r for r in subheadings.subheadings(rows) if r.section == heading.section]
        return quoting(self.records, question, [heading, *under[:MAX_HEADINGS]], self.window, "\n")

    def _missing(self, question: str, doc_id: int, headings: list[SentenceRecord], named: tuple[int, str]) -> Answer:
        """"劳动合同法第十章讲了什么？" of a law with eight chapters: it has none, and how many it has."""
        number, lv = named
        count = sum(top_level(h) for h in headings) if lv == TOP else sum(level(h.text) == lv for h in headings)
        meta = self.records.doc(doc_id)
        title = (meta.short_title or meta.title) if meta else ""
        part = next((m[0] for m in NAMED.finditer(question) if m[2] == lv), f"第{number}{lv}")  # as asked
        message = render("part_missing", title=title, part=part, count=count, unit=lv) if count \
            else render("part_none", title=title, unit=lv)
        return Answer(question=question, answer=message, abstained=True)

    def located(self, question: str, answer: Answer, asked: str,
                headings_of: Callable[[int], list[SentenceRecord]]) -> Answer | None:
        """The headings the answer's first sentence sits under, then the answer as the selector gave it (its
        confidence, answer spans, list head kept; its markers renumbered)."""
        if answer.abstained or not answer.citations:
            return None
        first = self.records.by_ids([answer.citations[0].sentence_id]).get(answer.citations[0].sentence_id)
        over = path(headings_of(first.doc_id), first, asked) if first is not None else []
        if not over:
            return None
        heads = quoting(self.records, question, over, self.window, "\n")
        shift = len(heads.citations)
        body = _MARKERS.sub(lambda m: "[" + re.sub(r"\d+", lambda d: str(int(d[0]) + shift), m[1]) + "]", answer.answer)
        moved = [c.model_copy(update={"n": c.n + shift}) for c in answer.citations]
        related = [c.model_copy(update={"n": c.n + shift}) for c in answer.related]  # numbered after the citations
        return answer.model_copy(update={"answer": f"{heads.answer}\n{body}", "citations": heads.citations + moved,
                                         "related": related})

    def articles(self, question: str, docs: list[int], chapter: str = "") -> Answer | None:
        """How many articles the documents (one chapter of them: "第五章") have: the last quoted (a chapter's first
        and last), the count in a notice."""
        con, found = self.records.library.con, []
        for d in docs:
            first, last = con.execute(
                "SELECT min(s.article_no), max(s.article_no) FROM sentences s JOIN documents d ON d.id = s.doc "
                "AND d.version = s.version WHERE s.doc = ? AND s.article_no > 0 AND replace(s.chapter, ' ', '') "
                "LIKE ? || '%'", (d, chapter)).fetchone()
            if last:
                found.append((d, first, last))
        if not found:
            return None
        first = self.records.article(found[0][0], found[0][1])[0]
        last = self.records.article(found[-1][0], found[-1][2])[0]
        notice = render("articles_notice" + ("_en" if is_english(question) else ""),
                        title=(last.short_title or last.title) + chapter, count=found[-1][2] - found[0][1] + 1,
                        first=first.article, last=last.article)
        rows = [first, last] if chapter and first.id != last.id else [last]
        return quoting(self.records, question, rows, self.window, "\n", [notice])
