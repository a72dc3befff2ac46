"""A generation: the segments in use, which of their rows are live, and the corpus statistics.

The indexer writes a new generation after each batch of documents and flips the file
`CURRENT` to it with an atomic rename; readers load whatever `CURRENT` names, so a
reader never sees half a generation, and notices a new one by the file's content.
Segments are immutable and shared between generations; live masks and statistics are
per generation. Old generations and unreferenced segments are removed after a flip
(a reader that still maps them keeps its open files).
"""
from __future__ import annotations

import json
import math
import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from .segment import Segment, load_segment

KEEP_GENERATIONS = 2


@dataclass
class Generation:
    """A consistent, read-only view of the lexical and vector index."""

    folder: Path
    number: int
    segments: list[Segment]
    live: list[np.ndarray]  # bool per local row: the sentence still exists in the catalogue
    dim: int
    n_live: int
    avgdl: float
    vmean: np.ndarray  # mean vector of live rows
    vsecond: np.ndarray  # mean outer product of live rows
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def __post_init__(self) -> None:
        self.offsets = np.cumsum([0] + [len(s) for s in self.segments])[:-1].astype(np.int64)
        self.live_all = np.concatenate(self.live) if self.live else np.zeros(0, bool)
        self.doc_all = np.concatenate([np.asarray(s.doc) for s in self.segments]) if self.segments \
            else np.zeros(0, np.int32)

    @property
    def total(self) -> int:
        return int(sum(len(s) for s in self.segments))

    def locate(self, i: int) -> tuple[Segment, int]:
        """The segment and local row of a global row index."""
        k = int(np.searchsorted(self.offsets, i, side="right")) - 1
        return self.segments[k], int(i - self.offsets[k])

    def _gather(self, rows: np.ndarray, key: str, out: np.ndarray) -> np.ndarray:
        """Fill `out` with the rows' values of one per-row array, one segment at a time."""
        rows = np.asarray(rows, dtype=np.int64)
        which = np.searchsorted(self.offsets, rows, side="right") - 1
        for k in np.unique(which):
            sel = which == k
            out[sel] = getattr(self.segments[k], key)[rows[sel] - self.offsets[k]]
        return out

    def sid(self, rows: np.ndarray) -> np.ndarray:
        """Catalogue sentence row of each global row."""
        return self._gather(rows, "sid", np.empty(len(rows), dtype=np.int64))

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        return self._gather(rows, "vec", np.empty((len(rows), self.dim), dtype=np.float32))

    def cosines(self, q: np.ndarray) -> np.ndarray:
        """Cosine of every global row with the unit vector q, segment by segment straight from the
        memory map (gathering the rows first would copy every vector)."""
        if not self.segments:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate([np.asarray(seg.vec) @ q for seg in self.segments]).astype(np.float32, copy=False)

    @cached_property
    def centroids(self) -> np.ndarray:
        """One unit vector per catalogue document id: the direction of its live sentences' mean (zeros for an id
        with none). Computed on first use and kept: the generation is read-only."""
        total = np.zeros((int(self.doc_all.max()) + 1 if len(self.doc_all) else 1, self.dim), dtype=np.float64)
        for seg, live in zip(self.segments, self.live):
            rows = np.flatnonzero(live)
            if not len(rows):
                continue
            docs = np.asarray(seg.doc)[rows]
            if len(rows) == len(seg) and np.all(docs[1:] >= docs[:-1]):
                vectors = np.asarray(seg.vec)  # the usual case: read straight from the memory map
            else:
                order = np.argsort(docs, kind="stable")
                docs, vectors = docs[order], np.asarray(seg.vec)[rows[order]]
            starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
            total[docs[starts]] += np.add.reduceat(vectors, starts, axis=0)
        norms = np.linalg.norm(total, axis=1, keepdims=True)
        return (total / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def index_of_sid(self, sids: np.ndarray) -> np.ndarray:
        """Global row of each catalogue sentence row (-1 when not here). Sids ascend within a segment."""
        out = np.full(len(sids), -1, dtype=np.int64)
        for seg, off in zip(self.segments, self.offsets):
            pos = np.searchsorted(seg.sid, sids)
            pos = np.minimum(pos, max(len(seg) - 1, 0))
            hit = (np.asarray(seg.sid)[pos] == sids) if len(seg) else np.zeros(len(sids), bool)
            out[hit] = off + pos[hit]
        return out

    def cosine_stats(self, query: np.ndarray) -> tuple[float, float]:
        """Mean and standard deviation of the query's cosine over every live sentence, exactly."""
        mean = float(query @ self.vmean)
        var = float(query @ self.vsecond @ query) - mean * mean
        return mean, math.sqrt(max(var, 1e-12))

    def document_frequency(self, term: int) -> int:
        """Sentences holding the term (live or not: a statistic, not a filter)."""
        return sum(len(seg.postings(term)[0]) for seg in self.segments)

    def has_term(self, term: int) -> bool:
        return any(seg.has(term) for seg in self.segments)

    def bm25(self, query_terms: dict[int, int], k1: float, b: float) -> np.ndarray:
        """BM25 (Lucene's idf and length normalisation) of every row; dead rows score 0."""
        out = np.zeros(self.total, dtype=np.float32)
        if not self.n_live:
            return out
        for term, count in query_terms.items():
            parts, df = [], 0
            for seg, live, off in zip(self.segments, self.live, self.offsets):
                rows, tf = seg.postings(term)
                if len(rows):
                    keep = live[rows]
                    rows, tf = rows[keep], tf[keep]
                    parts.append((seg, off, rows, tf))
                    df += len(rows)
            if not df:
                continue
            idf = math.log(1.0 + (self.n_live - df + 0.5) / (df + 0.5))
            for seg, off, rows, tf in parts:
                tf = tf.astype(np.float32)
                norm = k1 * (1.0 - b + b * np.asarray(seg.dl)[rows] / self.avgdl)
                out[off + rows] += count * idf * tf / (tf + norm)
        return out


def _current(folder: Path) -> Path | None:
    try:
        name = (folder / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return folder / name if name else None


def current_name(folder: Path) -> str:
    """What CURRENT names now ('' when there is no generation): cheap, for noticing a rebuild."""
    path = _current(folder)
    return path.name if path else ""


def load_generation(folder: Path) -> Generation | None:
    """The current generation, or None when the index has none yet."""
    manifest_path = _current(folder)
    if manifest_path is None:
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    segments = [load_segment(folder / "segments", name) for name in manifest["segments"]]
    live = [np.load(folder / "live" / f, mmap_mode="r") for f in manifest["live"]]
    stats = np.load(folder / manifest["stats"])
    return Generation(folder, manifest["generation"], segments, [np.asarray(x, bool) for x in live],
                      manifest["dim"], manifest["n_live"], manifest["avgdl"], stats["vmean"], stats["vsecond"])


def commit_generation(folder: Path, segments: list[Segment], existing_sids: np.ndarray, dim: int) -> int:
    """Write a generation over `segments` whose live rows are those in `existing_sids`; flip CURRENT."""
    previous = load_manifest_number(folder)
    number = previous + 1
    (folder / "live").mkdir(parents=True, exist_ok=True)
    live_names, live_masks = [], []
    vsum, vsq, n, dl_sum = np.zeros(dim), np.zeros((dim, dim)), 0, 0.0
    for seg in segments:
        mask = np.isin(np.asarray(seg.sid), existing_sids)
        name = f"{number:06d}-{seg.name}.npy"
        np.save(folder / "live" / name, mask)
        live_names.append(name)
        live_masks.append(mask)
        dead = ~mask
        if dead.any():  # the segment's sums, minus its dead rows
            v = np.asarray(seg.vec)[dead].astype(np.float32)
            vsum += seg.vsum - v.sum(axis=0, dtype=np.float64)
            vsq += seg.vsq - (v.T @ v).astype(np.float64)
        elif len(seg):
            vsum += seg.vsum
            vsq += seg.vsq
        n += int(mask.sum())
        dl_sum += float(np.asarray(seg.dl)[mask].sum())
    stats = f"stats-{number:06d}.npz"
    np.savez(folder / stats, vmean=vsum / max(n, 1), vsecond=vsq / max(n, 1))
    manifest = {"generation": number, "segments": [s.name for s in segments], "live": live_names,
                "stats": stats, "dim": dim, "n_live": n, "avgdl": dl_sum / max(n, 1)}
    name = f"gen-{number:06d}.json"
    _write_atomic(folder / name, json.dumps(manifest, ensure_ascii=False, indent=1))
    _write_atomic(folder / "CURRENT", name)
    _collect_garbage(folder, number)
    return number


def load_manifest_number(folder: Path) -> int:
    path = _current(folder)
    if path is None or not path.exists():
        return 0
    return int(json.loads(path.read_text(encoding="utf-8"))["generation"])


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _collect_garbage(folder: Path, number: int) -> None:
    """Remove generations older than the last KEEP_GENERATIONS and segments none of them uses."""
    keep_from = number - KEEP_GENERATIONS + 1
    used: set[str] = set()
    for manifest in folder.glob("gen-*.json"):
        n = int(manifest.stem.split("-")[1])
        if n < keep_from:
            manifest.unlink(missing_ok=True)
            continue
        used |= set(json.loads(manifest.read_text(encoding="utf-8"))["segments"])
    for f in [*(folder / "live").glob("*.npy"), *folder.glob("stats-*.npz")]:
        digits = f.name.split("-")[1 if f.name.startswith("stats") else 0].split(".")[0]
        if int(digits) < keep_from:
            f.unlink(missing_ok=True)
    for seg in (folder / "segments").glob("*"):
        if seg.name not in used:
            shutil.rmtree(seg, ignore_errors=True)
