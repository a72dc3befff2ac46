"""The measured argument for the grounding n-gram size and threshold.

`grounding_evidence` scores the controls of `eval.controls` over the marked claims of
a run; `grounding_section` renders them for report.md. A good (n, threshold) passes
the supported kinds (a claim in its own citations, even with one character edited)
and fails the unsupported ones; its *margin* is the smallest share of a supported
kind passing minus the largest share of an unsupported kind passing.
"""
from __future__ import annotations

from statistics import mean
from typing import Any, Mapping, Sequence

from eval.controls import KINDS, SUPPORTED, SWEEP_N, UNSUPPORTED
from eval.metrics import GROUNDING_N, GROUNDING_THRESHOLD
from eval.scoring import Row

THRESHOLD_SWEEP = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
LABELS = {
    "cited": "claim vs its citations",
    "edited": "one unit edited, vs its citations",
    "spliced": "last quarter from a random sentence, vs its citations",
    "shuffled": "units shuffled, vs its citations",
    "random": "claim vs a random uncited sentence",
    "related": "claim vs the best related uncited sentence",
}
Shares = Mapping[str, float | None]


def _passing(values: list[float], threshold: float) -> float | None:
    return sum(v >= threshold for v in values) / len(values) if values else None


def grounding_evidence(rows: Sequence[Row]) -> dict[str, Any]:
    """Mean containment and share passing, per n (at the threshold) and per threshold (at n)."""
    claims = [c for r in rows if not r.abstained for c in r.claims if c.sweep]

    def values(kind: str, n: int) -> list[float]:
        return [c.sweep[kind][str(n)] for c in claims if kind in c.sweep]

    by_n = {
        str(n): {
            kind: {"mean": mean(values(kind, n)) if values(kind, n) else None,
                   "passing": _passing(values(kind, n), GROUNDING_THRESHOLD)}
            for kind in KINDS
        }
        for n in SWEEP_N
    }
    by_threshold = {f"{t:g}": {kind: _passing(values(kind, GROUNDING_N), t) for kind in KINDS} for t in THRESHOLD_SWEEP}
    return {"n": GROUNDING_N, "threshold": GROUNDING_THRESHOLD, "claims": len(claims),
            "by_n": by_n, "by_threshold": by_threshold}


def margin(passing: Shares) -> float | None:
    supported = [passing[k] for k in SUPPORTED if passing.get(k) is not None]
    unsupported = [passing[k] for k in UNSUPPORTED if passing.get(k) is not None]
    if not supported:
        return None
    return min(supported) - max(unsupported, default=0.0)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(out + ["| " + " | ".join(line) + " |" for line in lines])


def _best(margins: Mapping[str, float | None], chosen: str) -> str:
    return max(margins, key=lambda key: (round(margins[key] or -1.0, 6), key == chosen))


def grounding_section(evidence: Mapping[str, Any]) -> str:
    n, threshold = str(evidence["n"]), f"{evidence['threshold']:g}"
    if not evidence["claims"]:
        return "No marked claim was answered, so there is nothing to measure."
    by_n, by_t = evidence["by_n"], evidence["by_threshold"]
    n_lines = [[f"{LABELS[k]} ({'supported' if k in SUPPORTED else 'unsupported'})",
                *(f"{by_n[size][k]['mean']:.2f} · {_pct(by_n[size][k]['passing'])}"
                  if by_n[size][k]["mean"] is not None else "–" for size in by_n)] for k in KINDS]
    n_margins = {size: margin({k: by_n[size][k]["passing"] for k in KINDS}) for size in by_n}
    n_lines.append(["**margin**", *(_pct(m) for m in n_margins.values())])
    t_margins = {t: margin(shares) for t, shares in by_t.items()}
    t_lines = [[t, *(_pct(shares[k]) for k in KINDS), _pct(t_margins[t])] for t, shares in by_t.items()]
    best_n, best_t = _best(n_margins, n), _best(t_margins, threshold)
    verdict = " ".join([
        f"With n={n} and threshold {threshold} the margin is {_pct(n_margins[n])};",
        "no other n-gram size" if best_n == n else f"n={best_n} gives a wider one ({_pct(n_margins[best_n])});",
        "" if best_n != n else "of the sweep does better, and",
        f"at n={n} no other threshold does better." if best_t == threshold
        else f"at n={n} threshold {best_t} gives a wider one ({_pct(t_margins[best_t])}).",
        "Unigrams cannot tell the cited characters in another order from the sentence itself (shuffled "
        "claims pass); longer n-grams lose more to each edited character. A lower threshold passes claims "
        "whose last quarter is unsupported (spliced); a higher one fails claims with one character edited.",
    ])
    return "\n\n".join([
        "Each answer claim (a sentence, markers stripped) is cut into units — one CJK character or one "
        "Latin word/number — and its containment is the share of its unit n-grams found in the sentences it "
        "cites. To choose n and the threshold, the measure is run on controls built from the "
        f"{evidence['claims']} marked claims of this run (see `eval/controls.py`): two that a sound measure "
        "must pass and four it must fail. Margin = smallest share passing of a supported control − largest "
        "share passing of an unsupported one.",
        f"Mean containment · share ≥ {threshold}, by n-gram size:",
        _table(["control", *(f"n={size}" for size in by_n)], n_lines),
        f"Share passing by threshold, at n={n}:",
        _table(["threshold", *KINDS, "margin"], t_lines),
        verdict,
    ])
