"""Sentence records for the answering side, fetched from the catalogue by id, never all at once."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from index.library import Library
from index.records import DocMeta, SentenceRow

from .types import SentenceRecord

TOPIC_LINE_CHARS = 20  # a sentence this short inside a paragraph names what the sentences after it do
_DOC_CACHE = 4096


class Records:
    """Turns catalogue rows into `SentenceRecord`s (with their document's title and version)."""

    def __init__(self, library: Library):
        self.library = library
        self._docs: OrderedDict[int, DocMeta] = OrderedDict()
        self._first_article: OrderedDict[int, int | None] = OrderedDict()
        self._lock = threading.Lock()

    def doc(self, doc_id: int) -> DocMeta | None:
        with self._lock:
            meta = self._docs.get(doc_id)
        if meta is None:
            meta = self.library.document(doc_id)
            if meta is None:
                return None
            with self._lock:
                self._docs[doc_id] = meta
                while len(self._docs) > _DOC_CACHE:
                    self._docs.popitem(last=False)
        return meta

    def forget_documents(self) -> None:
        """Called when a new generation is loaded: document metadata may have changed."""
        with self._lock:
            self._docs.clear()
            self._first_article.clear()

    def first_article_sentence(self, doc_id: int) -> int | None:
        """The number of the document's first sentence inside an article (None: it has no articles)."""
        with self._lock:
            if doc_id in self._first_article:
                return self._first_article[doc_id]
        row = self.library.con.execute(
            "SELECT min(s.n) FROM sentences s JOIN documents d ON d.id = s.doc AND d.version = s.version "
            "WHERE s.doc = ? AND s.article_no > 0", (doc_id,)).fetchone()
        first = None if row is None or row[0] is None else int(row[0])
        with self._lock:
            self._first_article[doc_id] = first
            while len(self._first_article) > _DOC_CACHE:
                self._first_article.popitem(last=False)
        return first

    def in_preamble(self, record: SentenceRecord) -> bool:
        """A line of the header block before a document's first article (its title, adoption and amendment
        history, table of contents)."""
        if record.article_no:
            return False
        first = self.first_article_sentence(record.doc_id)
        return first is not None and record.sentence < first

    def record(self, row: SentenceRow) -> SentenceRecord | None:
        meta = self.doc(row.doc)
        if meta is None or meta.version != row.version:
            meta = self.library.document(row.doc)  # republished since it was cached
            if meta is None:
                return None
            with self._lock:
                self._docs[row.doc] = meta
        return SentenceRecord(
            id=row.id, doc=meta.path, title=meta.title, section=row.section, paragraph=row.paragraph,
            sentence=row.n, start=row.start, end=row.end, text=row.text, row=row.row, doc_id=row.doc,
            short_title=meta.short_title, category=meta.category, version_date=meta.version_date,
            latest=bool(meta.latest), chapter=row.chapter, article=row.article, article_no=row.article_no,
            item=row.item, list_head=row.list_head, page=row.page, heading=bool(row.heading),
        )

    def _records(self, rows: Sequence[SentenceRow]) -> list[SentenceRecord]:
        return [r for r in map(self.record, rows) if r is not None]

    def by_rows(self, rows: Sequence[int]) -> dict[int, SentenceRecord]:
        found = self.library.rows_by_row(rows)
        return {rec.row: rec for rec in self._records(list(found.values()))}

    def rows_of_ids(self, ids: Sequence[str]) -> dict[str, int]:
        """Catalogue row of each visible sentence id (one indexed lookup; the text is not read)."""
        return self.library.rows_of_ids(ids)

    def by_ids(self, ids: Sequence[str]) -> dict[str, SentenceRecord]:
        found = self.library.rows_by_id(ids)
        return {rec.id: rec for rec in self._records(list(found.values()))}

    def span(self, record: SentenceRecord, before: int, after: int) -> list[SentenceRecord]:
        """The record's document from `before` sentences before it to `after` after it."""
        return self._records(self.library.span(record.doc_id, record.sentence - before, record.sentence + after))

    def neighbour(self, record: SentenceRecord, offset: int) -> SentenceRecord | None:
        found = self._records(self.library.span(record.doc_id, record.sentence + offset, record.sentence + offset))
        return found[0] if found else None

    def same_paragraph_next(self, record: SentenceRecord) -> SentenceRecord | None:
        nxt = self.neighbour(record, 1)
        return nxt if nxt is not None and nxt.paragraph == record.paragraph else None

    def mentioning(self, doc_id: int, phrase: str) -> list[SentenceRecord]:
        """The document's sentences that hold `phrase`, in order."""
        return self._records(self.library.mentioning(doc_id, phrase))

    def article(self, doc_id: int, article_no: int) -> list[SentenceRecord]:
        return self._records(self.library.article(doc_id, article_no))

    def span_of(self, doc_id: int, first: int, last: int) -> list[SentenceRecord]:
        """Sentences `first`..`last` of a document, in order."""
        return self._records(self.library.span(doc_id, first, last))

    def headings(self, doc_id: int) -> list[SentenceRecord]:
        return self._records(self.library.headings(doc_id))

    def parent(self, record: SentenceRecord) -> SentenceRecord | None:
        """The line a sentence sits under: the nearest short topic line before it in its paragraph,
        else its section heading (looked for within the 200 sentences before it)."""
        earlier = self._records(self.library.span(record.doc_id, max(0, record.sentence - 200), record.sentence - 1))
        for r in reversed(earlier):
            if r.paragraph != record.paragraph:
                break
            if len(r.text) <= TOPIC_LINE_CHARS:
                return r
        for r in reversed(earlier):
            if record.section and r.text.strip().lstrip("#").strip() == record.section:
                return r
        return None
