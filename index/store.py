"""The Chroma collection of sentence vectors: embedded on disk, or a Chroma server (`chroma_url`).

One record per sentence: id `<version>-<n>`, its vector, its text, and as metadata the
catalogue row, document and version. Writes are upserts, so redoing a batch after a
crash leaves no duplicates; a version's records are counted after writing and removed
by version.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import numpy as np

from .records import SentenceRow

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)


def open_client(settings: Settings):
    """A Chroma client: HttpClient when `chroma_url` is set, else a PersistentClient in the data folder."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("The index needs chromadb: pip install -r requirements.txt") from exc
    quiet = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=quiet)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=quiet)


class VectorStore:
    """The sentence collection; `model` labels the vectors so a model change re-embeds everything.
    `ef_search` (HNSW candidates explored per search) is set on the collection before its first search:
    Chroma reads it when it loads the index, and keeps it with the collection."""

    def __init__(self, client, collection: str, model: str, *, create: bool = True, ef_search: int | None = None):
        self.client, self.name, self.model, self.ef_search = client, collection, model, ef_search
        self.batch = max(1, min(5000, client.get_max_batch_size()))
        if create:
            self.collection = client.get_or_create_collection(
                collection, configuration=self._configuration(), metadata={"model": model}, embedding_function=None)
        else:
            self.collection = client.get_collection(collection, embedding_function=None)
        self._tune()

    def _configuration(self) -> dict:
        hnsw = {"space": "cosine"} | ({"ef_search": self.ef_search} if self.ef_search else {})
        return {"hnsw": hnsw}

    def _tune(self) -> None:
        """Bring the collection's ef_search to the wanted value (an index built with another keeps its own)."""
        if not self.ef_search:
            return
        current = ((self.collection.configuration or {}).get("hnsw") or {}).get("ef_search")
        if current == self.ef_search:
            return
        try:
            self.collection.modify(configuration={"hnsw": {"ef_search": self.ef_search}})
        except Exception as exc:  # noqa: BLE001 - a read-only store or an older server: search as configured
            log.warning("Could not set the vector index's ef_search to %d (%s); it stays %s",
                        self.ef_search, exc, current)

    @property
    def stored_model(self) -> str | None:
        return (self.collection.metadata or {}).get("model")

    def reset(self) -> None:
        """Drop every record (the model changed): the collection is created anew."""
        self.client.delete_collection(self.name)
        self.collection = self.client.get_or_create_collection(
            self.name, configuration=self._configuration(), metadata={"model": self.model}, embedding_function=None)

    def upsert(self, rows: Sequence[SentenceRow], vectors: np.ndarray) -> None:
        for i in range(0, len(rows), self.batch):
            part = rows[i:i + self.batch]
            self.collection.upsert(
                ids=[r.id for r in part], embeddings=np.asarray(vectors[i:i + self.batch], dtype=np.float32),
                documents=[r.text for r in part],
                metadatas=[{"row": r.row, "doc": r.doc, "version": r.version, "n": r.n} for r in part])

    def count_version(self, version: str) -> int:
        return len(self.collection.get(where={"version": version}, include=[])["ids"])

    def delete_version(self, version: str) -> None:
        self.collection.delete(where={"version": version})

    def count(self) -> int:
        return self.collection.count()

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(sentence id, cosine) of the k nearest records. Only ids and distances are read: fetching
        metadata, or counting the collection first, each cost Chroma about 6 ms a question."""
        if k <= 0:
            return []
        try:
            got = self.collection.query(query_embeddings=[np.asarray(vector, np.float32)], n_results=k,
                                        include=["distances"])
        except Exception:  # noqa: BLE001 - an empty collection refuses a query in some Chroma versions
            if self.collection.count():
                raise
            return []
        return [(sid, 1.0 - float(d)) for sid, d in zip(got["ids"][0], got["distances"][0])]
