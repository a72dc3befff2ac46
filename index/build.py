"""Incremental build: unchanged files cost nothing, changed files re-embed only new sentences."""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .embed import build_embeddings, model_label
from .load import load_seeds
from .split import split_document
from .store import SentenceStore
from .tokens import TOKENS_VERSION, index_terms
from .types import Embedded, Sentence

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from settings import Settings

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did; written to the data folder and printed by `python -m index`."""

    model: str
    documents: int = 0
    sentences: int = 0
    embedded: int = 0
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    finished: str = ""


def embed_sentences(sentences: list[Sentence], embedder: Embeddings, cache: dict[str, list[float]]) -> Embedded:
    """Vectors for each sentence, reusing cached vectors of identical text."""
    todo = sorted({s.text for s in sentences if s.text not in cache})
    fresh = dict(zip(todo, embedder.embed_documents(todo))) if todo else {}
    vectors = [cache.get(s.text) or fresh[s.text] for s in sentences]
    tokens = [" ".join(index_terms(s.text)) for s in sentences]
    return Embedded(sentences=sentences, vectors=vectors, tokens=tokens)


def build_index(
    settings: Settings, paths: Iterable[Path] | None = None, progress: Callable[[str], None] | None = None
) -> BuildReport:
    """Bring the store in line with the seed files; returns what changed."""
    started = time.perf_counter()
    say = progress or (lambda msg: log.info("%s", msg))
    store = SentenceStore(settings.chroma_dir, settings.collection, model_label(settings))
    docs, skipped = load_seeds(list(paths) if paths else [settings.seeds_dir])
    report = BuildReport(model=settings.embedding_model, skipped=[f"{s.name}: {s.reason}" for s in skipped])
    stored = store.digests()
    embedder: Embeddings | None = None
    for i, doc in enumerate(docs, 1):
        if stored.get(doc.name) == {f"{doc.digest}/{TOKENS_VERSION}"}:
            report.unchanged.append(doc.name)
            continue
        if embedder is None:
            say("Loading the embedding model (first run materialises it; this takes a while)…")
            embedder = build_embeddings(settings)
        sentences = split_document(doc)
        cache = store.vectors_by_text(doc.name)
        say(f"[{i}/{len(docs)}] {doc.name}: embedding {sum(s.text not in cache for s in sentences)} sentences")
        embedded = embed_sentences(sentences, embedder, cache)
        store.replace_doc(doc.name, embedded)
        report.updated.append(doc.name)
        report.embedded += len({s.text for s in sentences if s.text not in cache})
    if paths is None:  # a full build: files gone from the seeds folder leave the index
        current = {d.name for d in docs}
        for name in sorted(set(stored) - current):
            store.delete_doc(name)
            report.removed.append(name)
    report.documents = len(store.digests())
    report.sentences = store.count()
    report.seconds = round(time.perf_counter() - started, 3)
    report.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
    settings.build_record.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def last_build(settings: Settings) -> dict | None:
    """The record the last build wrote, if any."""
    try:
        return json.loads(settings.build_record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def index_exists(settings: Settings) -> bool:
    return last_build(settings) is not None and settings.chroma_dir.exists()
