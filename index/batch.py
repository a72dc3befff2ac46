"""Writes prepared documents in batches: stage rows, embed, upsert and count, then a segment
and a generation, then publish. See index/build.py for why this order is crash-safe."""
from __future__ import annotations

import hashlib
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Callable

import numpy as np

from prompts import render

from .embed import build_embeddings
from .generation import Generation, commit_generation, load_generation
from .library import Library
from .prepare import Prepared
from .segment import TermHasher, build_arrays, load_segment, merge_arrays, write_segment
from .store import VectorStore

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
MAX_SEGMENTS = 4  # more, and the small ones are merged at the end of a build
VECTOR_CACHE = 50_000  # recent embedded texts kept, so repeated sentences are embedded once


class BuildError(RuntimeError):
    """The store did not hold what was written: the batch is not published and is redone next time."""


class BatchWriter:
    def __init__(self, settings: Settings, library: Library, store: VectorStore, say: Callable[[str], None],
                 *, show_bar: bool = False, total_files: int = 0):
        self.settings, self.library, self.store, self.say = settings, library, store, say
        self.folder = settings.index_dir
        self.embedder = None
        self.hasher = TermHasher()
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.queue: list[Prepared] = []
        self.parts: list[tuple[Prepared, np.ndarray]] = []  # embedded, waiting for their segment
        self.embedded, self.written, self.sentences = 0, [], 0
        self.started = time.perf_counter()
        self.generation: Generation | None = load_generation(self.folder)
        self.changed = False
        self.bar = None
        if show_bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total_files, unit="份", desc=render("build_bar"), smoothing=0.05)

    # --- intake ----------------------------------------------------------------------
    def tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def add(self, prepared: Prepared) -> None:
        """Queue a prepared document; its batch is embedded and written when full."""
        self.tick()
        prepared.meta.id = self.library.ensure_document(prepared.meta.path)
        for row in prepared.rows:
            row.doc = prepared.meta.id
        self.queue.append(prepared)
        if sum(len(p.rows) for p in self.queue) >= self.settings.embed_group:
            self._embed_queue()

    # --- embedding ---------------------------------------------------------------------
    def _vectors_of_previous(self, doc_id: int) -> None:
        """Put the vectors of the document's visible version into the cache: edits re-embed only new text."""
        old = self.library.document(doc_id)
        if not old or not old.version or self.generation is None:
            return
        rows = self.library.version_rows(old.version)
        where = self.generation.index_of_sid(np.array([r.row for r in rows], dtype=np.int64))
        for r, i in zip(rows, where):
            if i >= 0 and r.ehash:
                self.cache[r.ehash] = self.generation.vectors(np.array([i]))[0]

    def _embed_queue(self) -> None:
        if not self.queue:
            return
        if self.embedder is None:
            self.say(render("build_loading_model"))
            self.embedder = build_embeddings(self.settings)
        for p in self.queue:
            self._vectors_of_previous(p.meta.id)
            for row, text in zip(p.rows, p.embed_texts):
                row.ehash = hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
        todo = {row.ehash: text for p in self.queue for row, text in zip(p.rows, p.embed_texts)
                if row.ehash not in self.cache}
        if todo:
            fresh = np.asarray(self.embedder.embed_documents(list(todo.values())), dtype=np.float32)
            for key, vector in zip(todo, fresh):
                self.cache[key] = vector
            self.embedded += len(todo)
        for p in self.queue:
            rows = self.library.stage(p.meta.id, p.meta.version, p.rows)
            for row, catalogue_row in zip(p.rows, rows):
                row.row = catalogue_row
            vectors = np.stack([self.cache[r.ehash] for r in p.rows])
            self.store.upsert(p.rows, vectors)
            stored = self.store.count_version(p.meta.version)
            if stored != len(p.rows):
                raise BuildError(f"{p.meta.path}: the vector store holds {stored} of {len(p.rows)} sentences")
            self.parts.append((p, vectors))
            self.sentences += len(p.rows)
            for row in p.rows:  # recently used texts stay cached
                self.cache.move_to_end(row.ehash)
        while len(self.cache) > VECTOR_CACHE:
            self.cache.popitem(last=False)
        self.queue = []
        self._show_rate()
        if sum(len(p.rows) for p, _v in self.parts) >= self.settings.segment_sentences:
            self._write_segment()

    def _show_rate(self) -> None:
        rate = self.sentences / max(time.perf_counter() - self.started, 1e-6)
        if self.bar is not None:
            self.bar.set_postfix_str(render("build_rate", rate=f"{rate:.0f}", sentences=self.sentences))
        self.say(render("build_progress", sentences=self.sentences, rate=f"{rate:.0f}"))

    # --- segments, generations, publishing ------------------------------------------------
    def _write_segment(self) -> None:
        if not self.parts:
            return
        rows = [r for p, _v in self.parts for r in p.rows]
        terms = [self.hasher(t) for p, _v in self.parts for t in p.terms]
        vectors = np.concatenate([v for _p, v in self.parts])
        arrays = build_arrays(terms, np.array([r.row for r in rows], np.int64),
                              np.array([r.doc for r in rows], np.int32), vectors)
        name = f"s{time.time_ns():x}"
        write_segment(self.folder / "segments", name, arrays)
        segments = (self.generation.segments if self.generation else []) + [load_segment(self.folder / "segments", name)]
        self._commit(segments, vectors.shape[1])
        for p, _v in self.parts:
            p.meta.status = "indexed"
            old = self.library.publish(p.meta)
            if old and old != p.meta.version:
                self.store.delete_version(old)
                self.library.forget_pending(old)
            self.written.append(p.meta.path)
        self.parts = []

    def _commit(self, segments: list, dim: int) -> None:
        existing = np.fromiter(self.library.existing_rows(), dtype=np.int64)
        commit_generation(self.folder, segments, existing, dim)
        self.generation = load_generation(self.folder)
        self.changed = True

    def flush(self) -> None:
        self._embed_queue()
        self._write_segment()

    def commit(self, *, final: bool = False) -> None:
        """A generation whose live rows match the catalogue now; small segments merged at the end."""
        segments = self.generation.segments if self.generation else []
        dim = self.generation.dim if self.generation else 0
        if final and len(segments) > MAX_SEGMENTS:
            existing = np.fromiter(self.library.existing_rows(), dtype=np.int64)
            live = [np.isin(np.asarray(s.sid), existing) for s in segments]
            largest = max(range(len(segments)), key=lambda i: len(segments[i]))
            dead_share = 1 - live[largest].mean() if len(segments[largest]) else 0
            merge = [i for i in range(len(segments)) if i != largest or dead_share > 0.25]
            name = f"s{time.time_ns():x}"
            write_segment(self.folder / "segments", name, merge_arrays([segments[i] for i in merge],
                                                                       [live[i] for i in merge]))
            kept = [segments[i] for i in range(len(segments)) if i not in merge]
            segments = kept + [load_segment(self.folder / "segments", name)]
            segments.sort(key=lambda s: int(s.sid[0]) if len(s) else 0)  # catalogue rows ascend across segments
        self._commit(segments, dim)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
