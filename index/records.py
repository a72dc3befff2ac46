"""The catalogue's records: a document (indexed or skipped) and one sentence with its structure."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DocMeta:
    """One file of the library, as the catalogue knows it."""

    id: int = 0  # catalogue id, stable while the path exists
    path: str = ""  # relative to the folder it was found in, forward slashes
    status: str = "pending"  # indexed | skipped | pending
    reason: str = ""  # why it was skipped
    digest: str = ""  # hash of the file's bytes: unchanged files cost nothing
    version: str = ""  # key of the visible version; sentence ids start with it
    pipeline: str = ""  # version of the reading/splitting/structure code that produced it
    format: str = ""
    title: str = ""
    short_title: str = ""  # 中华人民共和国劳动合同法 -> 劳动合同法
    category: str = ""  # the top folder
    issuer: str = ""
    doc_number: str = ""  # 文号, e.g. 国务院令第514号
    adopted: str = ""  # ISO dates, when the text says them
    amended: str = ""
    effective: str = ""
    version_date: str = ""  # from the file name or the latest date of the header
    latest: int = 1  # 1 when no document with the same short title has a later version date
    pages: int = 0
    sentences: int = 0
    articles: int = 0
    chars: int = 0
    text: str = ""  # the extracted text sentence offsets index into
    page_starts: str = ""  # PDFs: comma-separated offsets where pages start
    updated: str = ""


@dataclass
class SentenceRow:
    """One sentence as stored: where it is in its document and in the document's structure."""

    row: int  # catalogue row, never reused; the lexical index refers to sentences by it
    id: str  # '<version>-<n:05d>': stable, and the id in the vector store
    doc: int
    version: str
    n: int  # sentence number in the document, from 0
    start: int  # text[start:end] == text, in the document's extracted text
    end: int
    paragraph: int
    text: str
    heading: int  # 1 for a heading line
    section: str  # nearest heading line above
    chapter: str  # 第三章 劳动合同的履行和变更 (with 编/节 when present)
    article: str  # 第十九条
    article_no: int  # 19; 0 outside articles
    item: str  # （一）
    list_head: str  # the sentence an item belongs to ("有下列情形之一的：")
    page: int  # PDFs: page number from 1; 0 otherwise
    ehash: str = ""  # hash of the text that was embedded (context + sentence): equal texts reuse a vector
