"""Hybrid retrieval: Chroma's nearest sentences plus persisted BM25, fused by QA_FUSION (pool by default: z-scores within the pooled candidates).

Candidates are the union of the dense neighbours (Chroma's HNSW; an exact scan of the
allowed rows when a filter leaves few) and BM25's best. Each side's score is expressed
in standard deviations above its mean over the whole index (the dense mean and spread
come exactly from the vector sums stored at build time), weighted and summed; or the
two rankings are fused by reciprocal rank (`rrf`). Nothing here grows with the corpus:
the lexical index and vectors are memory-mapped, records are fetched for candidates only.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.segment import term_hash
from index.tokens import tokenize

from .index_view import DEFAULT_FILTER, IndexView, SearchFilter
from .records import Records
from .types import Hit, SentenceRecord

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from index.store import VectorStore

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["zscore", "pool", "rrf"]


MAX_WIDENING = 8  # how many times more nearest sentences the store is asked for, at most, under a filter


@dataclass
class Retrieved:
    """The hits for one question and what each step took (per call: the retriever is shared)."""

    hits: list[Hit]
    timings: dict[str, float] = field(default_factory=dict)
    vector: np.ndarray | None = None


@dataclass(frozen=True)
class RetrievalParams:
    mode: Mode = "hybrid"
    candidates: int = 30
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    fusion: Fusion = "zscore"
    rrf_k: int = 10
    bm25_k1: float = 1.2
    bm25_b: float = 0.5
    exact_rows: int = 20000  # a filter leaving at most this many rows is searched exactly
    expand_top: int = 5  # the best hits whose neighbours and article siblings become candidates too
    expand_window: int = 1  # neighbours on each side
    expand_article: int = 12  # at most this many sentences of a hit's article


def _pool(values: np.ndarray) -> np.ndarray:
    sd = float(values.std()) if len(values) > 1 else 0.0
    return (values - values.mean()) / sd if sd > 1e-9 else np.zeros_like(values)


class HybridRetriever:
    def __init__(self, view: IndexView, store: VectorStore | None, records: Records, embeddings: Embeddings,
                 params: RetrievalParams, background: np.ndarray | None = None):
        self.view, self.store, self.records, self.embeddings = view, store, records, embeddings
        self.params, self.background = params, background
        self.weights = {"dense": params.dense_weight if params.mode != "bm25" else 0.0,
                        "bm25": params.bm25_weight if params.mode != "dense" else 0.0}

    def embed(self, query: str) -> np.ndarray:
        return np.asarray(self.embeddings.embed_query(query), dtype=np.float32)

    def retrieve(self, query: str, k: int, search: SearchFilter = DEFAULT_FILTER,
                 vector: np.ndarray | None = None, topic: np.ndarray | None = None) -> Retrieved:
        """`vector`: the dense search's direction (the query embedded when None); `topic`: the question's own
        embedding when `vector` adds other words to it: the candidates are found with `vector`, then scored
        (cosine, its z-score, the off-topic background) with `topic`, as any question is."""
        t0 = time.perf_counter()
        gen = self.view.current()
        if gen is None or not gen.n_live:
            return Retrieved([])
        q = self.embed(query) if vector is None else vector
        t1 = time.perf_counter()
        allowed = self.view.row_mask(gen, search)
        n = self.params.candidates
        dense_rank = self._dense(gen, q, allowed, n) if self.weights["dense"] else []
        searched, q = q, (q if topic is None else topic)
        t2 = time.perf_counter()
        lexical = gen.bm25(Counter(term_hash(t) for t in tokenize(query)), self.params.bm25_k1, self.params.bm25_b)
        live = lexical[gen.live_all]
        lex_mean, lex_sd = float(live.mean()), float(live.std())
        masked = np.where(allowed, lexical, 0.0)
        top = np.argpartition(-masked, min(n, len(masked) - 1))[:n] if len(masked) > n else np.arange(len(masked))
        bm25_rank = [int(i) for i in sorted(top, key=lambda i: -masked[i]) if masked[i] > 0] \
            if self.weights["bm25"] else []
        t3 = time.perf_counter()
        candidates = list(dict.fromkeys(dense_rank + bm25_rank))
        cosine = gen.vectors(np.array(candidates, dtype=np.int64)) @ q if candidates else np.zeros(0)
        mean, sd = gen.cosine_stats(q)
        dense_z = (cosine - mean) / sd
        lex_z = (lexical[candidates] - lex_mean) / lex_sd if lex_sd > 1e-9 else np.zeros(len(candidates))
        fused = self._fuse(candidates, dense_rank, bm25_rank, dense_z, lex_z)
        order = sorted(range(len(candidates)), key=lambda j: (-fused[j], -cosine[j]))
        off_topic = float((self.background @ q).max()) if self.background is not None and len(self.background) else None
        chosen = order[: k + 10]  # a few spare: stale rows are dropped below
        sids = gen.sid(np.array([candidates[j] for j in chosen], dtype=np.int64)).tolist()
        found = self.records.by_rows(sids)
        hits = []
        for j, sid in zip(chosen, sids):
            record = found.get(sid)
            if record is not None:
                hits.append(Hit(record=record, score=float(fused[j]), dense=float(cosine[j]),
                                bm25=float(lexical[candidates[j]]), dense_z=float(dense_z[j]),
                                bm25_z=float(lex_z[j]), background=off_topic, rank=len(hits) + 1))
        hits = hits[:k]
        hits += self._expand(gen, q, hits, lexical, (mean, sd), (lex_mean, lex_sd), allowed)
        hits = self._doc_ranks(gen, q, hits, search)
        t4 = time.perf_counter()
        timings = {"embed": (t1 - t0) * 1e3, "dense": (t2 - t1) * 1e3, "bm25": (t3 - t2) * 1e3,
                   "fuse_fetch": (t4 - t3) * 1e3}
        return Retrieved(hits, {key: round(v, 3) for key, v in timings.items()}, searched)

    def _doc_ranks(self, gen, q: np.ndarray, hits: list[Hit], search: SearchFilter) -> list[Hit]:
        """Each hit with how many searchable documents lie closer to the question than its own (a sentence of a
        document about something else can share the question's words; its document as a whole does not)."""
        if not hits:
            return hits
        closeness = gen.centroids @ q
        mask = self.view.doc_mask(search)
        n = min(len(mask), len(closeness))
        searched = np.sort(closeness[:n][mask[:n]])
        out = []
        for hit in hits:
            own = float(closeness[hit.record.doc_id]) if 0 <= hit.record.doc_id < len(closeness) else -1.0
            rank = len(searched) - int(np.searchsorted(searched, own, side="right"))
            out.append(hit.model_copy(update={"doc_rank": rank}))
        return out

    def cosines_of(self, query: str, records: Sequence[SentenceRecord]) -> np.ndarray:
        """Cosine of the embedded query with each record's stored vector (-1 where the index has none)."""
        out = np.full(len(records), -1.0, dtype=np.float32)
        gen = self.view.current()
        if gen is None or not records:
            return out
        rows = gen.index_of_sid(np.array([r.row for r in records], dtype=np.int64))
        if (found := rows >= 0).any():
            out[found] = gen.vectors(rows[found]) @ self.embed(query)
        return out

    def nearest(self, vector: np.ndarray, k: int, search: SearchFilter = DEFAULT_FILTER) -> list[str]:
        """The texts of the k sentences closest to `vector` (dense side only), best first."""
        gen = self.view.current()
        if gen is None or not gen.n_live:
            return []
        rows = self._dense(gen, vector, self.view.row_mask(gen, search), k)
        sids = gen.sid(np.array(rows, dtype=np.int64)).tolist() if rows else []
        found = self.records.by_rows(sids)
        return [found[sid].text for sid in sids if sid in found]

    def lexical(self, text: str, k: int, search: SearchFilter = DEFAULT_FILTER) -> list[Hit]:
        """The k sentences with the best BM25 score for `text`, without embedding it: finding a quoted
        sentence again by its own words."""
        gen = self.view.current()
        if gen is None or not gen.n_live:
            return []
        scores = np.where(self.view.row_mask(gen, search),
                          gen.bm25(Counter(term_hash(t) for t in tokenize(text)), self.params.bm25_k1, self.params.bm25_b), 0.0)
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k] if len(scores) > k else np.arange(len(scores))
        top = [int(i) for i in sorted(top, key=lambda i: -scores[i]) if scores[i] > 0]
        sids = gen.sid(np.array(top, dtype=np.int64)).tolist() if top else []
        found = self.records.by_rows(sids)
        return [Hit(record=found[sid], score=float(scores[i]), bm25=float(scores[i]), rank=n)
                for n, (i, sid) in enumerate(zip(top, sids), 1) if sid in found]

    def _expand(self, gen, q: np.ndarray, hits: list[Hit], lexical: np.ndarray, dense_stats: tuple,
                lex_stats: tuple, allowed: np.ndarray) -> list[Hit]:
        """Neighbours and article siblings of the best hits, scored like hits (the sentence that names the
        event is often next to the one that gives the figure)."""
        p = self.params
        seen = {h.record.id for h in hits}
        extra = []
        for hit in hits[: p.expand_top]:
            around = self.records.span(hit.record, p.expand_window, p.expand_window)
            if hit.record.article_no:
                around += self.records.article(hit.record.doc_id, hit.record.article_no)[: p.expand_article]
            for record in around:
                if record.id not in seen:
                    seen.add(record.id)
                    extra.append(record)
        if not extra:
            return []
        where = gen.index_of_sid(np.array([r.row for r in extra], dtype=np.int64))
        keep = [i for i, w in enumerate(where) if w >= 0 and allowed[w]]
        if not keep:
            return []
        rows = where[keep]
        cosine = gen.vectors(rows) @ q
        (mean, sd), (lex_mean, lex_sd) = dense_stats, lex_stats
        background = hits[0].background if hits else None
        out = []
        for i, c, row in zip(keep, cosine, rows):
            dz, lz = (float(c) - mean) / sd, (float(lexical[row]) - lex_mean) / lex_sd if lex_sd > 1e-9 else 0.0
            score = self.weights["dense"] * dz + self.weights["bm25"] * lz
            out.append(Hit(record=extra[i], score=score, dense=float(c), bm25=float(lexical[row]), dense_z=dz,
                           bm25_z=lz, background=background, expanded=True))
        return out

    def _dense(self, gen, q: np.ndarray, allowed: np.ndarray, n: int) -> list[int]:
        """Global rows of the nearest allowed sentences, best first."""
        count = int(allowed.sum())
        if count <= self.params.exact_rows or self.store is None:
            if not count:
                return []
            scores = np.where(allowed, gen.cosines(q), -np.inf)
            top = np.argpartition(-scores, min(n, count) - 1)[:min(n, count)]
            return [int(i) for i in top[np.argsort(-scores[top], kind="stable")]]
        # the store ranks every sentence: when the search allows only part of them (national documents, one
        # category) ask it for proportionally more, up to eight times, so the allowed ones still number n
        share = count / max(gen.n_live, 1)
        found = self.store.nearest(q, int((2 * n + 10) / max(share, 1 / MAX_WIDENING)))
        rows = self.records.rows_of_ids([sid for sid, _c in found])
        where = gen.index_of_sid(np.array([rows[sid] for sid, _c in found if sid in rows], dtype=np.int64))
        return [int(i) for i in where if i >= 0 and allowed[i]][:n]

    def _fuse(self, candidates: list[int], dense_rank: list[int], bm25_rank: list[int], dense_z: np.ndarray,
              lex_z: np.ndarray) -> list[float]:
        wd, wb = self.weights["dense"], self.weights["bm25"]
        if self.params.fusion == "pool":  # each side standardised over the candidates: the same scale at any size
            dz, lz = _pool(dense_z), _pool(lex_z)
            return [wd * float(dz[j]) + wb * float(lz[j]) for j in range(len(candidates))]
        if self.params.fusion == "zscore":
            return [wd * float(dense_z[j]) + wb * float(lex_z[j]) for j in range(len(candidates))]
        rank = {"dense": {c: r for r, c in enumerate(dense_rank)}, "bm25": {c: r for r, c in enumerate(bm25_rank)}}
        return [sum(w / (self.params.rrf_k + rank[side][c] + 1) for side, w in (("dense", wd), ("bm25", wb))
                    if c in rank[side]) for c in candidates]
