"""The nearest sentences by the embedding stay among the hits even when the fusion ranks them below top_k
(assistant/retrieval.py, QA_DENSE_KEEP): a sentence that says the question in other words shares few of its
words, and BM25 alone must not keep it from the answer selector. Over three real laws, with the real model."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant.retrieval import HybridRetriever

pytestmark = pytest.mark.integration

# everyday wording: the laws say 劳动者/用人单位/解除, the questions say 员工/公司/辞退
QUESTIONS = ["公司把怀孕的员工辞退了，要赔多少钱？", "上班路上出车祸算不算工伤？", "老板不交社保怎么办？",
             "试用期工资最低给多少？"]
K = 3


def nearest_ids(retriever: HybridRetriever, question: str, n: int) -> list[str]:
    gen = retriever.view.current()
    scores = np.where(gen.live_all, gen.cosines(retriever.embed(question)), -np.inf)
    rows = np.argsort(-scores)[:n]
    return [retriever.records.by_rows([int(s)])[int(s)].id for s in gen.sid(rows.astype(np.int64)).tolist()]


def with_keep(retriever: HybridRetriever, keep: int) -> HybridRetriever:
    return HybridRetriever(retriever.view, retriever.store, retriever.records, retriever.embeddings,
                           replace(retriever.params, dense_keep=keep), retriever.background)


def test_the_nearest_sentences_are_always_candidates(three_laws) -> None:
    retriever = with_keep(three_laws.retriever, 3)
    for question in QUESTIONS:
        found = {h.record.id for h in retriever.retrieve(question, K).hits}
        assert set(nearest_ids(retriever, question, 3)) <= found, question


def test_without_it_the_fusion_leaves_some_out(three_laws) -> None:
    """The case the setting exists for happens on these questions: BM25 pushes a nearest sentence below top_k."""
    retriever = with_keep(three_laws.retriever, 0)
    missing = [q for q in QUESTIONS
               if not set(nearest_ids(retriever, q, 3)) <= {h.record.id for h in retriever.retrieve(q, K).hits}]
    assert missing


def test_kept_sentences_come_after_the_fused_top_k(three_laws) -> None:
    kept, plain = with_keep(three_laws.retriever, 3), with_keep(three_laws.retriever, 0)
    for question in QUESTIONS:
        assert [h.record.id for h in kept.retrieve(question, K).hits][:K] == \
            [h.record.id for h in plain.retrieve(question, K).hits][:K]
