"""The abstention trade-off: negative rejection against false rejection as the selector's threshold moves.

Each answer records the selector's P(answerable) (`Row.confidence`). At a threshold t a question is
taken to abstain when it abstained for another reason (a rule of the abstention policy, or no quoted
sentence holding the answer type: then it abstained with P at or above the operating threshold), or
when its P is below t. A question the selector turned down is taken to be answered once t is at or below
its P; whether another rule would then have stopped it is not known without asking again, so the
curve is a slight overestimate of answering below the operating point. Questions no selector judged
(article lookups, refusals) keep what they did. Answer accuracy counts an answerable question right when it
was answered right and still answers at t; one turned down at the operating point counts wrong below it (its
answer was never given), so below the operating point accuracy is a lower bound.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from eval.scoring import Row

GRID = tuple(round(float(t), 2) for t in np.arange(0.0, 0.51, 0.02))


def abstains_at(row: Row, threshold: float, operating: float) -> bool:
    if row.confidence is None:
        return row.abstained
    other_reason = row.abstained and row.confidence >= operating
    return other_reason or row.confidence < threshold


def curve(rows: Sequence[Row], operating: float, grid: Sequence[float] = GRID) -> list[dict]:
    """Per threshold: false rejection (answerable), negative rejection (unanswerable as written) and
    leave-out rejection (answerable questions asked without their documents), as in the metrics table;
    None where a group is empty."""
    answerable = [r for r in rows if r.answerable]
    negative = [r for r in rows if not r.answerable and "leave_out" not in r.tags]
    left_out = [r for r in rows if not r.answerable and "leave_out" in r.tags]
    with_facts = [r for r in answerable if r.facts]

    def share(group: list[Row], t: float) -> float | None:
        return round(float(np.mean([abstains_at(r, t, operating) for r in group])), 3) if group else None

    def accuracy(t: float) -> float | None:
        right = [r.accurate and not abstains_at(r, t, operating) for r in with_facts]
        return round(float(np.mean(right)), 3) if right else None

    points = sorted({*grid, round(operating, 2)})
    return [{"threshold": t, "false_rejection": share(answerable, t), "negative_rejection": share(negative, t),
             "leave_out_rejection": share(left_out, t), "answer_accuracy": accuracy(t),
             "operating": t == round(operating, 2)} for t in points]


def tradeoff_section(rows: Sequence[Row], operating: float | None) -> str:
    """A Markdown table of the curve, the operating point marked."""
    if operating is None or not any(r.confidence is not None for r in rows):
        return "No trained answer selector judged these answers: no threshold to move."
    fmt = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
    lines = ["Abstention when the selector's threshold moves (the operating point in bold; how each question "
             "is counted: eval/tradeoff.py).", "",
             "| threshold | false rejection | negative rejection | leave-out rejection | answer accuracy |",
             "|---|---|---|---|---|"]
    for p in curve(rows, operating):
        cells = [f"{p['threshold']:.2f}", fmt(p["false_rejection"]), fmt(p["negative_rejection"]),
                 fmt(p["leave_out_rejection"]), fmt(p["answer_accuracy"])]
        lines.append("| " + " | ".join(f"**{c}**" if p["operating"] else c for c in cells) + " |")
    return "\n".join(lines)
