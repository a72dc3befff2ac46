"""`python -m eval.train_selector`: fit the answer selector on the development questions.

For every development question (the seed's eval/dev.jsonl over the seed index, and
eval/laws_dev.jsonl over the library subset, the whole library, or both with `--library both`)
and its leave-the-answer-out copy, the
assistant's candidates get the selector's features. The ranker (a linear score, softmax
within the question) is fitted on the answerable questions whose gold is among the
candidates; the answerability model (logistic) on every question, over the best
candidate's score, the question's signals and how the other candidates agree with the best
(assistant/agreement.py), each corpus weighing as much as the other
(the seed's few questions count as much as the library's many). Regularisation and the
abstention threshold are chosen by cross-validation over questions: the threshold is the
highest that keeps false rejection within MAX_FALSE_REJECTION on every corpus. Writes assistant/data/selector.json and
prints the trade-off curve (negative against false rejection). `--keep-ranker` fits only the
answerability model and its threshold, the shipped ranker kept. `--reader` adds the reader
(assistant/reader.py) over the kept ranker's first candidates, with the scores of readers that did not
train on the question (eval/train_reader.py writes them); its weight in the order is the one that puts
a gold sentence first most often, and with `--reader-order-only` its scores stay out of the
answerability model. The shipped weights: `--keep-ranker --library both --reader --reader-order-only`.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.agreement import agreement
from assistant.features import NAMES
from assistant.selector import DEFAULT_WEIGHTS, Linear, Reading, SelectorModel, softmax
from eval.dataset import is_gold, load_questions
from eval.leave_out import leave_out_questions, search_without_answer
from eval.scoring import gold_text
from settings import Settings

EVAL = Path(__file__).resolve().parent
CROSSFIT = "reader-crossfit.json"  # eval/train_reader.py writes it in the data folder
READ_TOP = 5  # the ranker's first candidates the reader reads
MAX_FALSE_REJECTION = 0.04
# candidate features, gold labels, answerable, agreement, the reader's scores (NaN where not read; None: no reader)
Group = tuple[np.ndarray, np.ndarray, bool, np.ndarray, np.ndarray | None]


def asked_groups(assistant, questions):
    """(question, the question searched, its candidate hits, its group) for each question asked and its leave-out
    copy; questions answered by structure (tag article) and questions with no candidates are skipped."""
    for q in questions + leave_out_questions(questions):
        if "article" in q.tags:
            continue  # answered by structure, not selected
        query, hits, also, _searched = assistant.candidates(q.question, q.history_dicts(),
                                                            search_without_answer(assistant, q))
        if not hits:
            continue
        x = assistant.answerer.selector.features(query, hits, also)
        y = np.array([float(q.answerable and is_gold(gold_text(h.record.text, h.record.doc, q), q.gold))
                      for h in hits])
        yield q, query, hits, (x, y, q.answerable, agreement(hits))


def development_sets(library: str):
    """(corpus name, settings, questions) of the development questions: the seed's eval/dev.jsonl over the seed
    index, eval/laws_dev.jsonl over the library subset, the whole library or both (`library`; built if missing)."""
    from eval.library import ensure_library_index, library_settings

    base = Settings()
    yield "seed", base, load_questions(EVAL / "dev.jsonl")
    for which in (("subset", "full") if library == "both" else (library,)):
        laws = library_settings(base, which)
        ensure_library_index(laws, which, show_bar=False)
        yield f"laws-{which}", laws, [q for q in load_questions(EVAL / "laws_dev.jsonl") if q.subset or which == "full"]


def collect(assistant, questions, reads: Callable | None = None) -> list[tuple[str, Group]]:
    """(question id, group) for each question asked and its leave-out copy (whose id loses its '-lo', so
    cross-validation keeps the two in one fold). `reads(question id, hits, features)`: the reader's scores."""
    return [(q.id.removesuffix("-lo"), (*group, reads(q.id, hits, group[0]) if reads else None))
            for q, _query, hits, group in asked_groups(assistant, questions)]


def crossfit_reads(path: Path, corpus: str, ranker: Linear, top: int) -> Callable:
    """The scores eval/train_reader.py's cross-fitted readers gave the ranker's first `top` candidates."""
    scores = json.loads(path.read_text(encoding="utf-8"))["scores"]

    def reads(question_id: str, hits, x: np.ndarray) -> np.ndarray:
        got = scores.get(f"{corpus}|{question_id}")
        if got is None:
            raise SystemExit(f"{path} has no scores for {corpus} {question_id}: run python -m eval.train_reader")
        read = np.full(len(hits), np.nan)
        for i in np.argsort(-ranker(x), kind="stable")[:top]:
            read[i] = got.get(hits[i].record.id, np.nan)
        return read
    return reads


def standardiser(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fit_ranker(groups: list[Group], l2: float, steps: int = 400, rate: float = 0.5) -> Linear:
    """Listwise: maximise each question's softmax mass on its gold candidates (gradient ascent)."""
    usable = [(x, y) for x, y, ok, *_ in groups if ok and y.any()]
    mean, scale = standardiser(np.concatenate([x for x, _ in usable]))
    zs = [((x - mean) / scale, y) for x, y in usable]
    w = np.zeros(len(mean))
    for _ in range(steps):
        grad = -l2 * np.r_[0.0, w[1:]]
        for z, y in zs:
            p = softmax(z @ w)
            q = p * y / max((p * y).sum(), 1e-12)  # the gold's share of the mass
            grad += z.T @ (q - p)
        w += rate * grad / len(zs)
    return Linear(mean, scale, w)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, weight: np.ndarray | None = None) -> Linear:
    """Weighted logistic regression by Newton steps (weights average 1)."""
    mean, scale = standardiser(x)
    z = (x - mean) / scale
    c = np.ones(len(y)) if weight is None else weight * len(y) / weight.sum()
    w = np.zeros(z.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        reg = l2 * np.r_[0.0, np.ones(len(w) - 1)]
        step = np.linalg.solve((z * (c * p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(w)),
                               z.T @ (c * (p - y)) + reg * w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Linear(mean, scale, w)


def corpus_weights(corpora: list[str]) -> np.ndarray:
    """Each corpus weighs the same in total, however many questions it has."""
    names, counts = np.unique(corpora, return_counts=True)
    share = dict(zip(names, counts))
    return np.array([1.0 / share[c] for c in corpora])


def fit(groups: list[Group], l2: float, corpora: list[str] | None = None, ranker: Linear | None = None,
        reading: Reading | None = None) -> SelectorModel:
    """The ranker (fitted unless given) and the answerability model over its scores (and the reader's)."""
    plain = SelectorModel(ranker or fit_ranker(groups, l2), Linear(np.zeros(1), np.ones(1), np.zeros(1)), 0.0, reading)
    rows = np.array([plain.answerability_row(x, agrees, read) for x, _y, _ok, agrees, read in groups])
    labels = np.array([float(ok) for _x, _y, ok, *_ in groups])
    weight = corpus_weights(corpora) if corpora else None
    return replace(plain, answerable=fit_logistic(rows, labels, 1.0, weight))


def cross_validated(groups: list[Group], l2: float, corpora: list[str], keys: list[str], folds: int = 5,
                    ranker: Linear | None = None, reading: Reading | None = None) -> list[tuple[bool, bool, float]]:
    """(answerable, best candidate is gold, P(answerable)) of each question, from a model that did not see it
    (a question, its leave-out copy and its groups over other indexes share a fold: `keys`)."""
    fold = [zlib.crc32(key.encode()) % folds for key in keys]
    out = []
    for k in range(folds):
        keep = [i for i in range(len(groups)) if fold[i] != k]
        model = fit([groups[i] for i in keep], l2, [corpora[i] for i in keep], ranker, reading)
        for i, (x, y, ok, agrees, read) in enumerate(groups):
            if fold[i] == k:
                share, p = model.score(x, agrees, read)
                out.append((ok, bool(y[int(np.argmax(share))] > 0), p))
    return out


def padded(ranker: Linear, names: list[str]) -> Linear:
    """A ranker over `names` as one over today's NAMES: a feature it was not trained on weighs nothing."""
    mean, scale, coef = np.zeros(len(NAMES)), np.ones(len(NAMES)), np.zeros(len(NAMES))
    for i, name in enumerate(names):
        j = NAMES.index(name)
        mean[j], scale[j], coef[j] = ranker.mean[i], ranker.scale[i], ranker.coef[i]
    return Linear(mean, scale, coef)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_selector", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    parser.add_argument("--library", choices=("subset", "full", "both"), default="subset",
                        help="the library index the development questions are asked over (both: each corpus "
                             "once, so the answerability model sees a small and a large library)")
    parser.add_argument("--l2", type=float, action="append",
                        help="ranker regularisation to try, the best cross-validated top-1 kept (repeatable; "
                             "default: 0.01, 0.1, 1 and 10)")
    parser.add_argument("--keep-ranker", action="store_true",
                        help="keep the ranker of the current weights file and fit only the answerability model "
                             "and its threshold (the ranking, and so hit@k, stay as they are)")
    parser.add_argument("--reader", action="store_true",
                        help="use the reader (assistant/reader.py) over the kept ranker's first candidates, with the "
                             "cross-fitted scores python -m eval.train_reader wrote; needs --keep-ranker")
    parser.add_argument("--reader-order-only", action="store_true",
                        help="the reader moves the order only; the answerability model reads the ranker's own scores "
                             "(fitted as without the reader)")
    parser.add_argument("--read-top", type=int, default=READ_TOP, help="the ranker's first candidates the reader reads")
    parser.add_argument("--reader-weight", type=float, action="append",
                        help="weight of the reader's score in the order to try, the best development top-1 kept "
                             "(repeatable; default: 0.5, 1, 2 and 4)")
    args = parser.parse_args(argv)
    if args.reader and not args.keep_ranker:
        parser.error("--reader reads the kept ranker's first candidates: add --keep-ranker")
    kept, l2s = None, args.l2 or (0.01, 0.1, 1.0, 10.0)
    if args.keep_ranker:
        data = json.loads(DEFAULT_WEIGHTS.read_text(encoding="utf-8"))
        if not set(data["names"]) <= set(NAMES):
            parser.error(f"{DEFAULT_WEIGHTS} was trained on other candidate features: its ranker cannot be kept")
        kept, l2s = padded(Linear.of(data["ranker"]), data["names"]), [data.get("l2", 0.1)]
    logging.basicConfig(level=logging.WARNING)
    from assistant import Assistant

    crossfit = Settings().data_dir / CROSSFIT
    if args.reader and not crossfit.is_file():
        parser.error(f"no {crossfit}: run python -m eval.train_reader first")
    reads = (lambda corpus: crossfit_reads(crossfit, corpus, kept, args.read_top)) if args.reader else lambda c: None
    asked, corpora = [], []
    for name, settings, questions in development_sets(args.library):
        asked += collect(Assistant.from_settings(settings), questions, reads(name))
        corpora += [name] * (len(asked) - len(corpora))
    keys, groups = [k for k, _g in asked], [g for _k, g in asked]
    names = list(dict.fromkeys(corpora))
    answerable = [g for g in groups if g[2]]
    fused = np.mean([g[1][int(np.argmin(g[0][:, NAMES.index("log_rank")]))] > 0 for g in answerable])
    print(f"{len(groups)} questions ({len(answerable)} answerable); fused order puts a gold sentence first "
          f"for {fused:.3f} of the answerable")
    reading = None
    if args.reader:  # the weight that puts a gold sentence first most often (the readers' scores are cross-fitted)
        for weight in args.reader_weight or (0.5, 1.0, 2.0, 4.0):
            trial = SelectorModel(kept, kept, 0.0, Reading(weight, args.read_top, not args.reader_order_only))
            top1 = np.mean([g[1][int(np.argmax(trial.scores(g[0], g[4])))] > 0 for g in answerable])
            print(f"reader weight {weight:g}: development top-1 {top1:.3f}")
            if reading is None or top1 > best_top1:
                reading, best_top1 = trial.reading, top1
    best = None
    for l2 in l2s:
        scored = cross_validated(groups, l2, corpora, keys, ranker=kept, reading=reading)
        top1 = np.mean([gold for ok, gold, _p in scored if ok])
        print(f"l2={l2:g}: cross-validated top-1 {top1:.3f}")
        if best is None or top1 > best[1]:
            best = (l2, top1, scored)
    l2, _top1, scored = best
    print(f"threshold  false_rejection {'/'.join(names)}  negative_rejection {'/'.join(names)} (cross-validated)")
    chosen = 0.0
    for threshold in np.round(np.arange(0.05, 0.96, 0.01), 2):
        fr = [np.mean([p < threshold for (ok, _g, p), c in zip(scored, corpora) if ok and c == name])
              for name in names]
        nr = [np.mean([p < threshold for (ok, _g, p), c in zip(scored, corpora) if not ok and c == name])
              for name in names]
        print(f"{threshold:9.2f}  " + " ".join(f"{v:6.3f}" for v in fr) + "   " + " ".join(f"{v:6.3f}" for v in nr))
        if max(fr) <= MAX_FALSE_REJECTION:
            chosen = float(threshold)
    model = fit(groups, l2, corpora, kept, reading)
    replace(model, threshold=chosen).save(args.out, l2=l2, questions=len(groups))
    print(f"chose l2={l2:g}, threshold={chosen:.2f} (false rejection <= {MAX_FALSE_REJECTION}); wrote {args.out}")
    for name, weight in sorted(zip(NAMES, model.ranker.coef), key=lambda t: -abs(t[1]))[:10]:
        print(f"  rank {name:16s} {weight:+.3f}")
    for name, weight in sorted(zip(model.answerability, model.answerable.coef), key=lambda t: -abs(t[1]))[:8]:
        print(f"  answerable {name:16s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
