"""The memory-mapped index (index/segment.py, index/generation.py) against brute force:
BM25 scores, live rows, merging, the exact cosine statistics, atomic generations."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from index.generation import commit_generation, current_name, load_generation
from index.segment import TermHasher, build_arrays, load_segment, merge_arrays, write_segment

K1, B = 1.2, 0.5
WORDS = [f"w{i}" for i in range(40)]


def corpus(seed: int, n: int, start_sid: int) -> tuple[list[list[str]], np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    docs = [list(rng.choice(WORDS, size=int(rng.integers(1, 12)))) for _ in range(n)]
    vectors = rng.standard_normal((n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return docs, np.arange(start_sid, start_sid + n, dtype=np.int64), rng.integers(1, 5, n).astype(np.int32), vectors


def brute_bm25(docs: list[list[str]], query: list[str]) -> np.ndarray:
    n, avgdl = len(docs), sum(map(len, docs)) / len(docs)
    out = np.zeros(n)
    for term in set(query):
        df = sum(term in d for d in docs)
        if not df:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for i, d in enumerate(docs):
            tf = d.count(term)
            out[i] += query.count(term) * idf * tf / (tf + K1 * (1 - B + B * len(d) / avgdl))
    return out


def make(folder: Path, name: str, docs, sid, doc, vec):
    hasher = TermHasher()
    write_segment(folder / "segments", name, build_arrays([hasher(d) for d in docs], sid, doc, vec))
    return load_segment(folder / "segments", name)


def query_terms(words: list[str]) -> dict[int, int]:
    hasher = TermHasher()
    counts: dict[int, int] = {}
    for h in hasher(words):
        counts[int(h)] = counts.get(int(h), 0) + 1
    return counts


def test_bm25_over_two_segments_with_dead_rows_equals_brute_force(tmp_path: Path) -> None:
    a_docs, a_sid, a_doc, a_vec = corpus(1, 60, 1)
    b_docs, b_sid, b_doc, b_vec = corpus(2, 40, 100)
    segments = [make(tmp_path, "a", a_docs, a_sid, a_doc, a_vec), make(tmp_path, "b", b_docs, b_sid, b_doc, b_vec)]
    dead = {3, 7, 110, 139}
    existing = np.array([s for s in np.concatenate([a_sid, b_sid]) if s not in dead])
    commit_generation(tmp_path, segments, existing, dim=8)
    gen = load_generation(tmp_path)
    docs = a_docs + b_docs
    alive = [d for d, s in zip(docs, np.concatenate([a_sid, b_sid])) if s not in dead]
    query = ["w1", "w5", "w5", "w17", "absent"]
    got = gen.bm25(query_terms(query), K1, B)
    assert gen.n_live == len(alive) == 96
    assert np.allclose(got[gen.live_all], brute_bm25(alive, query), atol=1e-5)
    assert not got[~gen.live_all].any()  # dead rows never score


def test_merging_keeps_scores_and_drops_dead_rows(tmp_path: Path) -> None:
    a = corpus(3, 50, 1)
    b = corpus(4, 30, 60)
    segments = [make(tmp_path, "a", *a), make(tmp_path, "b", *b)]
    existing = np.concatenate([a[1][5:], b[1][:-3]])
    commit_generation(tmp_path, segments, existing, dim=8)
    before = load_generation(tmp_path)
    live = [np.isin(np.asarray(s.sid), existing) for s in segments]
    write_segment(tmp_path / "segments", "m", merge_arrays(segments, live))
    commit_generation(tmp_path, [load_segment(tmp_path / "segments", "m")], existing, dim=8)
    after = load_generation(tmp_path)
    assert after.total == after.n_live == before.n_live == len(existing)
    q = query_terms(["w2", "w9", "w30"])
    assert np.allclose(after.bm25(q, K1, B), before.bm25(q, K1, B)[before.live_all], atol=1e-5)
    assert np.array_equal(after.sid(np.arange(after.total)), existing)
    assert np.allclose(after.vectors(np.arange(after.total)), np.concatenate([a[3][5:], b[3][:-3]]))


def test_cosine_mean_and_spread_are_exact_over_live_rows(tmp_path: Path) -> None:
    docs, sid, doc, vec = corpus(5, 200, 1)
    existing = sid[sid % 7 != 0]
    commit_generation(tmp_path, [make(tmp_path, "a", docs, sid, doc, vec)], existing, dim=8)
    gen = load_generation(tmp_path)
    q = vec[11] * 0.6 + vec[12] * 0.8
    q /= np.linalg.norm(q)
    cos = vec[sid % 7 != 0] @ q
    mean, sd = gen.cosine_stats(q)
    assert mean == pytest.approx(float(cos.mean()), abs=1e-5)
    assert sd == pytest.approx(float(cos.std()), abs=1e-4)


def test_a_generation_flips_atomically_and_old_ones_are_collected(tmp_path: Path) -> None:
    docs, sid, doc, vec = corpus(6, 20, 1)
    seg = make(tmp_path, "a", docs, sid, doc, vec)
    names = []
    for i in range(4):
        commit_generation(tmp_path, [seg], sid[i:], dim=8)
        names.append(current_name(tmp_path))
    assert len(set(names)) == 4 and load_generation(tmp_path).n_live == 17
    assert sorted(p.name for p in tmp_path.glob("gen-*.json")) == names[-2:]  # the last two are kept
    assert not list(tmp_path.glob("*.tmp"))
    assert np.array_equal(load_generation(tmp_path).index_of_sid(np.array([5, 999])), [4, -1])


def test_document_centroids_are_the_normalised_mean_of_live_rows(tmp_path: Path) -> None:
    a_docs, a_sid, a_doc, a_vec = corpus(5, 50, 1)  # documents 1-4 in no order, some rows dead
    b_docs, b_sid, _b_doc, b_vec = corpus(6, 30, 100)
    b_doc = np.sort(np.random.default_rng(7).integers(3, 7, 30)).astype(np.int32)  # in order, all live
    segments = [make(tmp_path, "a", a_docs, a_sid, a_doc, a_vec), make(tmp_path, "b", b_docs, b_sid, b_doc, b_vec)]
    dead = {int(s) for s, d in zip(a_sid, a_doc) if d == 2} | {5, 9}  # every row of document 2 is dead
    existing = np.array([s for s in np.concatenate([a_sid, b_sid]) if s not in dead])
    commit_generation(tmp_path, segments, existing, dim=8)
    generation = load_generation(tmp_path)
    found = generation.centroids
    sids, docs, vecs = np.concatenate([a_sid, b_sid]), np.concatenate([a_doc, b_doc]), np.concatenate([a_vec, b_vec])
    for doc in range(1, 7):
        keep = (docs == doc) & np.array([s not in dead for s in sids])
        if not keep.any():
            assert not found[doc].any()  # nothing live: no direction
            continue
        mean = vecs[keep].mean(axis=0)
        assert np.allclose(found[doc], mean / np.linalg.norm(mean), atol=1e-5)
    assert not found[2].any() and len(found) == 7
    assert generation.centroids is found  # computed once per generation
