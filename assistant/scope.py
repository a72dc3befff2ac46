"""National rules before local ones when the question names no place.

In a library of national laws and the local regulations of many provinces and cities, "员工主动辞职需要
提前多少天告诉单位？" meets the same rule in 劳动合同法 and in 上海市人才流动条例. A question that names no
place asks what holds everywhere: the national document's sentence leads when the selector rates it
close enough to the local one's. A question that names a place ("在北京…") keeps the selector's order.
"""
from __future__ import annotations

from collections.abc import Sequence

from index.tokens import normalise
from index.tokens import tagged as tag_words

from .english import is_english
from .references import LOCAL_TITLE
from .types import Hit

# The national candidate leads when rated at least this share of the local one (chosen on eval/laws_dev.jsonl
# over the whole library among 0, 0.1, 0.3, 0.5 and never: hit@1 0.550 -> 0.587, citation precision 0.630 ->
# 0.678, answer accuracy unchanged; 0 cost accuracy).
NATIONAL_SHARE = 0.1


# A higher tier's candidate leads when rated at least this share of the best. Chosen on eval/laws_dev.jsonl over the
# whole library with the library's two tiers (eval/library.py): shares 0.03, 0.1 and 0.3 gave hit@1 0.618, 0.608,
# 0.608, accuracy 0.693, 0.678, 0.678 and negative rejection 0.750, 0.775, 0.775 (no tiers: 0.593, 0.663, 0.775).
# Three tiers (laws before administrative regulations) did more over the whole library (hit@1 0.638) but put the
# regulation that details a law after it on the subset (hit@5 0.915 -> 0.899).
AUTHORITY_SHARE = 0.1


def authority_first(hits: Sequence[Hit], tiers: Sequence[Sequence[str]], share: float = AUTHORITY_SHARE) -> list[Hit]:
    """The candidates by tier of their document's category (settings.category_tiers), highest first, when the best
    one of the highest tier present is rated at least `share` of the best candidate; in their order otherwise."""
    if not tiers or not hits:
        return list(hits)
    rank = {category: i for i, tier in enumerate(tiers) for category in tier}
    level = [rank.get(h.record.category, len(tiers)) for h in hits]
    best = min(level)
    if level[0] == best:
        return list(hits)
    first = hits[level.index(best)]
    if (first.probability or 0.0) < share * (hits[0].probability or 0.0):
        return list(hits)
    return [hits[i] for i in sorted(range(len(hits)), key=level.__getitem__)]


def is_local(hit: Hit) -> bool:
    return bool(LOCAL_TITLE.match(hit.record.title or hit.record.short_title or ""))


def names_a_place(question: str) -> bool:
    return any(p.flag == "ns" for p in tag_words(normalise(question)))


def national_first(question: str, hits: Sequence[Hit], share: float = NATIONAL_SHARE,
                   place: bool | None = None) -> list[Hit]:
    """When the best candidate is from a local document and the question names no place (`place`, when the
    caller has tagged the question already), the national candidates lead if the best of them is rated at
    least `share` of it; local ones follow in their order."""
    local = [is_local(h) for h in hits]
    if not hits or not local[0] or is_english(question) or (names_a_place(question) if place is None else place):
        return list(hits)
    national = [h for h, here in zip(hits, local) if not here]
    if not national or (national[0].probability or 0.0) < share * (hits[0].probability or 0.0):
        return list(hits)
    return [*national, *(h for h, here in zip(hits, local) if here)]
