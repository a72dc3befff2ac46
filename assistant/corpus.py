"""The indexed sentences as the answering side sees them, read once from Chroma through langchain-chroma."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np

from index.tokens import normalise

from .types import SentenceRecord

if TYPE_CHECKING:
    from langchain_chroma import Chroma

log = logging.getLogger(__name__)

TOPIC_LINE_CHARS = 20  # a sentence this short inside a paragraph names what the sentences after it do


class Corpus:
    """All sentence records with their vectors and lexical tokens, in document order."""

    def __init__(self, records: list[SentenceRecord], vectors: np.ndarray, tokens: list[list[str]]):
        order = sorted(range(len(records)), key=lambda i: (records[i].doc, records[i].sentence))
        self.records = [records[i] for i in order]
        self.vectors = vectors[order] if len(order) else np.zeros((0, 1), dtype=np.float32)
        self.tokens = [tokens[i] for i in order]
        self.index_of = {r.id: i for i, r in enumerate(self.records)}
        self.text = normalise("\n".join(r.text for r in self.records)).lower()  # for "is this word here at all"

    @classmethod
    def from_vectorstore(cls, store: Chroma) -> Corpus:
        got = store.get(include=["documents", "metadatas", "embeddings"])
        records, tokens = [], []
        for rid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
            records.append(SentenceRecord(
                id=rid, doc=meta["doc"], title=meta["title"], section=meta["section"],
                paragraph=meta["paragraph"], sentence=meta["sentence"],
                start=meta["start"], end=meta["end"], text=text,
            ))
            tokens.append(str(meta.get("tokens", "")).split())
        vectors = np.asarray(got["embeddings"] if got["embeddings"] is not None else [], dtype=np.float32)
        log.info("Loaded %d sentences from the store", len(records))
        return cls(records, vectors, tokens)

    def __len__(self) -> int:
        return len(self.records)

    def cosine(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every sentence to a normalised query vector."""
        return self.vectors @ query_vector if len(self) else np.zeros(0, dtype=np.float32)

    def neighbour(self, record: SentenceRecord, offset: int) -> SentenceRecord | None:
        """The sentence `offset` places away in the same document, if any."""
        j = self.index_of[record.id] + offset
        if 0 <= j < len(self.records) and self.records[j].doc == record.doc:
            return self.records[j]
        return None

    def same_paragraph_next(self, record: SentenceRecord) -> SentenceRecord | None:
        nxt = self.neighbour(record, 1)
        return nxt if nxt is not None and nxt.paragraph == record.paragraph else None

    def parent(self, record: SentenceRecord) -> SentenceRecord | None:
        """The line a sentence sits under: the nearest short topic line before it in its paragraph,
        else its section heading."""
        i = self.index_of[record.id]
        j = i - 1
        while j >= 0 and self.records[j].doc == record.doc and self.records[j].paragraph == record.paragraph:
            if len(self.records[j].text) <= TOPIC_LINE_CHARS:
                return self.records[j]
            j -= 1
        for earlier in reversed(self.records[: max(j + 1, 0)]):
            if earlier.doc != record.doc:
                break
            if record.section and earlier.text.strip().lstrip("#").strip() == record.section:
                return earlier
        return None
