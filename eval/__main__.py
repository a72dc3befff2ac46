"""Command line: ``python -m eval [--questions PATH] [--library subset|full] [--leave-out] [--compare | --baseline] [--gate]``.

Runs the question set against the current settings (or, with ``--compare``, against
bm25, dense, hybrid and the naive LangChain baseline), prints the metric table,
writes eval/reports/<timestamp>/, and with ``--gate`` exits 1 when a threshold fails.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from eval.dataset import DEFAULT_QUESTIONS, load_questions
from eval.gate import DEFAULT_THRESHOLDS, evaluate_gate, load_thresholds, tag_metrics
from eval.report import REPORTS_DIR, metric_table, new_report_dir, write_report
from eval.runner import CONFIGS, run_configs

DESCRIPTION = (
    "Evaluate the assistant on a question set: print the metric table and write "
    "eval/reports/<timestamp>/ (metrics.json, report.md, rows.jsonl, chart.png)."
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval", description=DESCRIPTION)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="question set (JSON Lines)")
    parser.add_argument("--compare", action="store_true", help=f"run {', '.join(CONFIGS)} side by side")
    parser.add_argument("--baseline", action="store_true",
                        help="run the naive LangChain RAG beside the configured assistant (it never abstains: its "
                        "leave-out copies are asked of the whole index)")
    parser.add_argument("--gate", action="store_true", help="check thresholds; exit 1 if any fails")
    parser.add_argument("--thresholds", type=Path, default=DEFAULT_THRESHOLDS, help="gate thresholds (TOML)")
    parser.add_argument("--reports-dir", type=Path, default=REPORTS_DIR, help="where report folders go")
    parser.add_argument("--no-report", action="store_true", help="print only; write no report folder")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N questions")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument("--library", choices=("subset", "full"), default=None,
                        help="answer over the library (QA_LAWS_DIR): its CI subset (eval/laws_subset.txt, only the "
                        "questions marked subset) or all of it; the index is built or updated first")
    parser.add_argument("--leave-out", action="store_true",
                        help="also ask each answerable question with its answering documents filtered out "
                        "(scored as unanswerable, tag leave_out)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="-v info, -vv debug logging")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    from settings import Settings

    settings = Settings()
    questions = load_questions(args.questions)[: args.limit]
    paths = None
    if args.library:
        from eval.library import ensure_library_index, library_settings, questions_for, subset_entries

        settings = library_settings(settings, args.library)
        ensure_library_index(settings, args.library, show_bar=not args.no_progress)
        questions = questions_for(questions, args.library)
        if args.library == "subset":
            paths = [settings.laws_dir / entry for entry in subset_entries()]
    search_for = None
    if args.leave_out:
        from eval.leave_out import leave_out_questions, search_without_answer

        questions = questions + leave_out_questions(questions)
        search_for = search_without_answer
    thresholds = load_thresholds(args.thresholds) if args.gate else None
    primary = settings.retrieval_mode
    configs = list(CONFIGS) if args.compare else [primary, "naive"] if args.baseline else [primary]
    if primary not in configs:
        configs.append(primary)
    results = run_configs(configs, questions, base=settings, progress=not args.no_progress, paths=paths,
                          search_for=search_for)

    print(metric_table({config: metrics for config, (_, metrics) in results.items()}))
    gate_lines: list[str] = []
    failed = False
    if thresholds is not None:
        rows, metrics = results[primary]
        checks = evaluate_gate({**metrics, **tag_metrics(rows)}, thresholds)
        gate_lines = [check.describe() for check in checks]
        failed = not all(check.passed for check in checks)
        print(f"\nGate on {primary}: {'FAILED' if failed else 'passed'}")
        print("\n".join(gate_lines))
    if not args.no_report:
        from assistant.selector import SelectorModel

        model = SelectorModel.load(settings.selector_file) if settings.answer_selector == "model" else None
        out_dir = write_report(results, args.questions, new_report_dir(args.reports_dir), primary, gate_lines,
                               threshold=model.threshold if model else None)
        print(f"\nReport: {out_dir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
