"""`python -m eval.calibrate [--questions eval/dev.jsonl]`: the abstention signals per question.

Prints, for every question, whether it is answerable, whether the assistant
abstained and why, and the evidence behind the decision, then the negative- and
false-rejection rates. Thresholds in Settings were chosen by reading this table
on the development set, never on eval/questions.jsonl.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant import Assistant
from assistant.abstain import evidence


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate", description=__doc__)
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    args = parser.parse_args(argv)
    assistant = Assistant.from_settings()
    policy = assistant.answerer.policy
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {"A": [0, 0], "U": [0, 0]}  # kind -> [abstained, total]
    for row in rows:
        history = row.get("history", [])
        answer, hits = assistant.run(row["question"], history)
        ev = evidence(answer.resolved_question, hits, assistant.answerer.known)
        kind = "A" if row["gold"] else "U"
        counts[kind][0] += answer.abstained
        counts[kind][1] += 1
        why = policy.reason(ev) or ("chosen sentences lack the number, place or person asked for"
                                    if answer.abstained else "")
        flag = "ok " if answer.abstained == (kind == "U") else "BAD"
        print(f"{flag} {row['id']} {kind} abstained={answer.abstained!s:5} cos={ev.top_dense:.3f} "
              f"z={ev.top_z:.2f} cov={ev.coverage:.2f} missing={list(ev.missing)} {why} | {row['question'][:40]}")
    a_abs, a_n = counts["A"]
    u_abs, u_n = counts["U"]
    print(f"negative rejection {u_abs}/{u_n} = {u_abs / max(u_n, 1):.3f}; "
          f"false rejection {a_abs}/{a_n} = {a_abs / max(a_n, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
