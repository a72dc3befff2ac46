"""Optional cross-encoder reranking of the fused hits (off unless `reranker_model` is set)."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from .types import Hit

log = logging.getLogger(__name__)


class CrossEncoderReranker:
    """Reorders hits by a sentence-transformers CrossEncoder; the fused score breaks ties."""

    def __init__(self, model: str):
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Reranking needs sentence-transformers: pip install -r requirements.txt") from exc
        log.info("Loading reranker %s", model)
        self.model = CrossEncoder(model, device="cpu", local_files_only=Path(model).exists())

    def rerank(self, query: str, hits: Sequence[Hit]) -> list[Hit]:
        if not hits:
            return []
        scores = self.model.predict([(query, h.record.text) for h in hits], show_progress_bar=False)
        order = sorted(range(len(hits)), key=lambda i: (-float(scores[i]), -hits[i].score))
        return [hits[i] for i in order]
