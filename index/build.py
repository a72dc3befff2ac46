"""The build: bring the catalogue, the vector store and the lexical index in line with the files.

Streaming and resumable. Files are read one at a time and written in batches; each
batch becomes visible only when it is complete (rows staged, vectors written and
counted, segment and generation written, then the catalogue flips each document to its
new version in one transaction). A build killed at any moment leaves the previous
versions served; the next build removes what the killed one left half-written and
redoes it. Unchanged files (same bytes, same pipeline) cost one hash each.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from prompts import render

from .batch import BatchWriter
from .discover import discover
from .embed import model_label, same_model
from .generation import load_generation
from .library import Library
from .prepare import PIPELINE, prepare
from .readers import Unreadable, read_file
from .records import DocMeta
from .repeals import REPEALED_KEY, superseded
from .report import BuildReport, finish_report
from .store import VectorStore, open_client

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _open_catalogue(settings: Settings) -> Library:
    """The catalogue; a damaged file is moved aside (as .broken) and a new one started."""
    try:
        library = Library(settings.library_file)
        library.check()
        return library
    except sqlite3.DatabaseError as exc:
        log.warning("The catalogue %s is damaged (%s): starting a new one", settings.library_file, exc)
        for side in ("", "-wal", "-shm"):
            path = Path(f"{settings.library_file}{side}")
            if path.exists():
                path.replace(path.with_name(path.name + ".broken"))
        return Library(settings.library_file)


def open_for_build(settings: Settings) -> tuple[Library, VectorStore]:
    """The catalogue and the store, reset together when the embedding model changed or the
    catalogue is new (its row numbers would not match what the index and store hold)."""
    library = _open_catalogue(settings)
    store = VectorStore(open_client(settings), settings.collection, model_label(settings),
                        ef_search=settings.hnsw_ef_search)
    recorded = library.get_meta("model")
    changed = not same_model(recorded, store.model) or not same_model(store.stored_model, store.model)
    if changed or not recorded:
        if changed:
            log.warning("Embedding model changed (%s -> %s): re-embedding everything", recorded, store.model)
        if store.count():
            store.reset()
        with library.transaction() as con:
            con.execute("DELETE FROM sentences")
            con.execute("DELETE FROM pending")
            con.execute("UPDATE documents SET version = '', status = 'pending', digest = ''")
        shutil.rmtree(settings.index_dir, ignore_errors=True)
    library.set_meta("model", store.model)
    return library, store


def clean_pending(library: Library, store: VectorStore) -> int:
    """Remove records a killed build left half-written, and versions replaced but not yet deleted."""
    pending = library.pending()
    for version, _doc in pending:
        store.delete_version(version)
        library.forget_pending(version)
    return len(pending)


def build_index(settings: Settings, paths: Iterable[Path] | None = None, progress: Progress | None = None,
                *, show_bar: bool = False) -> BuildReport:
    """Index the seeds folder (or the given files and folders); returns what changed."""
    started = time.perf_counter()
    say = progress or (lambda msg: log.info("%s", msg))
    library, store = open_for_build(settings)
    report = BuildReport(model=settings.embedding_model)
    report.cleaned = clean_pending(library, store)
    full = paths is None
    files = discover([settings.seeds_dir] if full else list(paths), settings.seeds_dir)
    writer = BatchWriter(settings, library, store, say, show_bar=show_bar, total_files=len(files))
    seen: dict[str, str] = {}  # digest -> first path with that content
    for path, name in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            _skip(library, report, name, "", render("skip_unreadable", error=exc.strerror or str(exc)))
            continue
        digest = file_digest(data)
        if digest in seen:
            _skip(library, report, name, digest, render("skip_duplicate", original=seen[digest]))
            continue
        seen[digest] = name
        old = library.by_path(name)
        if old and old.digest == digest and old.pipeline == PIPELINE and old.status in ("indexed", "skipped"):
            (report.unchanged if old.status == "indexed" else report.skipped_unchanged).append(name)
            writer.tick()
            continue
        try:
            extracted = read_file(path, max_bytes=settings.max_file_bytes, ocr=settings.ocr)
        except Unreadable as exc:
            _skip(library, report, name, digest, str(exc))
            writer.tick()
            continue
        prepared = prepare(name, digest, extracted)
        if not prepared.rows:
            _skip(library, report, name, digest, render("skip_no_sentences"))
            writer.tick()
            continue
        writer.add(prepared)
    writer.flush()
    report.embedded, report.updated = writer.embedded, writer.written
    if full:
        current = {name for _p, name in files}
        for doc in library.documents():
            if doc.path not in current:
                if library.remove_document(doc.id):
                    report.removed.append(doc.path)
        clean_pending(library, store)
    mark_latest(library)  # before the final generation, so the app's default filter reads the new flags
    if writer.written or report.removed or report.cleaned or report.skipped or writer.generation is None:
        writer.commit(final=True)
    writer.close()
    library.checkpoint()
    return finish_report(report, settings, library, store, started)


def _skip(library: Library, report: BuildReport, name: str, digest: str, reason: str) -> None:
    """Record a file that cannot be indexed; a previously indexed version of it stops being served."""
    old = library.by_path(name)
    if old and old.status == "indexed" and old.version:
        library.remove_document(old.id)
    library.save_document(DocMeta(path=name, status="skipped", reason=reason, digest=digest, pipeline=PIPELINE))
    report.skipped.append(f"{name}: {reason}")
    log.warning("Skipped %s: %s", name, reason)


def mark_latest(library: Library) -> None:
    """Per short title, the documents with the latest version date are answered from by default
    (several when one document comes in parts, like the 民法典's 编), unless a later document of the library
    repeals them ("《…暂行条例》同时废止", index/repeals.py)."""
    families: dict[str, list[DocMeta]] = {}
    indexed = library.documents("status = 'indexed'")
    for doc in indexed:
        families.setdefault(doc.short_title or doc.path, []).append(doc)
    repealed = superseded(indexed, library.texts_containing("废止"))
    latest = []
    for docs in families.values():
        newest = max(d.version_date for d in docs)
        latest += [d.id for d in docs if d.version_date == newest and d.id not in repealed]
    library.set_latest(latest)
    library.set_meta(REPEALED_KEY, json.dumps({str(old): new for old, new in sorted(repealed.items())}))


def index_exists(settings: Settings) -> bool:
    """True when a catalogue and a generation exist (not whether they are healthy: see health)."""
    return settings.library_file.exists() and load_generation(settings.index_dir) is not None


def last_build(settings: Settings) -> dict | None:
    import json

    try:
        return json.loads(settings.build_record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
