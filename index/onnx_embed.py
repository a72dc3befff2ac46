"""Sentence embeddings from an exported ONNX graph, run by onnxruntime: no torch at run time.

The folder written by ``onnx_model.export_onnx`` holds the graph (whose output is already
the mean-pooled, L2-normalised vector) and the model's ``tokenizer.json``. Texts are
tokenised in one batch call, truncated at the model's maximum length, sorted by length
and run in batches padded only to their own longest text, so short sentences do not pay
for long ones. Nothing per call is kept on the object: one instance serves concurrent threads.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

PAD_ID = 1  # XLM-R's <pad>; the attention mask hides it anyway
DEFAULT_MAX_TOKENS = 512

Runner = Callable[[np.ndarray, np.ndarray], np.ndarray]


class _Tokenizer:
    """The folder's tokenizer with its one-character replacement rules applied by ``str.translate``.

    The e5 tokenizer normalises with thousands of literal Replace rules, each a pass over the
    text inside `tokenizers` (about 3 ms for a short word). No replacement contains a key, so one
    translate table gives the same text in one pass; the remaining (regex) rules stay inside.
    """

    def __init__(self, inner, table: dict[int, str]) -> None:
        self.inner, self.table = inner, table

    def encode_batch(self, texts: list[str], add_special_tokens: bool = True):
        if self.table:
            texts = [t.translate(self.table) for t in texts]
        return self.inner.encode_batch(texts, add_special_tokens=add_special_tokens)


def _split_rules(spec: dict) -> dict[int, str]:
    """Takes the literal one-character Replace rules out of a tokenizer spec; returns them as a table."""
    norm = spec.get("normalizer") or {}
    if norm.get("type") != "Sequence":
        return {}
    table: dict[int, str] = {}
    kept = []
    for rule in norm["normalizers"]:
        literal = rule.get("type") == "Replace" and "String" in rule.get("pattern", {})
        if literal and len(rule["pattern"]["String"]) == 1:
            table[ord(rule["pattern"]["String"])] = rule["content"]
        else:
            kept.append(rule)
    if any(ch in table for out in table.values() for ch in map(ord, out)):
        return {}  # a replacement feeds another rule: order matters, keep the rules as they are
    norm["normalizers"] = kept
    return table


def _max_tokens(folder: Path) -> int:
    config = folder / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", DEFAULT_MAX_TOKENS))
    return DEFAULT_MAX_TOKENS


def load_tokenizer(folder: Path) -> _Tokenizer:
    """The folder's fast tokenizer, truncating at the model's maximum sequence length."""
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("ONNX embeddings need tokenizers: pip install tokenizers") from exc
    spec = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    table = _split_rules(spec)
    tokenizer = Tokenizer.from_str(json.dumps(spec))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=_max_tokens(folder))
    return _Tokenizer(tokenizer, table)


def load_question_tokenizer(folder: Path):
    """The same tokenisation for the few short texts of a question in pure Python (index/unigram.py: a tenth
    of the memory of `tokenizers`' trie), or the fast tokenizer when the spec has a shape it does not know."""
    from .unigram import UnigramTokenizer

    spec = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    found = UnigramTokenizer.from_spec(spec, _split_rules(spec), _max_tokens(folder))
    return found if found is not None else load_tokenizer(folder)


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


class OrtRunner:
    """(input_ids, attention_mask) -> vectors through one onnxruntime session, opened on first use.

    Opening lazily lets a backend name a second graph (fp32 for questions) that a process
    which only indexes never loads. ``session.run`` is safe to call from several threads.
    """

    def __init__(self, model: Path, threads: int = 0) -> None:
        try:
            import onnxruntime  # noqa: F401 - fail at construction, not at the first question
        except ImportError as exc:
            raise ImportError("the onnx embedding backends need onnxruntime: pip install -r requirements.txt "
                              "(or QA_EMBEDDING_BACKEND=torch)") from exc
        self.model = Path(model)
        self.threads = threads
        self._session = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the session has been opened."""
        return self._session is not None

    def _open(self):
        import onnxruntime as ort

        with self._lock:
            if self._session is None:
                options = ort.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                options.log_severity_level = 3
                self._session = ort.InferenceSession(str(self.model), options, providers=["CPUExecutionProvider"])
        return self._session

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        session = self._session or self._open()
        return session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask})[0]


def onnxruntime_runner(model: Path, threads: int = 0, lazy: bool = False) -> OrtRunner:
    """A runner for ``model``; unless ``lazy``, its session is opened now (errors show at start-up)."""
    runner = OrtRunner(model, threads)
    if not lazy:
        runner._open()
    return runner


class OnnxEmbeddings(Embeddings):
    """e5-style prefixed embeddings through an exported graph; the runners do the arithmetic.

    ``runner`` embeds passages (and questions, unless ``query_runner`` is given: a more exact
    graph for the one text a question is, while the many indexed passages take the fast one).
    """

    def __init__(self, folder: Path, runner: Runner, query_prefix: str, passage_prefix: str,
                 batch_size: int = 32, name: str = "", query_runner: Runner | None = None) -> None:
        self.folder = Path(folder)
        # each tokenizer is loaded when its side is first used: an indexing process never needs the question
        # one, an answering process never the fast one (its trie is 270 MB)
        self._question_tokenizer = None
        self._tokenizer: _Tokenizer | None = None
        self._lock = threading.Lock()
        self.runner = runner
        self.query_runner = query_runner or runner
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.name = name or str(folder)

    @property
    def tokenizer(self) -> _Tokenizer:
        """The fast tokenizer, for passages."""
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = load_tokenizer(self.folder)
        return self._tokenizer

    @property
    def question_tokenizer(self):
        """The pure-Python one, for the few short texts of a question (same ids)."""
        with self._lock:
            if self._question_tokenizer is None:
                self._question_tokenizer = load_question_tokenizer(self.folder)
        return self._question_tokenizer

    def encode(self, texts: list[str], runner: Runner | None = None, tokenizer=None) -> np.ndarray:
        """Unit vectors (float32, one row per text, in input order), by ``runner`` (default: the passage one)."""
        run = runner or self.runner
        ids = [e.ids for e in (tokenizer or self.tokenizer).encode_batch(texts, add_special_tokens=True)]
        out: np.ndarray | None = None
        for positions, input_ids, mask in padded_batches(ids, self.batch_size):
            vectors = run(input_ids, mask)
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[positions] = vectors
        return out if out is not None else np.empty((0, 0), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode([self.passage_prefix + t for t in texts]).tolist() if texts else []

    def embed_passages_exactly(self, texts: list[str]) -> np.ndarray:
        """Passage vectors by the question's graph: a few short texts (English question terms) whose vectors
        must not depend on what else is in the batch, as the int8 graph's do (its activation scales are
        the batch's)."""
        return self.encode([self.passage_prefix + t for t in texts], self.query_runner, self.question_tokenizer)

    def embed_query(self, text: str) -> list[float]:
        return self.encode([self.query_prefix + text], self.query_runner, self.question_tokenizer)[0].tolist()
