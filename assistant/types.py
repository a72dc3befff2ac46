"""The data that crosses module boundaries, and the protocols of the swappable parts."""
from __future__ import annotations

from typing import Protocol, Sequence
from uuid import uuid4

from pydantic import BaseModel, Field


class SentenceRecord(BaseModel):
    """One indexed sentence with where it sits: its document, version and structure."""

    id: str = Field(description="Stable id: document version key + sentence number.")
    doc: str = Field(description="Document path, relative to the library folder.")
    title: str
    section: str = ""
    paragraph: int
    sentence: int = Field(description="Sentence number within the document, from 0.")
    start: int = Field(description="Character offset of the sentence in the document's extracted text.")
    end: int
    text: str
    row: int = Field(0, description="Catalogue row (internal).")
    doc_id: int = Field(0, description="Catalogue id of the document.")
    short_title: str = ""
    category: str = ""
    version_date: str = Field("", description="Date of the document's version (from its file name or header).")
    latest: bool = Field(True, description="False when a later version of the same document is indexed.")
    chapter: str = ""
    article: str = Field("", description="第十九条, when the sentence belongs to an article.")
    article_no: int = 0
    item: str = ""
    list_head: str = ""
    page: int = Field(0, description="Page number in a PDF, from 1; 0 for other formats.")
    heading: bool = False


class Hit(BaseModel):
    """A sentence found for a question, with the scores that ranked it."""

    record: SentenceRecord
    score: float = Field(description="Fused score used for ranking (higher is better).")
    dense: float | None = Field(None, description="Cosine similarity to the question, when computed.")
    bm25: float | None = Field(None, description="BM25 score, when the lexical retriever found it.")
    background: float | None = Field(
        None, description="The question's best cosine to the off-topic background sentences (same for every hit)."
    )
    as_is: bool = Field(False, description="Quote this sentence itself, even when it is a short topic line.")
    dense_z: float | None = Field(
        None, description="How far the cosine stands above the corpus mean, in standard deviations."
    )
    bm25_z: float | None = Field(None, description="How far the BM25 score stands above the index mean.")
    rank: int = Field(0, description="Position in the fused ranking, from 1; 0 for a sentence added beside a hit.")
    expanded: bool = Field(False, description="Added as a neighbour or article sibling of a top hit.")
    probability: float | None = Field(None, description="The answer selector's estimate that this sentence answers.")
    doc_rank: int = Field(0, description="How many of the searched documents are closer in meaning to the question "
                          "than this sentence's document (the mean direction of their sentences); 0 for the closest.")


class Citation(BaseModel):
    """A numbered source sentence: the shape of both `citations` and `related`."""

    n: int
    doc: str
    sentence_id: str
    text: str
    section: str
    score: float
    title: str = ""
    highlights: list[tuple[int, int]] = Field(
        default_factory=list, description="Character spans of `text` that match the question's terms."
    )
    answer_spans: list[tuple[int, int]] = Field(
        default_factory=list, description="Character spans of `text` that hold what the question asks for: the "
        "amount or date of a how-many or when question, the place of a where question, the person of a who question."
    )
    context_before: str = ""
    context_after: str = ""
    doc_id: int = 0
    short_title: str = ""
    version_date: str = Field("", description="The version of the document quoted (its date).")
    latest: bool = Field(True, description="False when the quote comes from an older version of the document.")
    chapter: str = ""
    article: str = ""
    item: str = ""
    page: int = Field(0, description="PDF page of the sentence, from 1; 0 for other formats.")
    start: int = Field(0, description="Offset of the sentence in the document's stored text.")
    end: int = 0


class Answer(BaseModel):
    """What `Assistant.ask` returns."""

    id: str = Field(default_factory=lambda: uuid4().hex, description="Unique id of this answer (votes refer to it).")
    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    abstained: bool = False
    related: list[Citation] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    error: str | None = Field(None, description="Code of the input problem when the question was refused.")
    notices: list[str] = Field(default_factory=list, description="Messages about how the question was treated.")
    resolved_question: str = Field("", description="The question as searched, after follow-up resolution.")
    confidence: float | None = Field(
        None, description="The answer selector's probability that a retrieved sentence answers the question (it "
        "abstains below its threshold); None when no selector judged it (article lookups, refusals).")


class Retriever(Protocol):
    def retrieve(self, query: str, k: int, search: object = ...) -> object: ...  # -> retrieval.Retrieved


class Answerer(Protocol):
    def answer(self, question: str, hits: Sequence[Hit], also: str = "") -> Answer:
        """`also`: words searched besides the question (an English question's Chinese terms)."""
        ...
