"""The ONNX backends give the torch model's vectors for the real e5 model.

fp32 is the same arithmetic in another runtime, so it must agree to 1e-4. int8 is an
approximation: on the seed sentences and these questions its lowest cosine to torch was
INT8_MEASURED (2026-11-27, an AVX2 CPU without VNNI); the floor leaves a margin for other
CPUs' int8 kernels. 'onnx-int8-passages' embeds questions in fp32 with an int8 embedding
table: lowest measured 0.99994.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embed import SentenceEmbeddings, build_embeddings, onnx_folder
from index.load import read_doc
from index.onnx_model import MARKER, export_onnx
from index.split import split_document
from settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
FP32_MIN = 0.9999
EMB8_MIN = 0.9998
INT8_MEASURED = 0.9945
INT8_MIN = 0.99

QUESTIONS = [
    "组织工作的政治性体现在哪里？",
    "如何提升“蓉漂”品牌的海外影响力？",
    "臺灣的經濟發展與黨校建設有何關係？",
    "What does the document say about training cadres?",
    "这篇文档\t主要讲了\n什么？",
    "ＡＢＣ１２３，？干部考察有哪些内容",
    "",
]


@pytest.fixture(scope="module")
def settings(model_dir: Path) -> Settings:
    """The app's own data folder, so the export made here is the one the app reuses."""
    return Settings(data_dir=ROOT / "data", embedding_model=str(model_dir))


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    doc = read_doc(ROOT / "seeds" / "000_be06885092ed2ce4.txt", ROOT / "seeds")
    return [s.text for s in split_document(doc)]


@pytest.fixture(scope="module")
def torch_vectors(settings: Settings, seed_sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
    e = build_embeddings(settings.model_copy(update={"embedding_backend": "torch"}))
    assert isinstance(e, SentenceEmbeddings)
    return np.array(e.embed_documents(seed_sentences)), np.array([e.embed_query(q) for q in QUESTIONS])


@pytest.mark.parametrize(("backend", "passage_floor", "query_floor"), [
    ("onnx-fp32", FP32_MIN, FP32_MIN), ("onnx-int8", INT8_MIN, INT8_MIN), ("onnx-int8-passages", INT8_MIN, EMB8_MIN)])
def test_onnx_reproduces_torch(settings, seed_sentences, torch_vectors, backend: str, passage_floor: float,
                               query_floor: float) -> None:
    e = build_embeddings(settings.model_copy(update={"embedding_backend": backend}))
    docs = np.array(e.embed_documents(seed_sentences))
    queries = np.array([e.embed_query(q) for q in QUESTIONS])
    assert docs.shape == torch_vectors[0].shape and queries.shape == torch_vectors[1].shape
    assert np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-4)
    passages, questions = (docs * torch_vectors[0]).sum(1), (queries * torch_vectors[1]).sum(1)
    assert passages.min() >= passage_floor, f"{backend}: lowest passage cosine {passages.min():.5f}"
    assert questions.min() >= query_floor, f"{backend}: lowest question cosine {questions.min():.5f}"


def test_the_apps_export_is_complete_and_reused(settings: Settings, model_dir: Path) -> None:
    folder = onnx_folder(str(model_dir))
    export_onnx(model_dir, folder)  # done by the test above or by the app's build
    marker = (folder / MARKER).stat().st_mtime_ns
    assert export_onnx(model_dir, folder) == folder
    assert (folder / MARKER).stat().st_mtime_ns == marker


def test_each_graph_opens_only_when_its_side_is_used(settings: Settings) -> None:
    """An answering process never loads the int8 passage graph, an indexing one never the question graph."""
    answering = build_embeddings(settings.model_copy(update={"embedding_backend": "onnx-int8-passages"}))
    assert not answering.runner.loaded and not answering.query_runner.loaded
    answering.embed_query("试用期最长多久？")
    assert answering.query_runner.loaded and not answering.runner.loaded
    indexing = build_embeddings(settings.model_copy(update={"embedding_backend": "onnx-int8-passages"}))
    indexing.embed_documents(["试用期最长不得超过六个月。"])
    assert indexing.runner.loaded and not indexing.query_runner.loaded
    single = build_embeddings(settings.model_copy(update={"embedding_backend": "onnx-int8"}))
    assert single.runner.loaded and single.query_runner is single.runner  # one graph: opened at once
