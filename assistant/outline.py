"""Questions about how a document is divided, answered by its own headings.

"劳动合同法分为哪几章？", "文章分成哪几个部分？", "民法典有哪几编？", "劳动合同法第五章有哪几节？", "What are the
chapters of the Labour Contract Law?": the document's headings of the level asked, each quoted and cited, in the
document's order. "文章里涉及人才工作的几个小标题？": the sub-headings that answer (subheadings.py); "第五章讲了什么？",
"一共有多少条？" and "…在哪一章？": parts.py. Similarity cannot answer them: the sentence nearest to
"劳动合同法分为哪几章" is "劳动合同分为固定期限劳动合同、…", a rule about contracts, not the law's chapters.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from index.structure import chinese_number
from prompts import render

from . import parts, subheadings
from .citations import quoting
from .english import is_english
from .index_view import SearchFilter
from .levels import NUMBERED, NUMERALS, TOP, find, level, part_name
from .levels import flat as _flat
from .records import Records
from .structured import Plan
from .types import Answer, SentenceRecord

_N = NUMERALS
ALL, ARTICLES = "目录", "条"
_STOP = r"(?![日假约能省余点目程])"  # 节日, 节约, 章程 are not parts
_PARTS = rf"(?P<{{0}}>分编|编|章|节|部分|大部分|板块|篇){_STOP}"
ASKS = re.compile(
    r"(?:分为|分成|划分为|包括|包含|共有|一共有|总共有|共分|分|有|由)[^，,。？?；;]{0,3}?(?:哪|几|多少|些)+[个大]?"
    + _PARTS.format("a")
    + rf"|(?:各|每一?|所有)个?{_PARTS.format('b')}[^，,。？?；;]{{0,4}}?(?:标题|题目|名称|叫什么)"
    + rf"|{_PARTS.format('c')}的?(?:标题|题目|名称)(?:分别|各)?(?:是|有|叫)"
    + r"|(?P<d>目录|章节)(?:是|有|怎么|如何|结构|安排)"
    # the document itself as the subject: "文章的结构是怎样的", "全文主要讲了哪几个方面"
    + r"|(?:文章|本文|全文|这篇文章|该文)的?(?:整体)?(?P<i>结构|框架|脉络)"
    + r"|(?:文章|本文|全文|这篇文章|该文)(?:主要|一共|总共|共)?(?:讲|谈|说|论述|阐述|包括|包含|分)了?(?:哪|几)+个?(?P<j>方面)"
    + r"|\b(?:what|which|how many|list)\b[^?]{0,40}?\b(?P<e>chapters|parts|sections|books)\b"
    + r"|(?P<f>table of contents|outline)"
    + r"|(?:一共|总共|共)?(?:有|包括|包含|分为)?(?:多少|几)(?P<g>条)\s*(?:规定|内容)?\s*(?=[？?。！!吗呢]|$)"
    + r"|\bhow many (?P<h>articles)\b", re.I)
# "部分" divides many things ("工资由哪几部分组成"): it asks for a document's parts only right after the document
_DOCUMENT = re.compile(r"(?:文章|本文|全文|原文|这篇|该文|文件|文档|报告|讲话|通知|意见|[法典例定则案划要])"
                       r"(?:里|中|内容|正文|一共|总共|共|主要|是)*$")
_COUNTED = re.compile(r"(?:文件|文章|[法典例定则案划要章编节])(?:里|中|一共|总共|共|全文)*$")
_ENGLISH_LEVELS = {"chapters": "章", "sections": "节", "parts": TOP, "books": TOP}
_PARENT = re.compile(rf"第\s*([{_N}]+)\s*(分编|编|章)|\b(?:in|of|does)\s+(?:the\s+)?(chapter|book)\s+(\d+)", re.I)
_MAX_HEADINGS = parts.MAX_HEADINGS


def asked_level(question: str) -> str | None:
    """The level a question asks the headings of (None: it asks for none)."""
    m = ASKS.search(question)
    if m is None:
        return None
    word = next(v for v in m.groupdict().values() if v)
    if word.lower() in _ENGLISH_LEVELS:
        return _ENGLISH_LEVELS[word.lower()]
    if word.lower() == "articles":
        return ARTICLES
    if word == "条":  # 条 counts dogs and fish too: articles only of a document or a part just named
        return ARTICLES if _COUNTED.search(question[:m.start()]) else None
    if word in NUMBERED:
        return word
    if word == "章节":
        return "章"
    if word in ("目录", "table of contents", "outline"):
        return ALL
    return TOP if m.group("a") is None or _DOCUMENT.search(question[:m.start()]) else None


def asks(question: str) -> bool:
    """Does the question ask how a document is divided, for its sub-headings, or what one part is about?"""
    return asked_level(question) is not None or subheadings.asks(question) or parts.named_part(question) is not None


class Outlines:
    """The headings that answer a question about a document's division."""

    def __init__(self, records: Records, retriever: Any, window: int = 1):
        self.records, self.retriever, self.window = records, retriever, window
        self.parts = parts.Parts(records, window)

    def answer(self, question: str, plan: Plan, search: SearchFilter, thread_docs: Sequence[int] = ()) -> Answer | None:
        asked, named = asked_level(question), parts.named_part(question)
        if (asked is None and named is None and not subheadings.asks(question)) \
                or (plan.reference is not None and plan.reference.article_no):
            return None
        docs = [d for d in self._documents(plan, search, thread_docs) if d not in search.exclude_docs]
        if not docs:
            return None
        by_doc = {d: self._headings(d) for d in docs}
        if named:  # one part named: "第四章的标题是什么" is about 第四章 alone
            return self.parts.about(question, [d for d in docs if by_doc[d]], by_doc, named)
        if asked == ARTICLES:
            m = _PARENT.search(question)
            return self.parts.articles(question, docs, f"第{m[1]}{m[2]}" if m and m[1] else "")
        docs = [d for d in docs if by_doc[d]]
        chosen, total = self._subheadings(question, docs) if asked in (None, TOP) and subheadings.asks(question) \
            else ([], 0)
        if not chosen:
            chosen = [] if asked is None else self._chosen(question, asked, docs, by_doc)
            total = len(chosen)
            if len(chosen) < 2 and not (asked in NUMBERED and chosen):
                return None  # one heading or none: the document is not divided so; the question is searched instead
        shown = chosen[:_MAX_HEADINGS]
        key = "outline_notice" if len(shown) == total else "subheading_notice" if len(chosen) < total \
            else "outline_cut_notice"
        notice = render(key + ("_en" if is_english(question) else ""), title=shown[0].short_title or shown[0].title,
                        count=total, **({} if len(shown) == total else {"shown": len(shown)}))
        return quoting(self.records, question, shown, self.window, "\n", [notice])

    def located(self, question: str, answer: Answer, asked: str) -> Answer | None:
        """"劳务派遣规定在劳动合同法的哪一章？": the headings the answer sits under, then the answer (parts.py)."""
        return self.parts.located(question, answer, asked, self._headings)

    def _headings(self, doc_id: int) -> list[SentenceRecord]:
        """The document's headings below its title line."""
        return [h for h in self.records.headings(doc_id) if h.sentence > 0 and _flat(h.text)
                and _flat(h.text) not in (_flat(h.title), _flat(h.short_title))]

    def _documents(self, plan: Plan, search: SearchFilter, thread_docs: Sequence[int]) -> list[int]:
        """The document asked about: the one named, the one the caller chose, the one the conversation is
        about, or the library's only document; its parts in the order of their articles."""
        if plan.reference is not None:
            docs = [d.id for d in (plan.reference.chosen() or plan.reference.family)]
        elif search.docs:
            docs = list(search.docs)
        elif thread_docs:
            docs = list(thread_docs[:1])
        else:
            only = self.records.library.documents("status = 'indexed' AND latest = 1", limit=2)
            docs = [only[0].id] if len(only) == 1 else []
        con = self.records.library.con
        first = {d: con.execute("SELECT min(article_no) FROM sentences WHERE doc = ? AND article_no > 0",
                                (d,)).fetchone()[0] or 0 for d in docs}
        return sorted(docs, key=lambda d: (first[d], d))

    def _subheadings(self, question: str, docs: list[int]) -> tuple[list[SentenceRecord], int]:
        """(the sub-headings that answer, how many the document has)."""
        if len(docs) != 1:
            return [], 0
        last = self.records.library.con.execute("SELECT max(n) FROM sentences WHERE doc = ?", docs).fetchone()[0] or 0
        subs = subheadings.subheadings(self.records.span_of(docs[0], 0, last))
        if not subs:
            return [], 0
        return subheadings.choose(question, subs, self.retriever.cosines_of(question, subs)), len(subs)

    def _chosen(self, question: str, asked: str, docs: list[int],
                by_doc: dict[int, list[SentenceRecord]]) -> list[SentenceRecord]:
        named = [d for d in docs if (p := part_name(by_doc[d])) and _flat(p.text) in _flat(question)]
        docs = named or docs
        headings = [h for d in docs for h in _within(by_doc[d], question, asked)]
        files = [p for d in docs if (p := part_name(by_doc[d])) is not None]  # a code's parts, one per file
        if asked == ALL:
            return [h for h in headings if level(h.text) in (*NUMBERED, "一、") or h.section == ""]
        if asked in NUMBERED:
            found = [h for h in headings if level(h.text) == asked]
            return found or (files if asked == "编" and len(files) > 1 else [])
        if len(files) > 1:
            return files
        return [h for h in headings if h.section and _flat(h.section) == _flat(h.text)]


def _within(headings: list[SentenceRecord], question: str, asked: str) -> list[SentenceRecord]:
    """The headings under the part the question names ("第五章有哪几节": 第五章's), else all of them."""
    m = _PARENT.search(question)
    if m is None:
        return headings
    number, parent = (chinese_number(m[1]), m[2]) if m[1] else (int(m[4]), {"chapter": "章"}.get(m[3].lower(), "编"))
    if asked not in NUMBERED or NUMBERED.index(parent) >= NUMBERED.index(asked):
        return headings
    span = find(headings, [(number, parent)])
    return headings[span[0] + 1:span[1]] if span else []
