"""The reader: reads a question and a candidate sentence together and scores whether the sentence answers.

The embedding model (multilingual-e5-small) turned into a cross-encoder: "query: question" and
"passage: short title：sentence" go in as one input, and the mean of the last layer feeds a linear
score. Its top READ_LAYERS layers and the score head were trained here on the development questions'
candidates (`python -m eval.train_reader`); only those weights are data (assistant/data/reader.safetensors,
fp16), the rest is the embedding model's own. The selector reads the ranker's first few candidates
with it (assistant/selector.py): its score moves the order (and, in weights trained so, enters the
answerability model).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT_READER = Path(__file__).resolve().parent / "data" / "reader.safetensors"
READ_LAYERS = 6  # the top layers the reader trains (the lower ones are the embedding model's, frozen)
MAX_TOKENS = 128  # question and passage together; a long question is cut too (longest first)


def passage(record) -> str:
    """What the reader reads of a candidate: the document's short title, then the sentence."""
    return f"{record.short_title or record.title}：{record.text}"


def cross_encoder(model_path: str, seed: int = 0):
    """The reader's network, untrained above the embedding model (torch module; `trained_state` is what training
    changes, the top layers and the head)."""
    try:
        import torch
        from transformers import AutoTokenizer, BertModel
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("The reader needs torch and transformers: pip install -r requirements.txt") from exc
    transformers_logging.set_verbosity_error()  # the e5 folder's unused pooler weights are expected
    transformers_logging.disable_progress_bar()

    class CrossEncoder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.tokenizer = AutoTokenizer.from_pretrained(model_path)
            self.bert = BertModel.from_pretrained(model_path, add_pooling_layer=False)
            for p in self.bert.parameters():
                p.requires_grad = False
            for p in self.bert.encoder.layer[-READ_LAYERS:].parameters():
                p.requires_grad = True
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)

        def forward(self, questions: list[str], passages: list[str]):
            enc = self.tokenizer([f"query: {q}" for q in questions], [f"passage: {s}" for s in passages],
                                 truncation="longest_first", max_length=MAX_TOKENS, padding=True, return_tensors="pt")
            h = self.bert(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            return self.head((h * mask).sum(1) / mask.sum(1)).squeeze(-1)

        def trained_state(self) -> dict:
            """The weights training changes (fp16): the top layers and the head."""
            first = len(self.bert.encoder.layer) - READ_LAYERS
            return {name: p.detach().half().contiguous() for name, p in self.named_parameters()
                    if name.startswith("head.") or any(name.startswith(f"bert.encoder.layer.{i}.")
                                                       for i in range(first, len(self.bert.encoder.layer)))}

        def load_trained(self, path: Path) -> None:
            from safetensors.torch import load_file

            state = load_file(str(path))
            expected = set(self.trained_state())
            if set(state) != expected:
                raise ValueError(f"{path} holds other weights than the reader's top {READ_LAYERS} layers and head")
            self.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)

        def save_trained(self, path: Path) -> None:
            from safetensors.torch import save_file

            save_file(self.trained_state(), str(path))

    torch.manual_seed(seed)  # the head's starting values
    return CrossEncoder()


_LOADING = threading.Lock()
_READ: OrderedDict = OrderedDict()  # (weights, question, passage) -> score, the oldest dropped first
REMEMBERED = 4096


@lru_cache(maxsize=2)
def _network(model_path: str, weights: str, stamp: float):
    """One loaded network per weights file (and its modification time), shared by every Reader: inference never
    changes it, and each copy costs about 0.5 GB."""
    net = cross_encoder(model_path)
    net.load_trained(Path(weights))
    return net.eval()


class Reader:
    """The trained reader, loaded on first use (a second copy of the embedding model in memory, about 0.5 GB).
    Shared by every request: it holds no per-request state, and torch's forward pass is safe across threads."""

    def __init__(self, model_path: str, weights: Path = DEFAULT_READER):
        if not weights.is_file():
            raise FileNotFoundError(f"No reader weights at {weights}: run python -m eval.train_reader")
        self.model_path, self.weights = model_path, weights

    def _loaded(self):
        with _LOADING:  # the first question waits for the load wiring started, never loads a second copy
            return _network(self.model_path, str(self.weights), self.weights.stat().st_mtime)

    def warm(self) -> None:
        """Load it now (wiring starts this in the background, so the first question does not wait for it)."""
        self._loaded()

    def __call__(self, question: str, passages: list[str]) -> np.ndarray:
        """One score per passage (a logit: above 0, more likely to answer than not). Scores are remembered (the
        chain ranks a question's candidates twice: before the order of preference and in the answerer)."""
        keys = [(self.weights, question, p) for p in passages]
        with _LOADING:
            known = {k: _READ[k] for k in keys if k in _READ}
        new = list(dict.fromkeys(k for k in keys if k not in known))
        if new:
            import torch

            net = self._loaded()
            with torch.inference_mode():
                scores = net([question] * len(new), [k[2] for k in new]).float().numpy().astype(float)
            known.update(zip(new, scores))
            with _LOADING:
                _READ.update(zip(new, scores))
                while len(_READ) > REMEMBERED:
                    _READ.popitem(last=False)
        return np.array([known[k] for k in keys], dtype=float)


def forget_readings() -> None:
    """Forget the remembered scores (benchmarks that ask a question again)."""
    with _LOADING:
        _READ.clear()
