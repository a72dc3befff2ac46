"""`python -m eval.train_reader`: train the reader (assistant/reader.py) on the development questions.

The development questions (eval/dev.jsonl over the seed, eval/laws_dev.jsonl over the library subset
and the whole library) and their leave-the-answer-out copies are asked; their candidates, in the
shipped ranker's order, make the training pairs: each gold candidate (answers), the ranker's best
non-gold ones and the best ones of each leave-out copy (do not). Two passes, BCE.

The selector is then fitted over the reader's scores (`python -m eval.train_selector`), and those must
come from a reader that did not train on the question: two readers are trained on halves of the
questions (a question, its leave-out copy and its groups over every index in one half), each scores
the other half's first candidates, and those scores are written to data/reader-crossfit.json. The
shipped reader (assistant/data/reader.safetensors) is trained on all of them. About 50 min alone on 2 cores
(64 min measured on 2026-12-05 with other work sharing the cores for its last half hour).
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from assistant.reader import DEFAULT_READER, cross_encoder, passage
from eval.train_selector import CROSSFIT, asked_groups, development_sets

CROSSFIT_TOP = 10  # the ranker's first candidates the cross-fitted readers score (the selector reads fewer)
RATES = (3e-5, 1e-3)  # learning rates: the top layers, the head


def training_pairs(asked_rows, negatives: int = 5, left_out: int = 3) -> list[tuple[str, str, float]]:
    """Each gold candidate, the ranker's best non-gold ones, and the best ones of each leave-out copy (no answer)."""
    pairs = []
    for _q, query, hits, (x, y, ok, _a), scores in asked_rows:
        order = np.argsort(-scores)
        if ok:
            pairs += [(query, passage(hits[i].record), 1.0) for i in np.flatnonzero(y > 0)]
            pairs += [(query, passage(hits[i].record), 0.0) for i in order if y[i] == 0][:negatives]
        else:
            pairs += [(query, passage(hits[i].record), 0.0) for i in order[:left_out]]
    return pairs


def train(net, pairs, epochs: int, rates: tuple[float, float] = RATES, batch: int = 16, seed: int = 0) -> None:
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    pairs = list(pairs)
    below = [p for p in net.bert.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": below, "lr": rates[0]}, {"params": net.head.parameters(), "lr": rates[1]}],
                            weight_decay=0.01)
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))
    start = time.monotonic()
    for epoch in range(epochs):
        rng.shuffle(pairs)
        net.train()
        for k in range(0, len(pairs), batch):
            part = pairs[k:k + batch]
            loss = loss_of(net([q for q, _s, _y in part], [s for _q, s, _y in part]),
                           torch.tensor([y for _q, _s, y in part]))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"  pass {epoch + 1}: {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)


def read(net, asked_rows, top: int = CROSSFIT_TOP) -> list[dict[str, float]]:
    """The reader's score of each of the ranker's first `top` candidates, by sentence id."""
    import torch

    net.eval()
    out = []
    with torch.inference_mode():
        for _q, query, hits, _g, scores in asked_rows:
            order = np.argsort(-scores)[:top]
            read_scores = net([query] * len(order), [passage(hits[i].record) for i in order]).numpy()
            out.append({hits[i].record.id: round(float(s), 4) for i, s in zip(order, read_scores)})
    return out


def half(question_id: str) -> int:
    """0 or 1; a question and its leave-out copy in the same half."""
    return zlib.crc32(question_id.removesuffix("-lo").encode()) % 2


def development_rows(library: str) -> list[tuple[str, tuple]]:
    """(corpus, row) for each development question asked and its leave-out copy; a row is (question, query,
    hits, group, the shipped ranker's scores)."""
    from assistant import Assistant

    out = []
    for name, settings, questions in development_sets(library):
        assistant = Assistant.from_settings(settings)
        model = assistant.answerer.selector.model
        if model is None:
            raise SystemExit("no trained selector (assistant/data/selector.json): run python -m eval.train_selector")
        out += [(name, (q, query, hits, g, model.ranker(g[0]))) for q, query, hits, g in asked_groups(assistant, questions)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_reader", description=__doc__)
    parser.add_argument("--library", choices=("subset", "full", "both"), default="both",
                        help="the library index the library's development questions are asked over")
    parser.add_argument("--epochs", type=int, default=2, help="passes over the training pairs")
    parser.add_argument("--out", type=Path, default=DEFAULT_READER, help="where the shipped reader's weights go")
    parser.add_argument("--no-crossfit", action="store_true", help="train only the shipped reader")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from index.embed import resolve_model_path
    from settings import Settings

    settings = Settings()
    model_path = resolve_model_path(settings)
    rows = development_rows(args.library)
    print(f"{len(rows)} development questions asked (with their leave-out copies)", file=sys.stderr)
    if not args.no_crossfit:
        scores: dict[str, dict[str, float]] = {}
        for k in (0, 1):
            mine = [r for _c, r in rows if half(r[0].id) != k]
            print(f"half {k}: training on {len(training_pairs(mine))} pairs", file=sys.stderr, flush=True)
            net = cross_encoder(model_path)
            train(net, training_pairs(mine), args.epochs)
            others = [(c, r) for c, r in rows if half(r[0].id) == k]
            for (corpus, r), read_scores in zip(others, read(net, [r for _c, r in others])):
                scores[f"{corpus}|{r[0].id}"] = read_scores
        target = settings.data_dir / CROSSFIT
        target.write_text(json.dumps({"top": CROSSFIT_TOP, "scores": scores}, ensure_ascii=False), encoding="utf-8")
        print(f"wrote the cross-fitted scores of {len(scores)} questions to {target}", file=sys.stderr)
    pairs = training_pairs([r for _c, r in rows])
    print(f"the shipped reader: training on {len(pairs)} pairs", file=sys.stderr, flush=True)
    net = cross_encoder(model_path)
    train(net, pairs, args.epochs)
    net.save_trained(args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
