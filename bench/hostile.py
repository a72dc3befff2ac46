"""Seconds `Assistant.ask` takes on the hostile inputs of issue 6 §1 and §5: `python bench/hostile.py`.

Indexes the seeds into a temporary data folder with the materialised model, then times one
call each (after a warm-up question) and prints the seconds, the error code and the first
words of the answer. `--skip-slow` leaves out the 200,000-character history (minutes before
the fix). Figures are indicative: the machine's cores are shared.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import Assistant  # noqa: E402
from index.build import build_index  # noqa: E402
from index.embed import resolve_model_path  # noqa: E402
from settings import Settings  # noqa: E402

PARENT = "这属于哪一项工作？"


def cases(skip_slow: bool) -> dict[str, tuple[object, object]]:
    long_answer = [{"role": "user", "content": "x"}, {"role": "assistant", "content": "蓉漂" * 20000}]
    found = {
        "normal question": ("如何提升“蓉漂”品牌的海外影响力？", []),
        "follow-up after a 40,000-char answer": (PARENT, long_answer),
        "那呢？ after a 40,000-char answer": ("那呢？", long_answer),
        "question 123": (123, []),
        "history as a string": ("那呢？", "x"),
        "history [None]": ("那呢？", [None]),
        "lone surrogate in the question": ("\ud800", []),
        "2,000 follow-up turns": ("那呢？", [{"role": "user", "content": "那呢？"}] * 2000),
        "5 MB question": ("蓉漂" * 2_500_000, []),
    }
    if not skip_slow:
        found["follow-up after a 400,000-char answer"] = (
            PARENT, [{"role": "user", "content": "x"}, {"role": "assistant", "content": "蓉漂" * 200000}])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-slow", action="store_true")
    args = parser.parse_args()
    model = resolve_model_path(Settings(data_dir=ROOT / "data"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embedding_model=str(model))
        build_index(settings)
        assistant = Assistant.from_settings(settings)
        assistant.ask("成都如何吸引人才？")  # warm-up: jieba's dictionary, torch kernels
        print(f"{'case':42} {'seconds':>8}  {'error':14} answer")
        for name, (question, history) in cases(args.skip_slow).items():
            started = time.perf_counter()
            try:
                answer = assistant.ask(question, history)  # type: ignore[arg-type]
                error, text = answer.error or "-", answer.answer[:30].replace("\n", " ")
            except Exception as exc:  # noqa: BLE001 - what the code before the fix did
                error, text = "EXCEPTION", f"{type(exc).__name__}: {str(exc)[:60]}"
            print(f"{name:42} {time.perf_counter() - started:8.2f}  {error:14} {text}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
