"""Where an answering process's memory goes: `python bench/memory.py [--library subset|full]`.

Loads the serving parts one after another in this process and prints the resident set size (RSS)
after each: the libraries, the word segmenter, the assistant (catalogue, index view, the question
graph and tokenizer, the vector store client) and the first questions (the store's HNSW index is
read on the first search). Without --library it measures the seed index of the current settings.
Figures are this machine's; one run.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ("试用期最长多久？", "劳动合同法第十九条", "What is the probation period?", "加班费怎么算？",
             "住房公积金缴存比例是多少？")


def rss_mb() -> tuple[float, float, float]:
    """(resident, of it anonymous, of it file-backed: pages of memory-mapped files, which the kernel can drop)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "RssAnon", "RssFile"))  # type: ignore[return-value]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", choices=("subset", "full"), default=None)
    parser.add_argument("--questions", type=int, default=0,
                        help="then ask this many of the library questions (eval/laws.jsonl) too")
    args = parser.parse_args()
    steps: list[tuple[str, tuple[float, float, float]]] = [("python", rss_mb())]
    from settings import Settings

    settings = Settings()
    if args.library:
        from eval.library import library_settings

        settings = library_settings(settings, args.library)
    import chromadb  # noqa: F401
    import langchain_core  # noqa: F401
    import numpy  # noqa: F401

    steps.append(("libraries (chromadb, langchain, numpy)", rss_mb()))
    from index.tokens import tagged, tokenize

    tokenize("试用期最长多久")
    tagged("试用期最长多久")
    steps.append(("word segmenter and tagger (jieba)", rss_mb()))
    from assistant import Assistant

    assistant = Assistant.from_settings(settings)
    steps.append(("assistant loaded", rss_mb()))
    assistant.ask(QUESTIONS[0])
    steps.append(("first question", rss_mb()))
    for question in QUESTIONS[1:]:
        assistant.ask(question)
    steps.append((f"{len(QUESTIONS)} questions", rss_mb()))
    if args.questions:
        import json

        lines = (ROOT / "eval" / "laws.jsonl").read_text(encoding="utf-8").splitlines()
        for line in [line for line in lines if line.strip()][: args.questions]:
            assistant.ask(json.loads(line)["question"])
        steps.append((f"{len(QUESTIONS)} + {args.questions} questions", rss_mb()))
    health = assistant.library.counts()
    print(f"index: {settings.data_dir} ({health[1]:,} sentences)\n")
    print("| after | RSS MB | added MB | anonymous MB | file-backed MB |\n| --- | --- | --- | --- | --- |")
    previous = 0.0
    for name, (value, anon, file) in steps:
        print(f"| {name} | {value:.0f} | {value - previous:+.0f} | {anon:.0f} | {file:.0f} |")
        previous = value
    return 0


if __name__ == "__main__":
    sys.exit(main())
