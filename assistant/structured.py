"""Questions answered by the documents' structure rather than by similarity.

- "劳动合同法第十九条是怎么规定的？": the whole article, every sentence and item cited;
  an article the law does not have is said not to exist (with how many it has).
- "劳动合同法里关于试用期的规定": searched within that law (the version asked for).
- "成都市养犬管理条例…": a document the library does not hold is said to be missing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.structure import chinese_number
from index.tokens import normalise
from prompts import render

from .citations import make_citation, quoting
from .english import is_english
from .index_view import SearchFilter
from .records import Records
from .references import Reference, Titles
from .types import Answer, Hit, SentenceRecord


LAST_ARTICLE = re.compile(r"最后一条|最末一条|\blast article\b", re.I)


@dataclass(frozen=True)
class Plan:
    """What the question's wording says about where to look."""

    reference: Reference | None = None
    unknown: tuple[str, ...] = ()

    def search(self, base: SearchFilter) -> SearchFilter:
        """The base filter narrowed to the named documents (the version asked for)."""
        if self.reference is None:
            return base
        chosen = self.reference.chosen() or self.reference.family
        return SearchFilter(docs=tuple(d.id for d in chosen), categories=base.categories,
                            exclude_docs=base.exclude_docs, all_versions=True)


class StructuredAnswers:
    def __init__(self, titles: Titles, records: Records, window: int = 1):
        self.titles, self.records, self.window = titles, records, window

    def plan(self, question: str) -> Plan:
        reference = self.titles.find(question)
        return Plan(reference, () if reference else tuple(self.titles.unknown_names(question)))

    def article(self, question: str, plan: Plan, search: SearchFilter) -> Answer | None:
        """The article the question asks for, quoted whole; None when it asks for no article."""
        ref = plan.reference
        if ref is not None and not ref.article_no and LAST_ARTICLE.search(question):  # "劳动合同法最后一条是什么？"
            docs = [d for d in (ref.chosen() or ref.family) if d.id not in search.exclude_docs]
            last = max(docs, key=lambda d: self._articles(d.id), default=None)
            rows = self.records.article(last.id, self._articles(last.id)) if last is not None else []
            return self._quote(question, rows) if rows else None
        if ref is None or not ref.article_no:
            return None
        docs = [d for d in (ref.chosen() or ref.family) if d.id not in search.exclude_docs]
        for doc in docs:
            rows = self.records.article(doc.id, ref.article_no)
            if rows and ref.more:  # "第三十九条和第四十条", "第三十六条至第三十八条": each quoted whole, in order
                rows += [r for n in ref.more for r in self._article_anywhere(docs, n)]
            if rows:
                return self.item(question, rows, ref.item_no) if ref.item_no else self._quote(question, rows)
        total = max((self._articles(d.id) for d in docs), default=0)
        title = docs[0].short_title if docs else ref.name
        message = render("article_missing", title=title, article=ref.article, count=total) if total \
            else render("article_none", title=title)
        return Answer(question=question, answer=message, abstained=True, error=None)

    def _article_anywhere(self, docs, article_no: int) -> list[SentenceRecord]:
        """Article `article_no` of the first of the documents that has it (a code's parts number on)."""
        return next((rows for d in docs if (rows := self.records.article(d.id, article_no))), [])

    def article_item(self, question: str, doc_id: int, article_no: int, item_no: int) -> Answer | None:
        """Item `item_no` of an article ("第四项是什么？" after an answer quoting 第四十二条); None when absent."""
        rows = self.records.article(doc_id, article_no)
        return self.item(question, rows, item_no) if rows else None

    def item(self, question: str, rows: list[SentenceRecord], item_no: int) -> Answer:
        """The sentences of the article `rows` that make up item (N), quoted; told missing when it has none."""
        chosen = [r for r in rows if r.item and chinese_number(r.item.strip("（）() ")) == item_no]
        if chosen:
            return self._quote(question, chosen)
        count = len({r.item for r in rows if r.item})
        message = render("item_missing", article=rows[0].article, item=item_no, count=count) if count \
            else render("item_none", article=rows[0].article)
        return Answer(question=question, answer=message, abstained=True)

    def _quote(self, question: str, rows: list[SentenceRecord]) -> Answer:
        return quoting(self.records, question, rows, self.window)

    def _articles(self, doc_id: int) -> int:
        row = self.records.library.con.execute(
            "SELECT max(article_no) FROM sentences s JOIN documents d ON d.id = s.doc AND d.version = s.version "
            "WHERE s.doc = ?", (doc_id,)).fetchone()
        return int(row[0] or 0)

    def missing_document(self, question: str, plan: Plan, related_hits: list[Hit], terms: list[str]) -> Answer:
        """The question names a document the library does not hold: say so, show the closest passages."""
        related = [make_citation(self.records, n, h, terms, self.window) for n, h in enumerate(related_hits[:3], 1)]
        if is_english(question):
            message = render("document_not_in_library_en", names=", ".join(f"“{n}”" for n in plan.unknown))
        else:
            message = render("document_not_in_library", names="、".join(f"《{n}》" for n in plan.unknown))
        return Answer(question=question, answer=message, abstained=True, related=related)

    def version_notices(self, answer: Answer) -> list[str]:
        """For each quoted document that a later one repeals: by which; for each that exists in several versions:
        which version is quoted."""
        notices, seen = [], set()
        for c in answer.citations:
            if c.doc_id in seen or not c.short_title:
                continue
            seen.add(c.doc_id)
            by = self.titles.repealer(c.doc_id)
            if by is not None:
                notices.append(render("repealed_notice", title=c.short_title, by=by.short_title or by.title,
                                      date=by.version_date or "—"))
                continue
            dates = {d.version_date for d in self.titles.family(normalise(c.short_title))}
            if len(dates) > 1:
                key = "version_notice_latest" if c.latest else "version_notice_older"
                notices.append(render(key, title=c.short_title, date=c.version_date or "—",
                                      versions=len(dates)))
        return notices
