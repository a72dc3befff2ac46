"""One move the order of preference makes again and again: a close candidate that answers by its form leads.

A step of preferences.py decides that the best candidate lacks something the question asks for (a rule rather
than a condition, an amount counted in the asked period, a list); the first candidate behind it, among the next
`window`, that has it and that the selector rates at least `share` of the likeliest, takes the lead. The
likeliest, not the first: earlier steps reorder, so the first may be rated low.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .types import Hit


def likeliest(hits: Sequence[Hit]) -> float | None:
    """The highest probability the selector gave a candidate (None when none was rated)."""
    return max((h.probability for h in hits if h.probability is not None), default=None)


def close_one_first(hits: Sequence[Hit], has: Callable[[Hit], bool], window: int, share: float) -> list[Hit]:
    """`hits` with the first close candidate after the best that `has` what the best lacks in the lead."""
    best = likeliest(hits)
    for i, hit in enumerate(hits[1: window + 1], 1):
        if best is not None and (hit.probability or 0.0) < share * best:
            continue
        if has(hit):
            return [hit, *hits[:i], *hits[i + 1:]]
    return list(hits)
