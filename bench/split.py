"""Splitting odd documents (issue 6 §6): `python bench/split.py [--scale 1.0]`.

Prints, for each reproduction, the seconds `split_document` takes, the sentences it
produced, and the peak memory Python allocated while splitting (tracemalloc, in a second,
untimed run), and the same peak when the sentences are consumed one at a time from
`iter_sentences` without being kept (what a streaming build does):

- one 5 MB line without punctuation (1.7 million CJK characters);
- 100,000 one-line sentences;
- one line of 10,000 clauses alternately ended by `；` and `。` (the semicolon rule).

`--scale 0.1` shrinks every input tenfold (a quick look on a busy machine). Figures are
indicative: the machine's cores are shared.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import split as splitter  # noqa: E402
from index.types import SourceDoc  # noqa: E402

CLAUSE = "坚持把服务群众作为基层组织的根本任务"  # 18 characters, no punctuation


def cases(scale: float) -> dict[str, str]:
    chars = int(5_000_000 / 3 * scale)  # 3 UTF-8 bytes per character
    lines = int(100_000 * scale)
    return {
        f"5 MB line, no punctuation ({chars:,} chars)": (CLAUSE * (chars // len(CLAUSE) + 1))[:chars],
        f"{lines:,} one-line sentences": "".join(f"第{i}条规定要认真落实。\n" for i in range(lines)),
        f"one line, {lines // 10:,} clauses with ；": "".join(
            f"{CLAUSE}{i}；{CLAUSE}。" for i in range(lines // 20)),
    }


def peak_mb(run: Callable[[], object]) -> float:
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def consume(doc: SourceDoc) -> int:
    """Count the sentences of `doc` one at a time (the list when there is no generator)."""
    if hasattr(splitter, "iter_sentences"):
        return sum(1 for _ in splitter.iter_sentences(doc))
    return len(splitter.split_document(doc))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--no-memory", action="store_true", help="time only (tracemalloc slows splitting)")
    args = parser.parse_args()
    print(f"{'case':45} {'seconds':>9} {'sentences':>10} {'peak MB (list)':>15} {'peak MB (stream)':>17}")
    for name, text in cases(args.scale).items():
        doc = SourceDoc(path=Path("bench.txt"), name="bench.txt", text=text)
        started = time.perf_counter()
        count = len(splitter.split_document(doc))
        seconds = time.perf_counter() - started
        doc = SourceDoc(path=Path("bench.txt"), name="bench.txt", text=text)  # no cached digest
        listed = streamed = float("nan")
        if not args.no_memory:
            listed = peak_mb(lambda: splitter.split_document(doc))
            streamed = peak_mb(lambda: consume(doc))
        print(f"{name:45} {seconds:9.2f} {count:10,} {listed:15.1f} {streamed:17.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
