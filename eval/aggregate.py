"""Aggregate scored rows into the metrics dictionary (the shape of metrics.json).

`DEFINITIONS` states each metric exactly; a metric is ``None`` when no question of
the set can measure it. ``latency_ms`` holds p50 / p95 of each `Answer.timings` stage.
"""
from __future__ import annotations

from statistics import mean
from typing import Any, Iterable, Sequence

import numpy as np

from eval.metrics import GROUNDING_N, GROUNDING_THRESHOLD, hit_at, reciprocal_rank
from eval.dataset import facts_found
from eval.scoring import Row

DEFINITIONS = {
    "hit_at_1": "share of answerable questions with gold whose top retrieved hit is gold",
    "hit_at_5": "share of answerable questions with gold with a gold hit among the top 5 retrieved",
    "mrr_at_10": "mean over answerable questions with gold of 1/rank of the first gold hit "
    "in the top 10 (0 if none)",
    "citation_precision": "share of the citations of answered (not abstained) answerable questions "
    "that cite a gold sentence or a sentence holding a key fact",
    "citation_recall": "share of answerable questions with at least one gold sentence cited "
    "(an abstention cites nothing)",
    "grounding": f"share of the claims of non-abstained answers whose character/word {GROUNDING_N}-gram "
    f"containment in the sentences they cite is >= {GROUNDING_THRESHOLD:g} "
    "(a claim without a valid [n] is ungrounded)",
    "key_fact_coverage": "mean over answerable questions with facts of the share of their key facts "
    "found verbatim (whitespace ignored) in the answer text",
    "answer_accuracy": "share of answerable questions with facts whose cited sentences hold every key fact "
    "(an abstention holds none)",
    "negative_rejection": "share of unanswerable questions on which the assistant abstained",
    "leave_out_rejection": "share of answerable questions asked with their answering documents filtered out "
    "(--leave-out) on which the assistant abstained",
    "false_rejection": "share of answerable questions on which the assistant abstained (lower is better)",
    "leave_out_restated": "share of the leave-out copies answered with every key fact of the original question "
    "in the cited sentences: another document says the same (counted as not rejected above; it shows how much "
    "of the leave-out gap is a library that states a rule twice)",
}
RATE_METRICS = tuple(DEFINITIONS)


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return float(mean(values)) if values else None


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def percentiles(values: Sequence[float]) -> dict[str, float]:
    return {"p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95))}


def latency(rows: Sequence[Row]) -> dict[str, dict[str, float]]:
    stages = sorted({stage for row in rows for stage in row.timings})
    return {
        stage: percentiles([row.timings[stage] for row in rows if stage in row.timings]) for stage in stages
    }


def _restated(row: Row, by_id: dict[str, Row]) -> bool:
    """A leave-out copy (id + '-lo') answered with every key fact of its original question cited."""
    original = by_id.get(row.id.removesuffix("-lo"))
    if row.abstained or original is None or not original.facts:
        return False
    return len(facts_found("".join(c.text for c in row.citations), original.facts)) == len(original.facts)


def aggregate(rows: Sequence[Row]) -> dict[str, Any]:
    """The metrics of a set of rows (one config, or one tag of it)."""
    answerable = [r for r in rows if r.answerable]
    left_out = [r for r in rows if "leave_out" in r.tags]
    unanswerable = [r for r in rows if not r.answerable and "leave_out" not in r.tags]
    ranked = [r for r in answerable if "hit_at_5" in r.checks]
    answered = [r for r in answerable if not r.abstained]
    citations = [c for r in answered for c in r.citations]
    claims = [c for r in rows if not r.abstained for c in r.claims]
    with_facts = [r for r in answerable if r.facts]
    by_id = {r.id: r for r in rows}
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "left_out": len(left_out),
        "citations": len(citations),
        "claims": len(claims),
        "hit_at_1": _mean(float(hit_at(r.gold_rank, 1)) for r in ranked),
        "hit_at_5": _mean(float(hit_at(r.gold_rank, 5)) for r in ranked),
        "mrr_at_10": _mean(reciprocal_rank(r.gold_rank) for r in ranked),
        "citation_precision": _share(sum(c.gold or c.has_fact for c in citations), len(citations)),
        "citation_recall": _share(sum(any(c.gold for c in r.citations) for r in answerable), len(answerable)),
        "grounding": _share(sum(c.grounded for c in claims), len(claims)),
        "key_fact_coverage": _mean(len(r.facts_found) / len(r.facts) for r in with_facts),
        "answer_accuracy": _mean(float(r.accurate) for r in with_facts),
        "negative_rejection": _share(sum(r.abstained for r in unanswerable), len(unanswerable)),
        "leave_out_rejection": _share(sum(r.abstained for r in left_out), len(left_out)),
        "false_rejection": _share(sum(r.abstained for r in answerable), len(answerable)),
        "leave_out_restated": _share(sum(_restated(r, by_id) for r in left_out), len(left_out)),
        "latency_ms": latency(rows),
    }


def by_tag(rows: Sequence[Row]) -> dict[str, dict[str, Any]]:
    """The metrics of each tag's questions (a question with several tags counts in each)."""
    tags = sorted({tag for row in rows for tag in row.tags})
    return {tag: aggregate([row for row in rows if tag in row.tags]) for tag in tags}
