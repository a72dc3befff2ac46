"""The optional cross-encoder reranker, run with a real sentence-transformers CrossEncoder.

No trained cross-encoder can be had offline, so the model is the project's own e5 encoder
loaded as a CrossEncoder, whose pooler and classification head start at zero; the test
gives them fixed weights. What is checked is the reranker's own job: hits come back ordered by
the model's scores, every hit once, with the fused order breaking ties.
"""
from __future__ import annotations

import pytest

from assistant.rerank import CrossEncoderReranker
from assistant.types import Hit, SentenceRecord

pytestmark = pytest.mark.integration

TEXTS = ["实施“蓉漂”品牌海外影响力提升推广计划。", "构建15分钟社区生活服务圈。", "加强干部档案管理。",
         "深化“定标晋位”工作法。"]


def hits() -> list[Hit]:
    return [Hit(record=SentenceRecord(id=f"s{i}", doc="d.txt", title="d", paragraph=0, sentence=i,
                                      start=0, end=len(t), text=t), score=1.0 - 0.1 * i)
            for i, t in enumerate(TEXTS)]


@pytest.fixture()
def reranker(model_dir) -> CrossEncoderReranker:  # a fresh model per test: one test changes its weights
    return CrossEncoderReranker(str(model_dir))


def test_ties_keep_the_fused_order(reranker) -> None:  # the untrained head scores every pair alike
    assert [h.record.id for h in reranker.rerank("如何提升品牌影响力？", hits())] == ["s0", "s1", "s2", "s3"]


def test_hits_come_back_ordered_by_the_models_scores(reranker) -> None:
    import torch

    model = reranker.model.model  # the e5 folder stores a zero pooler, so both it and the head get weights
    generator = torch.Generator().manual_seed(7)
    with torch.no_grad():
        for layer in (model.bert.pooler.dense, model.classifier):
            layer.weight.copy_(torch.randn(layer.weight.shape, generator=generator) * 0.1)
    question = "如何提升品牌影响力？"
    scores = reranker.model.predict([(question, t) for t in TEXTS])
    assert len(set(float(s) for s in scores)) == len(TEXTS)  # the head now separates them
    expected = [f"s{i}" for i in sorted(range(len(TEXTS)), key=lambda i: -float(scores[i]))]
    assert [h.record.id for h in reranker.rerank(question, hits())] == expected
    assert reranker.rerank(question, []) == []
