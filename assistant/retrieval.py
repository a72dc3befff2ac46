"""Hybrid retrieval: dense neighbours from Chroma plus BM25 over jieba tokens, fused.

Candidates are the union of Chroma's nearest sentences and BM25's best. They are
ranked by `zscore` fusion (default): each side's score expressed in standard
deviations above that side's corpus mean, weighted and summed, so a sentence that
stands far out on one side is not lost to a rank; or by weighted reciprocal-rank
fusion (`rrf`). Tuned on eval/dev.jsonl (README, "Retrieval").
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Literal

import numpy as np

from index.tokens import tokenize

from .corpus import Corpus
from .types import Hit

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["zscore", "rrf"]


def standardised(scores: np.ndarray) -> np.ndarray:
    """Scores in standard deviations above their mean (zeros when they do not vary)."""
    spread = float(scores.std()) if len(scores) > 1 else 0.0
    return (scores - scores.mean()) / spread if spread > 1e-9 else np.zeros_like(scores)


class BM25Index:
    """bm25s over the tokens the indexer stored with each sentence."""

    def __init__(self, corpus: Corpus, k1: float = 1.2, b: float = 0.5):
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        self.corpus = corpus
        self.model = bm25s.BM25(k1=k1, b=b)
        self.vocab: dict[str, int] = {}
        ids = [[self.vocab.setdefault(t, len(self.vocab)) for t in toks] for toks in corpus.tokens]
        if len(corpus):
            self.model.index(bm25s.tokenization.Tokenized(ids=ids, vocab=self.vocab), show_progress=False)

    def scores(self, terms: list[str]) -> np.ndarray:
        known = [self.vocab[t] for t in terms if t in self.vocab]
        if not known or not len(self.corpus):
            return np.zeros(len(self.corpus), dtype=np.float32)
        return np.asarray(self.model.get_scores(known), dtype=np.float32)


class HybridRetriever:
    """Ranks every sentence by fusing the dense and lexical rankings; `mode` switches one side off."""

    def __init__(self, corpus: Corpus, store: Chroma, embeddings: Embeddings, *, mode: Mode = "hybrid",
                 candidates: int = 30, dense_weight: float = 1.0, bm25_weight: float = 1.0, rrf_k: int = 60,
                 fusion: Fusion = "zscore", bm25_k1: float = 1.2, bm25_b: float = 0.5,
                 background: np.ndarray | None = None):
        self.corpus, self.store, self.embeddings = corpus, store, embeddings
        self.mode, self.candidates, self.rrf_k, self.fusion = mode, candidates, rrf_k, fusion
        self.weights = {"dense": dense_weight if mode != "bm25" else 0.0,
                        "bm25": bm25_weight if mode != "dense" else 0.0}
        self.bm25 = BM25Index(corpus, bm25_k1, bm25_b)
        self.background = background  # vectors of off-topic sentences, for abstention
        self.timings: dict[str, float] = {}

    def _dense_ranking(self, vector: list[float]) -> list[int]:
        """Nearest sentences by cosine, asked of Chroma."""
        found = self.store.similarity_search_by_vector_with_relevance_scores(
            vector, k=min(self.candidates, len(self.corpus)))
        return [self.corpus.index_of[doc.id] for doc, _distance in found if doc.id in self.corpus.index_of]

    def retrieve(self, query: str, k: int) -> list[Hit]:
        if not len(self.corpus):
            return []
        t0 = time.perf_counter()
        vector = self.embeddings.embed_query(query)
        t1 = time.perf_counter()
        dense_rank = self._dense_ranking(vector) if self.weights["dense"] else []
        t2 = time.perf_counter()
        lexical = self.bm25.scores(tokenize(query))
        order = np.argsort(-lexical, kind="stable")[: self.candidates]
        bm25_rank = [int(i) for i in order if lexical[i] > 0] if self.weights["bm25"] else []
        query = np.asarray(vector, dtype=np.float32)
        cosine = self.corpus.cosine(query)
        off_topic = float((self.background @ query).max()) if self.background is not None else None
        z = standardised(cosine)
        fused = self._fuse(dense_rank, bm25_rank, z, standardised(lexical))
        best = sorted(fused, key=lambda i: (-fused[i], -cosine[i]))[:k]
        t3 = time.perf_counter()
        self.timings = {"embed": (t1 - t0) * 1e3, "dense": (t2 - t1) * 1e3, "bm25_fuse": (t3 - t2) * 1e3}
        return [Hit(record=self.corpus.records[i], score=fused[i], dense=float(cosine[i]),
                    bm25=float(lexical[i]), dense_z=float(z[i]), background=off_topic) for i in best]

    def _fuse(self, dense_rank: list[int], bm25_rank: list[int], dense_z: np.ndarray,
              bm25_z: np.ndarray) -> dict[int, float]:
        """Fused score of every candidate sentence (by corpus position)."""
        wd, wb = self.weights["dense"], self.weights["bm25"]
        if self.fusion == "zscore":
            return {i: wd * float(dense_z[i]) + wb * float(bm25_z[i]) for i in {*dense_rank, *bm25_rank}}
        fused: dict[int, float] = {}
        for weight, ranking in ((wd, dense_rank), (wb, bm25_rank)):
            for rank, i in enumerate(ranking):
                fused[i] = fused.get(i, 0.0) + weight / (self.rrf_k + rank + 1)
        return fused
