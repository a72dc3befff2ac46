"""`python -m index build [PATH ...]` builds or updates the index; `python -m index status` describes it."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from settings import Settings

from .build import build_index, index_exists, last_build


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="index the seeds folder, or the given files and folders")
    build.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the seeds folder)")
    build.add_argument("--if-missing", action="store_true", help="do nothing when an index exists")
    sub.add_parser("status", help="print counts, the model and the last build")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)

    if args.command == "status":
        record = last_build(settings)
        if record is None:
            print("No index yet: run `python -m index build`.")
            return 1
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0

    if args.if_missing and index_exists(settings):
        print("Index present; `python -m index build` refreshes it.", file=sys.stderr)
        return 0
    report = build_index(settings, args.paths or None, progress=_progress)
    for line in report.skipped:
        print(f"skipped {line}", file=sys.stderr)
    print(
        f"{report.documents} documents, {report.sentences} sentences; embedded {report.embedded} new sentences "
        f"({len(report.updated)} updated, {len(report.unchanged)} unchanged, {len(report.removed)} removed) "
        f"in {report.seconds:.2f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
