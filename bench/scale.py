"""Growth curves: `python bench/scale.py [--sizes 10000 30000 100000 300000] [--naive-max 30000]`.

Indexes nested subsets of the library (QA_LAWS_DIR) into one data folder, growing it build
by build, and at each size measures, each in a fresh process: index throughput of the
increment (read, split, tokenise, embed, write), start-up to ready, serving RSS, question
latency p50/p95 per stage and hit@5 on the library questions whose documents are indexed.
The naive LangChain tutorial RAG (1000/200 chunks in Chroma, similarity_search k=4) runs on
the same subsets up to --naive-max. At the largest size it also times an unchanged rebuild
and adding one document. Each size's row is kept in bench/scale.json, so a later run can grow the
same data folder to a larger size (`--sizes 300000`) and the report still shows every size measured.
Writes BENCHMARKS.md's tables and bench/scale.png from all kept rows.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from settings import Settings  # noqa: E402

ENDS = re.compile(r"[。！？；]")
PROBE = ROOT / "bench" / "scale_probe.py"
RESULTS = ROOT / "bench" / "scale.json"


def kept_rows(path: Path) -> dict[int, dict]:
    """Rows of earlier runs by size (sizes measured again replace them)."""
    if not path.is_file():
        return {}
    return {row["size"]: row for row in json.loads(path.read_text(encoding="utf-8"))["rows"]}


def ordered_files(laws: Path, questions: list[dict]) -> list[tuple[Path, int]]:
    """Every library file with its estimated sentence count: the questions' documents first, then the
    rest in a fixed pseudo-random order (so each size contains the smaller ones)."""
    wanted = {d for q in questions for d in q.get("docs", [])}
    files = [p for p in laws.rglob("*.md") if p.name != "README.md"]
    key = lambda p: (p.relative_to(laws).as_posix() not in wanted,  # noqa: E731
                     hashlib.sha1(p.relative_to(laws).as_posix().encode()).hexdigest())
    return [(p, len(ENDS.findall(p.read_text(encoding="utf-8")))) for p in sorted(files, key=key)]


def probe(kind: str, data: Path, files: list[Path], settings: Settings) -> dict:
    args = [sys.executable, str(PROBE), kind, str(data), "--laws", str(settings.laws_dir),
            "--model", settings.embedding_model]
    done = subprocess.run(args, input="\n".join(map(str, files)), capture_output=True, text=True, cwd=ROOT,
                          timeout=6 * 3600)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} probe failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000, 100000, 300000])
    parser.add_argument("--naive-max", type=int, default=30000)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "scale")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="print the results only")
    parser.add_argument("--fresh", action="store_true", help="forget the rows kept from earlier runs")
    args = parser.parse_args()
    settings = Settings()
    from index.build import build_index
    from index.embed import resolve_model_path

    questions = [json.loads(line) for line in (ROOT / "eval" / "laws.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    files = ordered_files(settings.laws_dir, questions)
    model = resolve_model_path(settings)
    indexed = settings.model_copy(update={"data_dir": args.data, "seeds_dir": settings.laws_dir,
                                          "embedding_model": model})
    args.data.mkdir(parents=True, exist_ok=True)
    rows, taken, total = [], [], 0
    for size in sorted(args.sizes):
        while files and total < size:
            path, count = files.pop(0)
            taken.append(path)
            total += count
        report = build_index(indexed, list(taken), show_bar=sys.stderr.isatty())
        row = {"size": report.sentences, "documents": report.documents, "index_rate": report.rate,
               "embedded": report.embedded, "index_s": report.seconds,
               **probe("assistant", args.data, taken, indexed)}
        if size <= args.naive_max:
            row["naive"] = probe("naive", args.data, taken, indexed)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    started = time.perf_counter()
    unchanged = build_index(indexed, list(taken))
    extra = {"unchanged_rebuild_s": round(time.perf_counter() - started, 2), "unchanged_embedded": unchanged.embedded,
             "unchanged_at": unchanged.sentences}
    if files:
        started = time.perf_counter()
        build_index(indexed, [*taken, files[0][0]])
        extra["add_one_document_s"] = round(time.perf_counter() - started, 2)
        extra["add_one_at"] = unchanged.sentences
    print(json.dumps(extra), flush=True)
    if not args.no_write:
        from bench.scale_report import write_report

        merged = {} if args.fresh else kept_rows(RESULTS)
        merged.update({row["size"]: row for row in rows})
        rows = [merged[size] for size in sorted(merged)]
        RESULTS.write_text(json.dumps({"rows": rows, "extra": extra}, ensure_ascii=False, indent=1) + "\n",
                           encoding="utf-8")
        write_report(rows, extra, args.out, ROOT / "bench" / "scale.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
