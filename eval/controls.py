"""Controls that test the grounding measure itself, for choosing its n-gram size and threshold.

Every marked claim is scored at each n of `SWEEP_N` in six ways. Two should be
judged grounded:

- ``cited``: the claim against its own citations (the real measure);
- ``edited``: the claim with its middle unit replaced, against its own citations —
  the lightest rewording (a changed particle, one variant character).

Four should not:

- ``spliced``: the last quarter of the claim replaced by units of a random sentence —
  a claim carrying an unsupported addendum, against its own citations;
- ``shuffled``: the claim's units in random order, against its own citations — the
  right characters making a different statement;
- ``random``: the claim against a random uncited sentence of the store;
- ``related``: the claim against the best related sentence it did not cite (same topic).
"""
from __future__ import annotations

import random
from typing import Sequence

from eval.metrics import strip_markers, unit_containment, units

SWEEP_N = (1, 2, 3)
SUPPORTED = ("cited", "edited")
UNSUPPORTED = ("spliced", "shuffled", "random", "related")
KINDS = SUPPORTED + UNSUPPORTED
EDIT_UNIT = "\u3400"  # a rare CJK character: matches nothing in the documents
SPLICE_SHARE = 0.25


def edited(claim_units: list[str]) -> list[str]:
    out = list(claim_units)
    if out:
        out[len(out) // 2] = EDIT_UNIT
    return out


def spliced(claim_units: list[str], other_units: list[str]) -> list[str]:
    """The claim with its last `SPLICE_SHARE` (at least one unit) taken from another text."""
    if not claim_units or not other_units:
        return list(claim_units)
    replaced = max(1, round(len(claim_units) * SPLICE_SHARE))
    tail = [other_units[i % len(other_units)] for i in range(replaced)]
    return claim_units[: len(claim_units) - replaced] + tail


def shuffled(claim_units: list[str], rng: random.Random) -> list[str]:
    out = list(claim_units)
    rng.shuffle(out)
    return out


def claim_sweep(
    claim: str,
    cited: Sequence[str],
    stranger: str | None,
    related: str | None,
    rng: random.Random,
) -> dict[str, dict[str, float]]:
    """Containment of each control kind at each n (keys are strings, for JSON)."""
    base = units(strip_markers(claim))
    variants: dict[str, tuple[list[str], Sequence[str]]] = {
        "cited": (base, cited),
        "edited": (edited(base), cited),
        "shuffled": (shuffled(base, rng), cited),
    }
    if stranger is not None:
        variants["spliced"] = (spliced(base, units(stranger)), cited)
        variants["random"] = (base, [stranger])
    if related is not None:
        variants["related"] = (base, [related])
    return {
        kind: {str(n): round(unit_containment(claim_units, sources, n), 4) for n in SWEEP_N}
        for kind, (claim_units, sources) in variants.items()
    }
