"""Turn one question, its answer and its ranked hits into a scored row."""
from __future__ import annotations

import random
from typing import Any, Sequence

from pydantic import BaseModel, Field

from assistant.types import Answer, Hit
from eval.controls import claim_sweep
from eval.dataset import Question, contains_fact, facts_found, is_gold
from eval.metrics import (
    MRR_DEPTH,
    claim_support,
    first_gold_rank,
    hit_at,
    split_claims,
)


class CitedSentence(BaseModel):
    n: int
    id: str
    text: str
    gold: bool
    has_fact: bool


class ScoredClaim(BaseModel):
    text: str
    markers: list[int]
    containment: float
    grounded: bool
    sweep: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="Containment of each control kind at each n: see `eval.controls`."
    )


class Row(BaseModel):
    """Everything measured on one question; `checks` holds its pass/fail per metric."""

    config: str
    id: str
    question: str
    tags: list[str]
    history: list[dict[str, str]] = Field(default_factory=list)
    answerable: bool
    resolved_question: str = ""
    answer: str = ""
    abstained: bool = False
    error: str | None = None
    confidence: float | None = Field(None, description="The selector's P(answerable); None when none judged.")
    retrieved: list[str] = Field(default_factory=list, description="Ids of the top hits, best first.")
    gold_rank: int | None = None
    citations: list[CitedSentence] = Field(default_factory=list)
    claims: list[ScoredClaim] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)
    facts_found: list[str] = Field(default_factory=list)
    facts_cited: list[str] = Field(default_factory=list, description="Key facts inside the cited sentences.")
    timings: dict[str, float] = Field(default_factory=dict)
    checks: dict[str, bool] = Field(default_factory=dict)

    @property
    def accurate(self) -> bool:
        """The cited sentences hold every key fact (an abstention cites none)."""
        return bool(self.facts) and len(self.facts_cited) == len(self.facts)

    @property
    def failed(self) -> list[str]:
        return [name for name, ok in self.checks.items() if not ok]


def _checks(row: Row, has_gold: bool) -> dict[str, bool]:
    checks: dict[str, bool] = {"rejection": row.abstained != row.answerable}
    if row.answerable and has_gold:
        checks["hit_at_1"] = hit_at(row.gold_rank, 1)
        checks["hit_at_5"] = hit_at(row.gold_rank, 5)
        checks["citation_recall"] = any(c.gold for c in row.citations)
    if row.answerable and not row.abstained:
        checks["citation_precision"] = all(c.gold or c.has_fact for c in row.citations)
    if not row.abstained:
        checks["grounding"] = all(c.grounded for c in row.claims)
    if row.answerable and row.facts:
        checks["key_fact_coverage"] = len(row.facts_found) == len(row.facts)
    return checks


def _score_claims(answer: Answer, pool: Sequence[str], rng: random.Random) -> list[ScoredClaim]:
    cited = {c.n: c.text for c in answer.citations}
    scored = []
    for claim in split_claims(answer.answer):
        score, grounded = claim_support(claim, cited)
        sources = sorted({cited[m] for m in claim.markers if m in cited})
        strangers = [text for text in pool if text not in sources]
        related = [c.text for c in answer.related if c.text not in sources]
        sweep: dict[str, dict[str, float]] = {}
        if claim.markers:
            stranger = rng.choice(strangers) if strangers else None
            sweep = claim_sweep(claim.text, sources, stranger, related[0] if related else None, rng)
        scored.append(
            ScoredClaim(text=claim.text, markers=list(claim.markers), containment=score, grounded=grounded, sweep=sweep)
        )
    return scored


def score_question(
    question: Question,
    answer: Answer,
    hits: Sequence[Hit],
    *,
    config: str,
    pool: Sequence[str] = (),
    rng: random.Random | None = None,
) -> Row:
    """Score one answer; ``pool`` (all sentence texts) feeds the random grounding control."""
    rng = rng or random.Random(question.id)
    top = list(hits[:MRR_DEPTH])
    has_gold = question.answerable and bool(question.gold)
    claims = [] if answer.abstained else _score_claims(answer, pool, rng)
    row = Row(
        config=config,
        id=question.id,
        question=question.question,
        tags=question.tags,
        history=question.history_dicts(),
        answerable=question.answerable,
        resolved_question=answer.resolved_question,
        answer=answer.answer,
        abstained=answer.abstained,
        error=answer.error,
        confidence=answer.confidence,
        retrieved=[hit.record.id for hit in top],
        gold_rank=first_gold_rank([gold_text(hit.record.text, hit.record.doc, question) for hit in top],
                                  question.gold) if has_gold else None,
        citations=[
            CitedSentence(
                n=c.n,
                id=c.sentence_id,
                text=c.text,
                gold=is_gold(gold_text(c.text, c.doc, question), question.gold),
                has_fact=contains_fact(c.text, question.facts),
            )
            for c in answer.citations
        ],
        claims=claims,
        facts=question.facts,
        facts_found=facts_found(answer.answer, question.facts) if question.answerable else [],
        facts_cited=facts_found("".join(c.text for c in answer.citations), question.facts)
        if question.answerable and not answer.abstained else [],
        timings=answer.timings,
    )
    row.checks = _checks(row, has_gold)
    return row


def gold_text(text: str, doc: str, question: Question) -> str:
    """The text to compare with the gold, or '' when it comes from a document the question does not name
    (the same sentence in another law, or another version of this one, is not its answer)."""
    return text if not question.docs or doc in question.docs else ""


def row_dict(row: Row) -> dict[str, Any]:
    """The JSON form of a row, with the failed checks spelt out."""
    return {**row.model_dump(), "failed": row.failed}
