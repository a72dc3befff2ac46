"""`python -m index build [PATH ...]` builds or updates the index; `python -m index status [--json]` describes it; `python -m index repair` refills Chroma from the segments."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from prompts import render
from settings import Settings

from .build import build_index, index_exists
from .status import library_status, status_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="index the seeds folder, or the given files and folders")
    build.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the seeds folder)")
    build.add_argument("--if-missing", action="store_true", help="do nothing when an index exists")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    sub.add_parser("repair", help="refill the vector store from the index's own copy of the vectors")
    status = sub.add_parser("status", help="documents, sentences, skipped files, the model and the last build")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    if args.command == "status":
        found = library_status(settings)
        if found is None:
            print(render("no_index"))
            return 1
        print(json.dumps(found, ensure_ascii=False, indent=2) if args.json else status_table(found))
        return 0 if found["healthy"] else 2
    if args.command == "repair":
        from .repair import repair_vectors

        print(render("repair_done", count=repair_vectors(settings)))
        return 0
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if args.if_missing and index_exists(settings):
        print(render("build_present"), file=sys.stderr)
        return 0
    report = build_index(settings, args.paths or None, show_bar=not args.quiet and sys.stderr.isatty())
    for line in report.skipped:
        print(render("build_skipped_line", line=line), file=sys.stderr)
    print(render("build_summary", documents=report.documents, sentences=report.sentences, embedded=report.embedded,
                 updated=len(report.updated), unchanged=len(report.unchanged), removed=len(report.removed),
                 skipped=len(report.skipped) + len(report.skipped_unchanged), seconds=f"{report.seconds:.2f}",
                 rate=f"{report.rate:.0f}"))
    if not report.verified:
        print(render("build_unverified", vectors=report.vectors, sentences=report.sentences), file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
