"""Speed of the default stack: `python bench/latency.py [--rounds 3]`.

Prints, in one run on this machine:
- the median and p95 milliseconds from question to answer (`Assistant.ask`) over the
  evaluation questions, for the default hybrid chain and, as the baseline, the question
  embedded and Chroma's 4 nearest sentences taken from the same store (word cuts, which
  the assistant remembers, are forgotten before each question: rounds repeat them);
- with `--compare-selector FILE`, the same questions answered with another selector's weights (e.g. one
  without the reader: `git show 8954bec:assistant/data/selector.json > /tmp/plain.json`);
- the seconds to index the seed folder into an empty store once the model is
  materialised (a fresh data folder each time), and to rebuild it unchanged.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import Assistant, Settings  # noqa: E402
from eval.aggregate import percentiles  # noqa: E402
from index.build import build_index  # noqa: E402
from index.embed import resolve_model_path  # noqa: E402
from index import tokens  # noqa: E402
from assistant.reader import forget_readings  # noqa: E402


def forget_cuts() -> None:
    """Word cuts and the reader's scores are remembered; a question asked again must not find its own."""
    tokens._words.cache_clear()
    tokens.tagged.cache_clear()
    forget_readings()  # the reader's remembered scores too


def time_calls(fn, questions: list[str], rounds: int) -> list[float]:
    fn(questions[0])  # warm-up: jieba's dictionary, torch kernels
    out = []
    for _ in range(rounds):
        for q in questions:
            forget_cuts()
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1e3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare-selector", type=Path, help="also time Assistant.ask with these selector weights")
    args = parser.parse_args()
    settings = Settings()
    model = resolve_model_path(settings)
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]

    builds, rebuilds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds + 1):  # round 0 loads torch and the model; it is not counted
            fresh = Settings(data_dir=Path(tmp) / f"data{i}", embedding_model=model)
            fresh.data_dir.mkdir(parents=True)
            t = time.perf_counter()
            report = build_index(fresh)
            built = time.perf_counter() - t
            t = time.perf_counter()
            build_index(fresh)
            if i:
                builds.append(built)
                rebuilds.append(time.perf_counter() - t)

    assistant = Assistant.from_settings(Settings(embedding_model=model))
    store = assistant.retriever.store
    hybrid = time_calls(assistant.ask, questions, args.rounds)
    naive = time_calls(lambda q: store.nearest(assistant.retriever.embed(q), 4), questions, args.rounds)
    other = None
    if args.compare_selector:
        compared = Assistant.from_settings(Settings(embedding_model=model, selector_file=args.compare_selector))
        other = time_calls(compared.ask, questions, args.rounds)
    print(f"questions: {len(questions)} x {args.rounds} rounds; sentences indexed: {report.sentences}")
    print(f"{'path':42} {'median ms':>10} {'p95 ms':>8}")
    print(f"{'Assistant.ask (hybrid, extractive)':42} {statistics.median(hybrid):10.1f} {percentiles(hybrid)['p95']:8.1f}")
    if other is not None:
        label = f"Assistant.ask, selector {args.compare_selector.name}"
        print(f"{label[:42]:42} {statistics.median(other):10.1f} {percentiles(other)['p95']:8.1f}")
    print(f"{'baseline: embed + Chroma nearest k=4':42} {statistics.median(naive):10.1f} {percentiles(naive)['p95']:8.1f}")
    print(f"index the seeds into an empty store: median {statistics.median(builds):.2f} s "
          f"(embedding {report.embedded} sentences); unchanged rebuild: median {statistics.median(rebuilds):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
