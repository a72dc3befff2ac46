"""Pure scoring functions: ranks against gold, answer claims and their containment.

Grounding compares each claim of an answer with the sentences it cites, by the
share of the claim's unit n-grams that also occur in those sentences. A unit is one
CJK character or one Latin word / number, so ``GROUNDING_N = 2`` means character
bigrams for Chinese and word bigrams for English. `report.md` carries the measured
argument for ``GROUNDING_N`` and ``GROUNDING_THRESHOLD``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from eval.dataset import is_gold

GROUNDING_N = 2
GROUNDING_THRESHOLD = 0.8
MRR_DEPTH = 10

_MARKER_GROUP = re.compile(r"(?:\s*\[\d+(?:\s*[,，、]\s*\d+)*\])+")
_NUMBER = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n+|(?<=\.)\s+")
_UNIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9]+")
MIN_CLAIM_UNITS = 2


@dataclass(frozen=True)
class Claim:
    """One answer sentence, without its markers, and the citation numbers it carries."""

    text: str
    markers: tuple[int, ...] = field(default_factory=tuple)


def first_gold_rank(texts: Sequence[str], gold: list[str], depth: int = MRR_DEPTH) -> int | None:
    """1-based rank of the first gold text among the first ``depth``, or None."""
    for rank, text in enumerate(texts[:depth], start=1):
        if is_gold(text, gold):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None, depth: int = MRR_DEPTH) -> float:
    return 1.0 / rank if rank is not None and rank <= depth else 0.0


def strip_markers(text: str) -> str:
    return _MARKER_GROUP.sub("", text)


def units(text: str) -> list[str]:
    """CJK characters and Latin words/numbers of ``text``, case- and width-folded."""
    return _UNIT.findall(unicodedata.normalize("NFKC", text).lower())


def split_claims(answer: str) -> list[Claim]:
    """Split an answer into claims; a marker group covers the text since the previous group.

    Each sentence of a covered span is a claim carrying the span's markers; text after
    the last marker group yields claims with no markers. Pieces shorter than
    ``MIN_CLAIM_UNITS`` units (stray punctuation, "是的") are not claims.
    """
    spans: list[tuple[str, tuple[int, ...]]] = []
    position = 0
    for match in _MARKER_GROUP.finditer(answer):
        numbers = tuple(int(n) for n in _NUMBER.findall(match.group()))
        spans.append((answer[position : match.start()], numbers))
        position = match.end()
    spans.append((answer[position:], ()))
    claims: list[Claim] = []
    for text, markers in spans:
        for piece in _SENTENCE_END.split(text):
            piece = piece.strip()
            if len(units(piece)) >= MIN_CLAIM_UNITS:
                claims.append(Claim(piece, markers))
    return claims


def _grams(seq: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)]


def unit_containment(claim_units: Sequence[str], sources: Sequence[str], n: int = GROUNDING_N) -> float:
    """Share of the unit n-grams of ``claim_units`` found in any one of ``sources``.

    A claim shorter than ``n`` units is checked with n equal to its length; an empty
    claim is fully contained, and nothing is contained in no source.
    """
    if not claim_units:
        return 1.0
    n = min(n, len(claim_units))
    wanted = _grams(list(claim_units), n)
    present: set[tuple[str, ...]] = set()
    for source in sources:
        present.update(_grams(units(source), n))
    return sum(gram in present for gram in wanted) / len(wanted)


def containment(claim: str, sources: Sequence[str], n: int = GROUNDING_N) -> float:
    """Containment of a claim (markers stripped) in ``sources``: see `unit_containment`."""
    return unit_containment(units(strip_markers(claim)), sources, n)


def claim_support(claim: Claim, cited: dict[int, str], threshold: float = GROUNDING_THRESHOLD) -> tuple[float, bool]:
    """Containment of a claim in the sentences it cites, and whether that grounds it.

    A claim is grounded when it has markers, every marker names a citation, and its
    containment in the cited texts reaches ``threshold``.
    """
    sources = [cited[m] for m in claim.markers if m in cited]
    score = containment(claim.text, sources)
    grounded = bool(claim.markers) and len(sources) == len(claim.markers) and score >= threshold
    return score, grounded
