"""Sentence embeddings from an exported ONNX graph, run by onnxruntime: no torch at run time.

The folder written by ``onnx_model.export_onnx`` holds the graph (whose output is already
the mean-pooled, L2-normalised vector) and the model's ``tokenizer.json``. Texts are
tokenised in one batch call, truncated at the model's maximum length, sorted by length
and run in batches padded only to their own longest text, so short sentences do not pay
for long ones. Nothing per call is kept on the object: one instance serves concurrent threads.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

PAD_ID = 1  # XLM-R's <pad>; the attention mask hides it anyway
DEFAULT_MAX_TOKENS = 512

Runner = Callable[[np.ndarray, np.ndarray], np.ndarray]


def load_tokenizer(folder: Path):
    """The folder's fast tokenizer, truncating at the model's maximum sequence length."""
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("ONNX embeddings need tokenizers: pip install tokenizers") from exc
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    config = folder / "sentence_bert_config.json"
    max_tokens = DEFAULT_MAX_TOKENS
    if config.is_file():
        max_tokens = int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", max_tokens))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    return tokenizer


def padded_batches(ids: list[list[int]], batch_size: int):
    """Yield (positions, input_ids, attention_mask): texts in length order, each batch padded to its longest."""
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        width = max(len(ids[i]) for i in chunk)
        input_ids = np.full((len(chunk), width), PAD_ID, dtype=np.int64)
        mask = np.zeros((len(chunk), width), dtype=np.int64)
        for row, i in enumerate(chunk):
            input_ids[row, :len(ids[i])] = ids[i]
            mask[row, :len(ids[i])] = 1
        yield chunk, input_ids, mask


def onnxruntime_runner(model: Path, threads: int) -> Runner:
    """A function from (input_ids, attention_mask) to vectors, backed by one onnxruntime session."""
    try:
        import onnxruntime as ort
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the onnx embedding backends need onnxruntime: pip install onnxruntime") from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def run(input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        return session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask})[0]

    return run


class OnnxEmbeddings(Embeddings):
    """e5-style prefixed embeddings through an exported graph; ``runner`` does the arithmetic."""

    def __init__(self, folder: Path, runner: Runner, query_prefix: str, passage_prefix: str,
                 batch_size: int = 32, name: str = "") -> None:
        self.tokenizer = load_tokenizer(Path(folder))
        self.runner = runner
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.name = name or str(folder)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors (float32, one row per text, in input order)."""
        ids = [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=True)]
        out: np.ndarray | None = None
        for positions, input_ids, mask in padded_batches(ids, self.batch_size):
            vectors = self.runner(input_ids, mask)
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[positions] = vectors
        return out if out is not None else np.empty((0, 0), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode([self.passage_prefix + t for t in texts]).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self.encode([self.query_prefix + text])[0].tolist()
