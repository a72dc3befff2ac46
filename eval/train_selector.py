"""`python -m eval.train_selector`: fit the answer selector on the development questions.

For every development question (the seed's eval/dev.jsonl over the seed index, and
eval/laws_dev.jsonl over the library subset) and for its leave-the-answer-out copy, the
assistant's candidates are scored with the selector's features and labelled: a gold
sentence of the question is 1, everything else 0 (all candidates of an unanswerable or
left-out question are 0). A logistic model with L2 is fitted; its regularisation and the
abstention threshold are chosen by cross-validation over questions (so the threshold is
read off probabilities of questions the fold did not train on). Writes
assistant/data/selector.json and prints the trade-off curve.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np

from assistant.features import NAMES
from assistant.selector import DEFAULT_WEIGHTS, SelectorModel
from eval.dataset import is_gold, load_questions
from eval.leave_out import leave_out_questions, search_without_answer
from eval.scoring import gold_text
from settings import Settings

EVAL = Path(__file__).resolve().parent
MAX_FALSE_REJECTION = 0.06


def collect(assistant, questions) -> list[tuple[np.ndarray, np.ndarray, bool]]:
    """Per question: feature rows, labels, answerable."""
    out = []
    for q in questions + leave_out_questions(questions):
        if "article" in q.tags:
            continue  # answered by structure, not selected
        query, hits = assistant.candidates(q.question, q.history_dicts(), search_without_answer(assistant, q))
        if not hits:
            continue
        x = assistant.answerer.selector.features(query, hits)
        y = np.array([float(q.answerable and is_gold(gold_text(h.record.text, h.record.doc, q), q.gold))
                      for h in hits])
        if q.answerable and not y.any():
            continue  # the gold is not among the candidates: nothing to learn about selecting it
        out.append((x, y, q.answerable))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 300) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Logistic regression by Newton's method on standardised features (the bias column kept as is)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    pos = max(y.mean(), 1e-3)
    weight = np.where(y > 0, 0.5 / pos, 0.5 / (1 - pos))  # balance the few gold sentences against the many others
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (weight * (p - y)) + l2 * np.r_[0.0, w[1:]]
        hess = (z * (weight * p * (1 - p))[:, None]).T @ z + l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
        step = np.linalg.solve(hess + 1e-9 * np.eye(len(w)), grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return mean, scale, w


def cross_validated(groups, l2: float, folds: int = 5) -> list[tuple[np.ndarray, np.ndarray, bool]]:
    """Each question's probabilities from a model fitted without it."""
    out = []
    for k in range(folds):
        train = [g for i, g in enumerate(groups) if i % folds != k]
        x = np.concatenate([g[0] for g in train])
        y = np.concatenate([g[1] for g in train])
        mean, scale, w = fit(x, y, l2)
        model = SelectorModel(NAMES, mean, scale, w, 0.0)
        out += [(model.probabilities(g[0]), g[1], g[2]) for i, g in enumerate(groups) if i % folds == k]
    return out


def summary(scored, threshold: float) -> dict[str, float]:
    answerable = [s for s in scored if s[2]]
    other = [s for s in scored if not s[2]]
    top1 = np.mean([s[1][int(np.argmax(s[0]))] > 0 for s in answerable])
    fr = np.mean([s[0].max() < threshold for s in answerable])
    nr = np.mean([s[0].max() < threshold for s in other]) if other else float("nan")
    return {"top1": float(top1), "false_rejection": float(fr), "negative_rejection": float(nr)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_selector", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from assistant import Assistant
    from eval.library import ensure_library_index, library_settings

    base = Settings()
    groups = collect(Assistant.from_settings(base), load_questions(EVAL / "dev.jsonl"))
    laws = library_settings(base, "subset")
    ensure_library_index(laws, "subset", show_bar=False)
    groups += collect(Assistant.from_settings(laws), [q for q in load_questions(EVAL / "laws_dev.jsonl") if q.subset])
    print(f"{len(groups)} questions, {sum(len(g[1]) for g in groups)} candidates", file=sys.stderr)
    best = None
    for l2 in (0.1, 1.0, 10.0, 100.0):
        scored = cross_validated(groups, l2)
        top1 = summary(scored, 0.0)["top1"]
        print(f"l2={l2:g}: cross-validated top-1 {top1:.3f}")
        if best is None or top1 > best[1]:
            best = (l2, top1, scored)
    l2, _top1, scored = best
    print("threshold  top1  false_rejection  negative_rejection (cross-validated)")
    chosen = 0.0
    for threshold in np.round(np.arange(0.05, 0.96, 0.05), 2):
        s = summary(scored, threshold)
        print(f"{threshold:9.2f}  {s['top1']:.3f}  {s['false_rejection']:15.3f}  {s['negative_rejection']:18.3f}")
        if s["false_rejection"] <= MAX_FALSE_REJECTION:
            chosen = float(threshold)
    x = np.concatenate([g[0] for g in groups])
    y = np.concatenate([g[1] for g in groups])
    mean, scale, w = fit(x, y, l2)
    SelectorModel(NAMES, mean, scale, w, chosen).save(args.out, l2=l2, questions=len(groups))
    print(f"chose l2={l2:g}, threshold={chosen:.2f} (false rejection <= {MAX_FALSE_REJECTION}); wrote {args.out}")
    for name, weight in sorted(zip(NAMES, w), key=lambda t: -abs(t[1]))[:12]:
        print(f"  {name:16s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
