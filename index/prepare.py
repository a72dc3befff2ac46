"""From extracted text to catalogue rows: split, place each sentence in the document's
structure, and say what is embedded and what is searched lexically for it.

A sentence alone loses what its document says ("试用期" sits in the sentence, "劳动合同"
in the title and chapter), so each sentence is embedded and searched with a short
context: the document's short title, its chapter or heading, and for a list item the
sentence that introduces the list. Citations stay on the sentence itself.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .docmeta import category, dates, doc_number, header_lines, issuer, short_title, version_date
from .readers import ExtractedText
from .records import DocMeta, SentenceRow
from .split import document_title, split_document
from .structure import places_by_offset
from .tokens import TOKENS_VERSION, index_terms, tokenize
from .types import SourceDoc

PIPELINE = f"prepare-1/{TOKENS_VERSION}"  # bump when reading, splitting, structure or context change
CONTEXT_LIST_HEAD_CHARS = 30


@dataclass
class Prepared:
    """A document ready to embed and write."""

    meta: DocMeta
    rows: list[SentenceRow]  # row = 0 until the catalogue assigns one
    embed_texts: list[str]  # context + sentence, what the embedding model sees
    terms: list[list[str]]  # lexical terms of each sentence, its context's words included


def version_key(path: str, digest: str) -> str:
    return hashlib.sha256(f"{path}\n{digest}\n{PIPELINE}".encode("utf-8")).hexdigest()[:16]


def describe(path: str, digest: str, extracted: ExtractedText) -> DocMeta:
    """The document's metadata (no sentences yet)."""
    text = extracted.text
    title = extracted.title or document_title(SourceDoc(path=Path(path), name=path, text=text))
    lines = header_lines(text)
    found = dates(lines)
    return DocMeta(
        path=path, status="pending", digest=digest, version=version_key(path, digest), pipeline=PIPELINE,
        format=extracted.format, title=title, short_title=short_title(title), category=category(path),
        issuer=issuer(lines), doc_number=doc_number(lines), adopted=found.adopted, amended=found.amended,
        effective=found.effective, version_date=version_date(path, found), pages=len(extracted.pages),
        chars=len(text), text=text, page_starts=",".join(map(str, extracted.pages)),
    )


def context_of(meta: DocMeta, row: SentenceRow) -> str:
    """What a sentence is embedded and searched with besides its own words."""
    if row.chapter or row.article:
        parts = [meta.short_title, _title_part(row.chapter)]
        if row.item and row.list_head:
            parts.append(row.list_head[-CONTEXT_LIST_HEAD_CHARS:])
    else:
        parts = [meta.short_title, row.section if row.section != row.text else ""]
    return " ".join(p for p in parts if p)


def _title_part(chapter: str) -> str:
    """"第三章 劳动合同的履行和变更" -> "劳动合同的履行和变更" (numbers say nothing to a model)."""
    return " ".join(w for w in chapter.split() if not (w.startswith("第") and w[-1] in "编章节"))


def prepare(path: str, digest: str, extracted: ExtractedText, *, with_context: bool = True) -> Prepared:
    meta = describe(path, digest, extracted)
    doc = SourceDoc(path=Path(path), name=path, text=extracted.text)
    heading_starts = {h.start for h in extracted.headings}
    starts, places = places_by_offset(extracted.text)
    rows: list[SentenceRow] = []
    embed_texts: list[str] = []
    terms: list[list[str]] = []
    context_terms: dict[str, list[str]] = {}
    for s in split_document(doc):
        place = places[bisect_right(starts, s.start) - 1]
        page = bisect_right(extracted.pages, s.start) if extracted.pages else 0
        row = SentenceRow(
            row=0, id=f"{meta.version}-{s.number:05d}", doc=0, version=meta.version, n=s.number,
            start=s.start, end=s.end, paragraph=s.paragraph, text=s.text,
            heading=int(s.is_heading or s.start in heading_starts), section=s.section, chapter=place.chapter,
            article=place.article, article_no=place.article_no, item=place.item,
            list_head=place.list_head if place.item else "", page=page,
        )
        context = context_of(meta, row) if with_context else ""
        if context not in context_terms:
            context_terms[context] = tokenize(context) if context else []
        rows.append(row)
        embed_texts.append(f"{context}：{s.text}" if context else s.text)
        terms.append(index_terms(s.text) + context_terms[context])
    meta.sentences = len(rows)
    meta.articles = len({r.article_no for r in rows if r.article_no})
    return Prepared(meta, rows, embed_texts, terms)
