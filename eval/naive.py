"""The "naive LangChain RAG" baseline, built the way LangChain's RAG tutorial builds one.

The seed files are cut by `RecursiveCharacterTextSplitter` (the tutorial's
chunk_size=1000, chunk_overlap=200, add_start_index=True), stored in a throwaway
in-memory Chroma collection with the assistant's own e5 embeddings, and searched
with ``similarity_search(question, k=4)``. With no LLM to write an answer, the
answer is the top chunk quoted whole and cited as [1]; the other chunks go to
`related`. It never abstains and ignores the conversation history.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from settings import Settings
from assistant.types import Answer, Citation, Hit, SentenceRecord

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
SEARCH_K = 4


def load_embeddings(settings: Settings) -> Embeddings:
    from index.embed import build_embeddings

    return build_embeddings(settings)


def load_documents(seeds_dir: Path, paths: Sequence[Path] | None = None) -> list[Document]:
    """The documents the assistant would index (same readers, same names), as LangChain documents."""
    from index.discover import discover
    from index.readers import Unreadable, read_file

    found = []
    for path, name in discover(paths or [seeds_dir], seeds_dir):
        try:
            text = read_file(path, max_bytes=2**30).text
        except Unreadable:
            continue
        found.append(Document(page_content=text, metadata={"source": name}))
    return found


class NaiveRag:
    """Same `ask` / `run` / `retrieve` / `records` surface as the assistant, so the runner scores it alike."""

    def __init__(
        self,
        embeddings: Embeddings,
        seeds_dir: Path,
        chunk_size: int = CHUNK_SIZE,
        chunk_overlap: int = CHUNK_OVERLAP,
        k: int = SEARCH_K,
        paths: Sequence[Path] | None = None,
    ) -> None:
        import chromadb
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap, add_start_index=True
        )
        chunks = splitter.split_documents(load_documents(seeds_dir, paths))
        for number, chunk in enumerate(chunks):
            chunk.metadata["chunk"] = number
        self.k = k
        self.records = [self._record(number, chunk) for number, chunk in enumerate(chunks)]
        client = chromadb.EphemeralClient(settings=chromadb.config.Settings(anonymized_telemetry=False))
        self.store = Chroma(
            collection_name=f"naive-{uuid.uuid4().hex[:8]}", embedding_function=embeddings, client=client
        )
        batch = client.get_max_batch_size()
        for i in range(0, len(chunks), batch):
            self.store.add_documents(chunks[i:i + batch], ids=[r.id for r in self.records[i:i + batch]])
        self.retriever = self
        logger.info("naive baseline: %d chunks of <=%d chars from %s", len(chunks), chunk_size, seeds_dir)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, paths: Sequence[Path] | None = None) -> NaiveRag:
        settings = settings or Settings()
        return cls(load_embeddings(settings), settings.seeds_dir, paths=paths)

    @staticmethod
    def _record(number: int, chunk: Document) -> SentenceRecord:
        start = int(chunk.metadata.get("start_index", 0))
        source = str(chunk.metadata.get("source", ""))
        return SentenceRecord(
            id=f"chunk-{number:05d}", doc=source, title=Path(source).stem, paragraph=number,
            sentence=number, start=start, end=start + len(chunk.page_content), text=chunk.page_content,
        )

    def retrieve(self, question: str, history: list[dict] | None = None, k: int | None = None) -> list[Hit]:
        docs = self.store.similarity_search(question, k=k or self.k)
        return [
            Hit(record=self.records[int(doc.metadata["chunk"])], score=1.0 / rank)
            for rank, doc in enumerate(docs, start=1)
        ]

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        return self.run(question, history)[0]

    def run(self, question: str, history: list[dict] | None = None) -> tuple[Answer, list[Hit]]:
        started = time.perf_counter()
        hits = self.retrieve(question)
        retrieved = time.perf_counter()
        cited = [self._citation(1, hits[0])] if hits else []
        related = [self._citation(n, hit) for n, hit in enumerate(hits[1:], start=2)]
        answer = f"{hits[0].record.text}[1]" if hits else ""
        done = time.perf_counter()
        timings = {"retrieve": (retrieved - started) * 1000, "answer": (done - retrieved) * 1000,
                   "total": (done - started) * 1000}
        return Answer(question=question, answer=answer, citations=cited, related=related,
                      resolved_question=question, timings=timings), hits

    @staticmethod
    def _citation(n: int, hit: Hit) -> Citation:
        record = hit.record
        return Citation(
            n=n, doc=record.doc, sentence_id=record.id, text=record.text,
            section="", score=hit.score, title=record.title,
        )
