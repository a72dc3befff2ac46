"""One move the order of preference makes again and again: a close candidate that answers by its form leads.

A step of preferences.py decides that the best candidate lacks something the question asks for (a rule rather
than a condition, an amount counted in the asked period, the asked bound, a list); the first candidate behind it,
among the next `window`, of the same document, that has it and that the selector rates at least `share` of the
likeliest, takes the lead. The likeliest, not the first: earlier steps reorder, so the first may be rated low.
The same document: another document's sentence of the wanted form is on another subject (with the answering
document left out, "住房公积金…缴存比例最低是多少？" met a bound on 试用期的工资), and promoting it turned refusals
into wrong answers.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .types import Hit


def likeliest(hits: Sequence[Hit]) -> float | None:
    """The highest probability the selector gave a candidate (None when none was rated)."""
    return max((h.probability for h in hits if h.probability is not None), default=None)


def close_one_first(hits: Sequence[Hit], has: Callable[[Hit], bool], window: int, share: float,
                    any_document: bool = False, most: Callable[[Hit], int] | None = None) -> list[Hit]:
    """`hits` with the first close candidate of the best one's document after it that `has` what the best lacks
    in the lead (of any document with `any_document`: figures.amount_first, whose answerer already quoted it);
    with `most`, the first of those that has the most of it."""
    best, doc = likeliest(hits), hits[0].record.doc if hits else None
    chosen: tuple[int, int] | None = None  # (place, how much)
    for i, hit in enumerate(hits[1: window + 1], 1):
        if (hit.record.doc != doc and not any_document) or best is not None and (hit.probability or 0.0) < share * best:
            continue
        if has(hit):
            if most is None:
                return [hit, *hits[:i], *hits[i + 1:]]
            amount = most(hit)
            if chosen is None or amount > chosen[1]:
                chosen = (i, amount)
    if chosen is None:
        return list(hits)
    i = chosen[0]
    return [hits[i], *hits[:i], *hits[i + 1:]]
