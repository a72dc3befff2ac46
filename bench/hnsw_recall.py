"""How much of the exact nearest neighbours Chroma's HNSW index returns, and at what cost, per `ef_search`:
`python bench/hnsw_recall.py --library full --ef 100,200,400,800`.

For every question of the question set that the library can answer (its embedding as the assistant makes it),
the exact 30 nearest sentences (a scan over the index's own vectors) are compared with the first 30 the store
returns when asked for 70, as the retriever asks. Each ef_search runs in a fresh process, because Chroma reads
the value when it loads the index; the collection is left with the configured value (`QA_HNSW_EF_SEARCH`).
Prints recall@30 (mean and worst question) and the median and p95 milliseconds of one search.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

K, ASKED = 30, 70


def measure(library: str, questions: Path, ef: int) -> dict:
    import numpy as np

    from assistant.wiring import build_parts
    from eval.aggregate import percentiles
    from eval.library import library_settings
    from settings import Settings

    settings = library_settings(Settings(), library).model_copy(update={"hnsw_ef_search": ef})
    view, records, retriever, *_ = build_parts(settings)
    rows = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["question"] for r in rows if library == "full" or r.get("subset")]
    gen = view.current()
    recalls, millis = [], []
    for text in texts:
        q = retriever.embed(text)
        exact = set(int(i) for i in np.argsort(-gen.cosines(q))[:K])
        started = time.perf_counter()
        found = retriever.store.nearest(q, ASKED)
        millis.append((time.perf_counter() - started) * 1e3)
        catalogue = records.rows_of_ids([sid for sid, _ in found])
        where = gen.index_of_sid(np.array([catalogue[s] for s, _ in found if s in catalogue], dtype=np.int64))
        recalls.append(len(exact & {int(i) for i in where[where >= 0][:K]}) / K)
    spread = percentiles(millis)
    return {"ef": ef, "questions": len(texts), "sentences": gen.total, "recall": float(np.mean(recalls)),
            "worst": float(min(recalls)), "p50_ms": spread["p50"], "p95_ms": spread["p95"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", choices=("subset", "full"), default="subset")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "laws_dev.jsonl")
    parser.add_argument("--ef", default="100,200,400,800", help="comma-separated ef_search values")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: measure one value
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.library, args.questions, args.one)))
        return 0
    print(f"| ef_search | recall@{K} | worst question | search ms p50 / p95 |\n|---|---|---|---|")
    results = []
    for ef in [int(v) for v in args.ef.split(",")] + [0]:
        from settings import Settings

        value = ef or Settings().hnsw_ef_search  # last: put the configured value back on the collection
        out = subprocess.run([sys.executable, __file__, "--library", args.library, "--questions",
                              str(args.questions), "--one", str(value)], capture_output=True, text=True, check=True)
        if ef:
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(r)
            print(f"| {ef} | {r['recall']:.4f} | {r['worst']:.3f} | {r['p50_ms']:.1f} / {r['p95_ms']:.1f} |", flush=True)
    print(f"{results[0]['questions']} questions, {results[0]['sentences']:,} sentences ({args.library})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
