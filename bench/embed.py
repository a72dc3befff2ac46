"""Embedding speed and memory per backend: `python bench/embed.py [--n 2000] [--backends ...]`.

Each backend runs in a fresh process (so memory figures are its own) on the same N law
sentences from shared/corpus/laws (`passage: ` prefix, length-sorted batches) and on the
evaluation questions one at a time (`query: ` prefix). Prints, per backend:
- sentences per second (wall clock) and per CPU-second (steadier when other work shares the cores);
- single-question latency, median and p95;
- resident memory after loading the model, and the peak during the run.
The ONNX export is made (once) before timing. Figures are from one run on this machine.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BACKENDS = ("torch", "onnx-fp32", "onnx-int8")


def _memory_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB, from /proc."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _questions(limit: int) -> list[str]:
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][:limit]


def measure(backend: str, n: int, threads: int, n_queries: int) -> dict:
    """Run in the child process: load one backend, embed, time, report as a dict."""
    from index.embed import build_embeddings
    from law_sample import law_sentences
    from settings import Settings

    settings = Settings(embedding_backend=backend, torch_threads=threads, onnx_threads=threads)
    sentences, questions = law_sentences(n), _questions(n_queries)
    t = time.perf_counter()
    embedder = build_embeddings(settings)
    loaded = time.perf_counter() - t
    rss_loaded, _ = _memory_mb()
    embedder.embed_documents(sentences[:32])  # warm-up: kernels, allocator
    wall, cpu = time.perf_counter(), time.process_time()
    embedder.embed_documents(sentences)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    embedder.embed_query(questions[0])
    latencies = []
    for q in questions:
        t = time.perf_counter()
        embedder.embed_query(q)
        latencies.append((time.perf_counter() - t) * 1e3)
    latencies.sort()
    return {"backend": backend, "sentences": len(sentences), "load_s": loaded, "per_s": len(sentences) / wall,
            "per_cpu_s": len(sentences) / cpu, "q_p50": statistics.median(latencies),
            "q_p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
            "rss_loaded": rss_loaded, "rss_peak": _memory_mb()[1]}


def prepare() -> None:
    """Materialise the model and its ONNX export before anything is timed."""
    from index.embed import onnx_folder, resolve_model_path
    from index.onnx_model import export_onnx
    from settings import Settings

    settings = Settings()
    model = resolve_model_path(settings)
    export_onnx(Path(model), onnx_folder(settings, model))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="law sentences to embed")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated backends")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads per backend (0 = its default)")
    parser.add_argument("--queries", type=int, default=100, help="questions timed one at a time")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.n, args.threads, args.queries)))
        return 0
    prepare()
    rows = []
    load_before = os.getloadavg()[0]
    for backend in args.backends.split(","):
        cmd = [sys.executable, __file__, "--child", backend, "--n", str(args.n), "--threads", str(args.threads),
               "--queries", str(args.queries)]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if done.returncode:
            print(f"{backend} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
            return 1
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"… {backend} done", file=sys.stderr)
    print(f"{rows[0]['sentences']} law sentences, {args.queries} questions, threads={args.threads or 'default'}, "
          f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| backend | sentences/s | sentences/CPU-s | query p50 ms | query p95 ms | load s | RSS loaded MB | RSS peak MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['backend']} | {r['per_s']:.0f} | {r['per_cpu_s']:.0f} | {r['q_p50']:.1f} | {r['q_p95']:.1f} "
              f"| {r['load_s']:.1f} | {r['rss_loaded']:.0f} | {r['rss_peak']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
