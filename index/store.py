"""The Chroma collection of sentences: what the indexer writes and what it asks before writing."""
from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

from .types import Embedded

log = logging.getLogger(__name__)


def open_client(chroma_dir: Path):
    """A persistent Chroma client; importing chromadb lazily keeps `--help` fast."""
    try:
        import chromadb
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("The index needs chromadb: pip install -r requirements.txt") from exc
    chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(chroma_dir))


class SentenceStore:
    """One Chroma collection, one record per sentence, cosine distance, vectors supplied by us."""

    def __init__(self, chroma_dir: Path, collection: str, model: str):
        self.client = open_client(chroma_dir)
        self.name = collection
        self.model = model
        existing = {c.name for c in self.client.list_collections()}
        if collection in existing:
            stored = (self.client.get_collection(collection).metadata or {}).get("model")
            if stored != model:
                log.warning("Embedding model changed (%s -> %s): re-embedding everything", stored, model)
                self.client.delete_collection(collection)
        # embedding_function=None: Chroma must never fall back to its own downloaded model.
        self.collection = self.client.get_or_create_collection(
            collection, configuration={"hnsw": {"space": "cosine"}},
            metadata={"model": model}, embedding_function=None,
        )

    def digests(self) -> dict[str, set[str]]:
        """For each stored document, the content digests its sentences carry (one when consistent)."""
        found: dict[str, set[str]] = defaultdict(set)
        for meta in self.collection.get(include=["metadatas"])["metadatas"] or []:
            found[str(meta["doc"])].add(f'{meta["doc_digest"]}/{meta.get("tokens_version", "")}')
        return dict(found)

    def vectors_by_text(self, doc: str) -> dict[str, list[float]]:
        """Vectors already stored for a document's sentences, keyed by text, so edits re-embed only new text."""
        got = self.collection.get(where={"doc": doc}, include=["documents", "embeddings"])
        texts = got["documents"] or []
        vectors = got["embeddings"] if got["embeddings"] is not None else []
        return {t: list(map(float, v)) for t, v in zip(texts, vectors)}

    def replace_doc(self, doc: str, embedded: Embedded) -> None:
        """Swap a document's records for new ones."""
        self.delete_doc(doc)
        sentences = embedded.sentences
        for i in range(0, len(sentences), 500):
            part = slice(i, i + 500)
            self.collection.add(
                ids=[s.id for s in sentences[part]],
                embeddings=embedded.vectors[part],
                documents=[s.text for s in sentences[part]],
                metadatas=[s.metadata(t) for s, t in zip(sentences[part], embedded.tokens[part])],
            )

    def delete_doc(self, doc: str) -> None:
        self.collection.delete(where={"doc": doc})

    def count(self) -> int:
        return self.collection.count()
