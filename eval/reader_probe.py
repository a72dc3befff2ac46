"""`python -m eval.reader_probe`: can a reader trained here tell which sentence answers?

A probe, not a shipped component. The embedding model (multilingual-e5-small) is turned into a
cross-encoder: question and sentence go in as one text, and the mean of the last layer feeds a
linear score. Its upper layers get low-rank adapters (LowRank), the rest stays frozen, so what
training adds is small enough to ship beside selector.json (`--tune layers` trains those layers' own
weights instead: tens of MB). It is trained on the candidates of the
development questions (eval/dev.jsonl over the seed, eval/laws_dev.jsonl over the library) and
their leave-out copies, then read on the held-out sets (eval/laws.jsonl, eval/laws_test.jsonl,
eval/questions.jsonl). It prints, per held-out set:
- how often the first candidate is a gold sentence: by the shipped ranker, and by the ranker's score plus the reader's;
- how well the shipped answerability probability and the reader's score of the ranker's best candidate separate
  answerable questions from their leave-out copies (AUC).
With --library both, 29 min on 2 cores (20 of them training).
"""
from __future__ import annotations

import argparse
import logging
import random
import sys
import time

import numpy as np

from eval.dataset import load_questions
from eval.train_selector import EVAL, asked_groups

ADAPTED_LAYERS = 6  # the top layers that get adapters (or train, with --tune layers)
RANK = 8
MAX_TOKENS = 128


def build_reader(model_path: str, seed: int = 0, adapters: bool = True, rank: int = RANK):
    """(the reader, the adapter class). `adapters=False` trains the top layers' own weights instead."""
    import torch
    from transformers import AutoTokenizer, BertModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # the e5 folder's unused pooler weights are expected

    class LowRank(torch.nn.Module):
        """A frozen linear layer plus a trainable update of rank `rank` that starts at zero."""

        def __init__(self, base: torch.nn.Linear):
            super().__init__()
            self.base = base
            self.down = torch.nn.Parameter(torch.randn(rank, base.in_features) / base.in_features ** 0.5)
            self.up = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x):
            return self.base(x) + (x @ self.down.T) @ self.up.T

    class Reader(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.tokenizer = AutoTokenizer.from_pretrained(model_path)
            self.bert = BertModel.from_pretrained(model_path, add_pooling_layer=False)
            for p in self.bert.parameters():
                p.requires_grad = False
            for layer in self.bert.encoder.layer[-ADAPTED_LAYERS:]:
                if not adapters:
                    for p in layer.parameters():
                        p.requires_grad = True
                    continue
                att = layer.attention
                att.self.query, att.self.value = LowRank(att.self.query), LowRank(att.self.value)
                att.output.dense = LowRank(att.output.dense)
                layer.intermediate.dense, layer.output.dense = LowRank(layer.intermediate.dense), LowRank(layer.output.dense)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)
            # learning rates (what trains below the head, the head)
            self.rates = (5e-4, 5e-4) if adapters else (3e-5, 1e-3)

        def forward(self, questions: list[str], sentences: list[str]):
            enc = self.tokenizer([f"query: {q}" for q in questions], [f"passage: {s}" for s in sentences],
                                 truncation="only_second", max_length=MAX_TOKENS, padding=True, return_tensors="pt")
            h = self.bert(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            return self.head((h * mask).sum(1) / mask.sum(1)).squeeze(-1)

    torch.manual_seed(seed)  # the adapters' and the head's starting values
    return Reader(), LowRank


def sentence(hit) -> str:
    return f"{hit.record.short_title or hit.record.title}：{hit.record.text}"


def training_pairs(asked_rows, negatives: int = 5, left_out: int = 3) -> list[tuple[str, str, float]]:
    """Each gold candidate, the ranker's best non-gold ones, and the best ones of each leave-out copy (no answer)."""
    pairs = []
    for _q, query, hits, (x, y, ok, _a), scores in asked_rows:
        order = np.argsort(-scores)
        if ok:
            pairs += [(query, sentence(hits[i]), 1.0) for i in np.flatnonzero(y > 0)]
            pairs += [(query, sentence(hits[i]), 0.0) for i in order if y[i] == 0][:negatives]
        else:
            pairs += [(query, sentence(hits[i]), 0.0) for i in order[:left_out]]
    return pairs


def train(reader, pairs, epochs: int, batch: int = 16, seed: int = 0) -> None:
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    below = [p for p in reader.bert.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": below, "lr": reader.rates[0]},
                             {"params": reader.head.parameters(), "lr": reader.rates[1]}], weight_decay=0.01)
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))
    start = time.monotonic()
    for epoch in range(epochs):
        rng.shuffle(pairs)
        reader.train()
        for k in range(0, len(pairs), batch):
            part = pairs[k:k + batch]
            loss = loss_of(reader([q for q, _s, _y in part], [s for _q, s, _y in part]),
                           torch.tensor([y for _q, _s, y in part]))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch + 1}: {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)


def read(reader, asked_rows, top: int = 10) -> list[np.ndarray]:
    """The reader's score of each candidate among the ranker's first `top` (-inf for the rest)."""
    import torch

    reader.eval()
    out = []
    with torch.no_grad():
        for _q, query, hits, _g, scores in asked_rows:
            order = np.argsort(-scores)[:top]
            read_scores = np.full(len(hits), -np.inf)
            read_scores[order] = reader([query] * len(order), [sentence(hits[i]) for i in order]).numpy()
            out.append(read_scores)
    return out


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    if not len(pos) or not len(neg):
        return float("nan")
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def report(name: str, asked_rows, reader_scores, model) -> str:
    first, both, p, mine, kind = [], [], [], [], []
    for (_q, _query, _hits, (x, y, ok, agrees), scores), r in zip(asked_rows, reader_scores):
        top = int(np.argmax(scores))
        p.append(model.score(x, agrees)[1])  # the shipped answerability probability
        mine.append(r[top])
        kind.append("A" if ok else "L")
        if ok and y.any():
            first.append(y[top] > 0)
            both.append(y[int(np.argmax(scores + np.maximum(r, -20.0)))] > 0)
    p, mine, kind = np.array(p), np.array(mine), np.array(kind)
    a, lo = kind == "A", kind == "L"
    return (f"| {name} | {len(first)} | {np.mean(first):.3f} | {np.mean(both):.3f} | "
            f"{auc(p[a], p[lo]):.3f} | {auc(mine[a], mine[lo]):.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", choices=("subset", "full", "both"), default="subset",
                        help="the library index the library's questions are asked over")
    parser.add_argument("--epochs", type=int, default=2, help="passes over the training pairs")
    parser.add_argument("--tune", choices=("adapters", "layers"), default="adapters",
                        help=f"train low-rank adapters (small enough to ship) or the top {ADAPTED_LAYERS} layers' "
                             "own weights (tens of MB)")
    parser.add_argument("--rank", type=int, default=RANK, help="the adapters' rank")
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions of each file (a quick look)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from assistant import Assistant
    from eval.library import ensure_library_index, library_settings
    from index.embed import resolve_model_path
    from settings import Settings

    base = Settings()
    corpora = [("seed", base, "dev.jsonl", ("questions.jsonl",))]
    for which in (("subset", "full") if args.library == "both" else (args.library,)):
        laws = library_settings(base, which)
        ensure_library_index(laws, which, show_bar=False)
        corpora.append((f"library {which}", laws, "laws_dev.jsonl", ("laws.jsonl", "laws_test.jsonl")))
    training, held_out, model = [], [], None
    for name, settings, dev, tests in corpora:
        assistant = Assistant.from_settings(settings)
        model = assistant.answerer.selector.model
        if model is None:
            parser.error("no trained selector (assistant/data/selector.json): run python -m eval.train_selector")

        def rows(file: str):
            questions = [q for q in load_questions(EVAL / file) if q.subset or "full" in name or name == "seed"]
            questions = questions[:args.limit] if args.limit else questions
            return [(q, query, hits, g, model.ranker(g[0])) for q, query, hits, g in asked_groups(assistant, questions)]

        training += rows(dev)
        held_out += [(f"{file} ({name})", rows(file)) for file in tests]
    pairs = training_pairs(training)
    print(f"training on {len(pairs)} (question, sentence) pairs from {len(training)} questions", file=sys.stderr)
    reader, _ = build_reader(resolve_model_path(base), adapters=args.tune == "adapters", rank=args.rank)
    train(reader, pairs, args.epochs)
    print("| held-out set | answerable with a gold candidate | first is gold: ranker | ranker + reader "
          "| AUC answerable vs leave-out: shipped answerability | reader on the best |")
    print("|---|---|---|---|---|---|")
    for name, asked_rows in held_out:
        print(report(name, asked_rows, read(reader, asked_rows), model), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
