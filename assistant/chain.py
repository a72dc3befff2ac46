"""`Assistant`: the one place that wires settings, store, retriever and answerer into an LCEL chain."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.runnables import RunnableLambda

from index.tokens import normalise

from .abstain import AbstentionPolicy
from .answerer import ExtractiveAnswerer
from .corpus import Corpus
from .followup import asks_for_parent, resolve, without_markers
from .guard import check_input
from settings import Settings
from .texts import render
from .types import Answer, Answerer, Hit, Retriever

log = logging.getLogger(__name__)


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 text file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _timed(name: str, step: Callable[[dict], dict]) -> RunnableLambda:
    """A chain step that records its own duration in state['timings']."""

    def run(state: dict) -> dict:
        started = time.perf_counter()
        state = step(state)
        state["timings"][name] = round((time.perf_counter() - started) * 1e3, 3)
        return state

    return RunnableLambda(run, name=name)


class Assistant:
    """Answers questions over the indexed documents: `ask` returns an `Answer`."""

    def __init__(self, settings: Settings, corpus: Corpus, retriever: Retriever, answerer: Answerer,
                 reranker: Any | None = None):
        self.settings, self.corpus, self.retriever = settings, corpus, retriever
        self.answerer, self.reranker = answerer, reranker
        self.chain = (
            _timed("normalise", self._normalise)
            | _timed("retrieve", self._retrieve)
            | _timed("rerank", self._rerank)
            | _timed("answer", self._answer)
        )

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        """Build everything from settings (env and .env when none are given)."""
        settings = settings or Settings()
        from index.embed import build_embeddings

        from .retrieval import HybridRetriever
        from .store import open_vectorstore

        embeddings = build_embeddings(settings)
        store = open_vectorstore(settings, embeddings)
        corpus = Corpus.from_vectorstore(store)
        background = np.asarray(embeddings.embed_documents(read_lines(settings.background_file)), dtype=np.float32)
        retriever = HybridRetriever(
            corpus, store, embeddings, mode=settings.retrieval_mode, candidates=settings.candidates,
            dense_weight=settings.dense_weight, bm25_weight=settings.bm25_weight, rrf_k=settings.rrf_k,
            fusion=settings.fusion, bm25_k1=settings.bm25_k1, bm25_b=settings.bm25_b,
            background=background if len(background) else None,
        )
        policy = AbstentionPolicy(settings.abstain_min_dense, settings.abstain_min_coverage, settings.abstain_min_z,
                                  settings.abstain_min_margin)
        match settings.answerer:
            case "extractive":
                answerer = ExtractiveAnswerer(
                    corpus, policy, max_sentences=settings.max_answer_sentences, max_related=settings.max_related,
                    window=settings.neighbour_window, keep_margin=settings.keep_margin,
                    keep_dense_gap=settings.keep_dense_gap,
                )
        reranker = None
        if settings.reranker_model:
            from .rerank import CrossEncoderReranker

            reranker = CrossEncoderReranker(settings.reranker_model)
        return cls(settings, corpus, retriever, answerer, reranker)

    @property
    def records(self):
        return self.corpus.records

    # --- chain steps -------------------------------------------------------------
    def _normalise(self, state: dict) -> dict:
        state["query"] = normalise(resolve(state["question"], state["history"]))
        return state

    def _retrieve(self, state: dict) -> dict:
        k = max(self.settings.top_k, 10)
        previous = asks_for_parent(state["question"], state["history"])
        state["hits"] = self._parent_hits(previous, k) if previous else []
        state["hits"] = state["hits"] or self.retriever.retrieve(state["query"], k)
        return state

    def _parent_hits(self, previous_answer: str, k: int) -> list[Hit]:
        """"这属于哪一项工作？": find what the previous answer quoted, then the line it sits under."""
        anchors = self.retriever.retrieve(normalise(without_markers(previous_answer)), k)
        parent = self.corpus.parent(anchors[0].record) if anchors else None
        if parent is None:
            return []
        top = anchors[0].model_copy(update={"record": parent, "score": anchors[0].score + 1.0, "as_is": True})
        return [top, *(h for h in anchors if h.record.id != parent.id)][:k]

    def _rerank(self, state: dict) -> dict:
        if self.reranker is not None:
            state["hits"] = self.reranker.rerank(state["query"], state["hits"])
        return state

    def _answer(self, state: dict) -> dict:
        state["answer"] = self.answerer.answer(state["query"], state["hits"][: self.settings.top_k])
        return state

    # --- public API --------------------------------------------------------------
    def retrieve(self, question: str, history: Sequence[dict] = ()) -> list[Hit]:
        """The ranked hits the answerer would see (after the optional rerank), before answering."""
        state = {"question": question, "history": list(history), "timings": {}}
        return self._rerank(self._retrieve(self._normalise(state)))["hits"]

    def ask(self, question: str, history: Sequence[dict] = ()) -> Answer:
        return self.run(question, history)[0]

    def run(self, question: str, history: Sequence[dict] = ()) -> tuple[Answer, list[Hit]]:
        """The answer and the ranked hits behind it, from one pass (no hits for a refused question).

        Any input is accepted: a malformed one gets an Answer with `error` set (assistant/guard.py)."""
        started = time.perf_counter()
        checked = check_input(question, history, self.settings)
        if isinstance(checked, Answer):
            return checked, []
        cleaned, notices = checked.question, checked.notices
        if not len(self.corpus):
            return Answer(question=question, answer=render("no_index"), abstained=True, error="no_index"), []
        state = self.chain.invoke({"question": cleaned, "history": checked.history, "timings": {}})
        answer: Answer = state["answer"]
        answer.question = question
        answer.resolved_question = state["query"]
        if state["query"] != normalise(cleaned):
            notices.append(render("followup_notice", resolved=state["query"]))
        answer.notices = notices
        answer.timings = {**state["timings"], **getattr(self.retriever, "timings", {})}
        answer.timings["total"] = round((time.perf_counter() - started) * 1e3, 3)
        return answer, state["hits"]
