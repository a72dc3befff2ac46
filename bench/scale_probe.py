"""One measurement of bench/scale.py in a fresh process (so start-up and memory are its own).

`python bench/scale_probe.py assistant|naive DATA --laws LAWS` with the indexed files on stdin;
prints one JSON line: ready seconds, RSS, latency p50/p95 per stage, hit@5 on the library
questions whose documents are among the files.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb(field: str = "VmRSS") -> float:
    """Resident MB (VmRSS), or of it the anonymous (RssAnon) or the file-backed part (RssFile: pages of the
    memory-mapped index, which the kernel can drop and read again)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("assistant", "naive"))
    parser.add_argument("data", type=Path)
    parser.add_argument("--laws", type=Path, required=True)
    parser.add_argument("--model", required=True, help="the embedding model the index was built with")
    args = parser.parse_args()
    files = [Path(line) for line in sys.stdin.read().splitlines() if line.strip()]
    names = {f.resolve().relative_to(args.laws.resolve()).as_posix() for f in files}

    from eval.aggregate import percentiles
    from eval.dataset import is_gold, load_questions
    from eval.scoring import gold_text
    from settings import Settings

    questions = [q for q in load_questions(ROOT / "eval" / "laws.jsonl")
                 if q.answerable and q.docs and any(d in names for d in q.docs) and "article" not in q.tags]
    settings = Settings(data_dir=args.data, seeds_dir=args.laws, embedding_model=args.model)
    out: dict = {}
    if args.kind == "assistant":
        from assistant import Assistant

        assistant = Assistant.from_settings(settings)
        out["ready_s"] = round(time.perf_counter() - STARTED, 2)
        ask = lambda q: assistant.run(q.question, q.history_dicts())  # noqa: E731
    else:
        from eval.naive import NaiveRag

        started = time.perf_counter()
        naive = NaiveRag.from_settings(settings, files)
        out["index_s"] = round(time.perf_counter() - started, 1)
        out["chunks"] = len(naive.records)
        ask = lambda q: naive.run(q.question)  # noqa: E731
    ask(questions[0]) if questions else None  # warm-up
    out["warm_s"] = round(time.perf_counter() - STARTED, 2)  # the app's "ready": loaded and one question asked
    stages: dict[str, list[float]] = {}
    hits5 = 0
    for q in questions:
        answer, hits = ask(q)
        for stage, ms in answer.timings.items():
            stages.setdefault(stage, []).append(ms)
        hits5 += any(is_gold(gold_text(h.record.text, h.record.doc, q), q.gold) for h in hits[:5])
    out.update({"rss_mb": rss_mb(), "rss_anon_mb": rss_mb("RssAnon"), "rss_file_mb": rss_mb("RssFile"),
                "questions": len(questions),
                "hit_at_5": round(hits5 / len(questions), 3) if questions else None,
                "latency_ms": {s: {k: round(v, 1) for k, v in percentiles(ms).items()} for s, ms in stages.items()}})
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
