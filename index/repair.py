"""`python -m index repair`: refill the vector store from the index's own copy of the vectors.

The lexical index keeps every sentence's vector beside its terms, so a lost, truncated or
emptied Chroma store (or a new Chroma server) is restored without re-embedding anything.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np

from .embed import model_label
from .generation import load_generation
from .library import Library
from .store import VectorStore, open_client

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)


def repair_vectors(settings: Settings) -> int:
    """Upsert every visible sentence's vector into the store; returns how many were written."""
    library = Library(settings.library_file)
    generation = load_generation(settings.index_dir)
    if generation is None:
        raise FileNotFoundError("no index generation to repair from: run `python -m index build`")
    try:
        store = VectorStore(open_client(settings), settings.collection, model_label(settings),
                            ef_search=settings.hnsw_ef_search)
    except Exception:  # noqa: BLE001 - an unreadable embedded store is moved aside and made anew
        if settings.chroma_url:
            raise
        broken = settings.chroma_dir.with_name(settings.chroma_dir.name + ".broken")
        log.warning("The vector store cannot be opened; moving it to %s", broken)
        import shutil

        shutil.rmtree(broken, ignore_errors=True)
        settings.chroma_dir.rename(broken)
        store = VectorStore(open_client(settings), settings.collection, model_label(settings),
                            ef_search=settings.hnsw_ef_search)
    written = 0
    for doc in library.documents("status = 'indexed'"):
        rows = library.version_rows(doc.version)
        where = generation.index_of_sid(np.array([r.row for r in rows], dtype=np.int64))
        keep = [i for i, w in enumerate(where) if w >= 0]
        if len(keep) != len(rows):
            log.warning("%s: %d sentences are not in the index; rebuild it", doc.path, len(rows) - len(keep))
        store.upsert([rows[i] for i in keep], generation.vectors(where[keep]))
        written += len(keep)
    if store.count() > written:  # records no visible sentence owns: read the ids page by page and drop them
        visible = {r.id for d in library.documents("status = 'indexed'") for r in library.version_rows(d.version)}
        extra, offset = [], 0
        while True:
            ids = store.collection.get(include=[], limit=store.batch, offset=offset)["ids"]
            if not ids:
                break
            extra += [i for i in ids if i not in visible]
            offset += len(ids)
        for i in range(0, len(extra), store.batch):
            store.collection.delete(ids=extra[i:i + store.batch])
    return written
