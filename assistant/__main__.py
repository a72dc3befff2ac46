"""`python -m assistant ask "问题" [--json] [--file questions.txt]`."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from prompts import render
from .types import Answer


def source_line(c) -> str:
    """Title · version date · chapter · article (or section) · page, whichever the citation has."""
    parts = [c.title or c.doc, c.version_date, c.chapter, c.article or c.section,
             render("cli_page", page=c.page) if c.page else ""]
    return " · ".join(p for p in parts if p)


def format_answer(answer: Answer) -> str:
    """The answer and its numbered sources, for a terminal."""
    lines = [answer.answer, *(f"({n})" for n in answer.notices)]
    sections = ((render("sources_heading"), answer.citations),
                (render("related_heading"), answer.related if answer.abstained else []))
    for heading, items in sections:
        if items:
            lines += ["", heading + ":"]
            lines += [f"[{c.n}] {source_line(c)}\n    {c.text}" for c in items]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Ask the documents a question.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer a question, or one per line of --file")
    ask.add_argument("question", nargs="?", help="the question (omit with --file)")
    ask.add_argument("--json", action="store_true", help="print the answer object as JSON (one line each)")
    ask.add_argument("--file", type=Path, help="a UTF-8 file with one question per line")
    ask.add_argument("--doc", action="append", help="search only this document (path or title; repeatable)")
    ask.add_argument("--category", action="append", help="search only this category (top folder; repeatable)")
    ask.add_argument("--all-versions", action="store_true", help="search older versions of documents too")
    args = parser.parse_args(argv)
    if (args.question is None) == (args.file is None):
        parser.error("give either a question or --file")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    if args.file is not None:  # read the questions before spending seconds on loading the model
        try:
            questions = [q for q in args.file.read_text(encoding="utf-8").splitlines() if q.strip()]
        except (OSError, UnicodeDecodeError) as exc:
            parser.error(f"cannot read {args.file}: {exc}")
    else:
        questions = [args.question]

    from index.status import check_health
    from settings import Settings

    settings = Settings()
    health = check_health(settings, vectors=False)
    if not health.exists or not health.ok:
        print("\n".join(health.problems) if health.exists else render("no_index"))
        return 1 if not health.exists else 2
    from .chain import Assistant
    from .index_view import SearchFilter

    assistant = Assistant.from_settings(settings)
    search = SearchFilter(categories=tuple(args.category or ()), all_versions=args.all_versions,
                          docs=tuple(_doc_ids(assistant, args.doc or [])))
    for question in questions:
        answer = assistant.ask(question, search=search)
        if args.json:
            print(json.dumps(answer.model_dump(), ensure_ascii=False), flush=True)
        elif len(questions) > 1:
            print(f"? {question}\n{format_answer(answer)}\n", flush=True)
        else:
            print(format_answer(answer), flush=True)
    return 0


def _doc_ids(assistant, names: list[str]) -> list[int]:
    """Catalogue ids of documents given by path or (short) title."""
    ids = []
    for name in names:
        found = assistant.library.documents("path = ? OR title = ? OR short_title = ?", (name, name, name))
        if not found:
            raise SystemExit(render("cli_unknown_document", document=name))
        ids += [d.id for d in found]
    return ids


if __name__ == "__main__":
    sys.exit(main())
