"""An immutable segment of the lexical and vector index, written once and read memory-mapped.

A segment holds a batch of sentences: an inverted index of their lexical terms (term
hashes sorted, postings per term with term frequencies), their lengths, their catalogue
rows and documents, their vectors and the vector sums the fusion statistics need.
Nothing in it is read into Python objects: arrays are memory-mapped and searched with numpy.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_ARRAYS = ("terms", "indptr", "post_rows", "post_tf", "dl", "sid", "doc", "vec", "vsum", "vsq")


def term_hash(term: str) -> int:
    """A stable 64-bit id of a lexical term (the same in every process and build)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


class TermHasher:
    """term_hash with a bounded cache: indexing hashes the same words millions of times."""

    def __init__(self, limit: int = 2_000_000):
        self.cache: dict[str, int] = {}
        self.limit = limit

    def __call__(self, terms: list[str]) -> np.ndarray:
        cache = self.cache
        if len(cache) > self.limit:
            cache.clear()
        out = np.empty(len(terms), dtype=np.uint64)
        for i, t in enumerate(terms):
            h = cache.get(t)
            if h is None:
                h = cache[t] = term_hash(t)
            out[i] = h
        return out


@dataclass
class Segment:
    """A loaded segment (arrays memory-mapped)."""

    name: str
    terms: np.ndarray  # uint64, sorted unique term hashes
    indptr: np.ndarray  # int64, postings of terms[i] are [indptr[i], indptr[i+1])
    post_rows: np.ndarray  # int32, local row of each posting
    post_tf: np.ndarray  # uint16, term frequency of each posting
    dl: np.ndarray  # float32, terms per row
    sid: np.ndarray  # int64, catalogue sentence row of each local row
    doc: np.ndarray  # int32, catalogue document id of each local row
    vec: np.ndarray  # float32, one normalised vector per row
    vsum: np.ndarray  # float64, sum of the rows' vectors
    vsq: np.ndarray  # float64, sum of outer products (for the spread of cosines)

    def __len__(self) -> int:
        return len(self.sid)

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        """(local rows, term frequencies) of one term hash; empty arrays when absent."""
        i = int(np.searchsorted(self.terms, np.uint64(term)))
        if i < len(self.terms) and int(self.terms[i]) == term:
            a, b = int(self.indptr[i]), int(self.indptr[i + 1])
            return self.post_rows[a:b], self.post_tf[a:b]
        return self.post_rows[:0], self.post_tf[:0]

    def has(self, term: int) -> bool:
        i = int(np.searchsorted(self.terms, np.uint64(term)))
        return i < len(self.terms) and int(self.terms[i]) == term


def build_arrays(term_lists: list[np.ndarray], sid: np.ndarray, doc: np.ndarray,
                 vectors: np.ndarray) -> dict[str, np.ndarray]:
    """The arrays of a segment from each row's term hashes (with repeats), rows and vectors."""
    lengths = np.fromiter((len(t) for t in term_lists), dtype=np.int64, count=len(term_lists))
    flat = np.concatenate(term_lists) if term_lists else np.zeros(0, np.uint64)
    rows = np.repeat(np.arange(len(term_lists), dtype=np.int32), lengths)
    order = np.lexsort((rows, flat))
    flat, rows = flat[order], rows[order]
    if len(flat):  # collapse (term, row) repeats into term frequencies
        new = np.ones(len(flat), dtype=bool)
        new[1:] = (flat[1:] != flat[:-1]) | (rows[1:] != rows[:-1])
        starts = np.flatnonzero(new)
        tf = np.diff(np.append(starts, len(flat)))
        flat, rows = flat[starts], rows[starts]
    else:
        tf = np.zeros(0, np.int64)
    terms, first = np.unique(flat, return_index=True)
    vec = np.asarray(vectors, dtype=np.float32)
    return {
        "terms": terms.astype(np.uint64), "indptr": np.append(first, len(flat)).astype(np.int64),
        "post_rows": rows.astype(np.int32), "post_tf": np.minimum(tf, 65535).astype(np.uint16),
        "dl": lengths.astype(np.float32), "sid": np.asarray(sid, np.int64), "doc": np.asarray(doc, np.int32),
        "vec": vec, **vector_sums(vec),
    }


def vector_sums(vec: np.ndarray) -> dict[str, np.ndarray]:
    """Sum and sum of outer products of the rows (float32 products, float64 totals)."""
    dim = vec.shape[1] if vec.ndim == 2 else 0
    if not len(vec):
        return {"vsum": np.zeros(dim), "vsq": np.zeros((dim, dim))}
    return {"vsum": vec.sum(axis=0, dtype=np.float64), "vsq": (vec.T @ vec).astype(np.float64)}


def write_segment(folder: Path, name: str, arrays: dict[str, np.ndarray]) -> Path:
    """Write a segment atomically: a temporary folder renamed into place when complete."""
    final = folder / name
    tmp = folder / f".{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for key in _ARRAYS:
        np.save(tmp / f"{key}.npy", arrays[key])
    (tmp / "segment.json").write_text(json.dumps({"rows": int(len(arrays["sid"]))}), encoding="utf-8")
    for f in tmp.iterdir():
        with f.open("rb") as fh:
            os.fsync(fh.fileno())
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
    return final


def load_segment(folder: Path, name: str) -> Segment:
    path = folder / name
    if not (path / "segment.json").exists():
        raise FileNotFoundError(f"index segment {path} is incomplete")
    arrays = {key: np.load(path / f"{key}.npy", mmap_mode="r") for key in _ARRAYS}
    arrays["vsum"], arrays["vsq"] = np.asarray(arrays["vsum"]), np.asarray(arrays["vsq"])
    return Segment(name=name, **arrays)


def merge_arrays(segments: list[Segment], live: list[np.ndarray]) -> dict[str, np.ndarray]:
    """One segment's arrays from several, keeping only live rows (postings regrouped by term)."""
    terms_all, rows_all, tf_all = [], [], []
    offset = 0
    for seg, keep in zip(segments, live):
        new_row = np.cumsum(keep, dtype=np.int64) - 1 + offset  # old local row -> merged row
        per_term = np.diff(seg.indptr)
        t = np.repeat(np.asarray(seg.terms), per_term)
        r = np.asarray(seg.post_rows)
        alive = keep[r]
        terms_all.append(t[alive])
        rows_all.append(new_row[r[alive]])
        tf_all.append(np.asarray(seg.post_tf)[alive])
        offset += int(keep.sum())
    flat = np.concatenate(terms_all) if terms_all else np.zeros(0, np.uint64)
    rows = np.concatenate(rows_all) if rows_all else np.zeros(0, np.int64)
    tf = np.concatenate(tf_all) if tf_all else np.zeros(0, np.uint16)
    order = np.lexsort((rows, flat))
    flat, rows, tf = flat[order], rows[order], tf[order]
    terms, first = np.unique(flat, return_index=True)
    vec = np.concatenate([np.asarray(s.vec)[k] for s, k in zip(segments, live)]).astype(np.float32)
    return {
        "terms": terms.astype(np.uint64), "indptr": np.append(first, len(flat)).astype(np.int64),
        "post_rows": rows.astype(np.int32), "post_tf": tf.astype(np.uint16),
        "dl": np.concatenate([np.asarray(s.dl)[k] for s, k in zip(segments, live)]),
        "sid": np.concatenate([np.asarray(s.sid)[k] for s, k in zip(segments, live)]),
        "doc": np.concatenate([np.asarray(s.doc)[k] for s, k in zip(segments, live)]),
        "vec": vec, **vector_sums(vec),
    }
