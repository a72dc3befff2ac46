"""`python -m assistant ask "问题" [--json] [--file questions.txt]`."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from prompts import render
from .types import Answer


def format_answer(answer: Answer) -> str:
    """The answer and its numbered sources, for a terminal."""
    lines = [answer.answer, *(f"({n})" for n in answer.notices)]
    sections = ((render("sources_heading"), answer.citations),
                (render("related_heading"), answer.related if answer.abstained else []))
    for heading, items in sections:
        if items:
            lines += ["", heading + ":"]
            lines += [f"[{c.n}] {c.title} · {c.section or '—'}\n    {c.text}" for c in items]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Ask the documents a question.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer a question, or one per line of --file")
    ask.add_argument("question", nargs="?", help="the question (omit with --file)")
    ask.add_argument("--json", action="store_true", help="print the answer object as JSON (one line each)")
    ask.add_argument("--file", type=Path, help="a UTF-8 file with one question per line")
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

    from .chain import Assistant

    assistant = Assistant.from_settings()
    for question in questions:
        answer = assistant.ask(question)
        if args.json:
            print(json.dumps(answer.model_dump(), ensure_ascii=False), flush=True)
        else:
            print(format_answer(answer) + ("\n" if len(questions) > 1 else ""), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
