"""Loading the question sets and deciding what counts as gold.

A question set is JSON Lines; each line holds ``id``, ``question``, ``gold`` (exact
substrings of document sentences), ``facts`` (key-fact substrings), ``tags`` and an
optional ``history`` of earlier turns.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = EVAL_DIR / "questions.jsonl"

UNANSWERABLE = "unanswerable"
_SPACE = re.compile(r"\s+")


class Turn(BaseModel):
    role: str
    content: str


class Question(BaseModel):
    id: str
    question: str
    gold: list[str] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    history: list[Turn] = Field(default_factory=list)
    docs: list[str] = Field(default_factory=list, description="Library paths of the documents that answer.")
    article: str = ""
    subset: bool = True

    @property
    def answerable(self) -> bool:
        return UNANSWERABLE not in self.tags

    def history_dicts(self) -> list[dict[str, str]]:
        return [turn.model_dump() for turn in self.history]


def load_questions(path: str | Path = DEFAULT_QUESTIONS) -> list[Question]:
    """Read a question set, failing loudly on a malformed line or a repeated id."""
    path = Path(path)
    questions: list[Question] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                question = Question.model_validate(json.loads(line))
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: not a valid question: {exc}") from exc
            if question.id in seen:
                raise ValueError(f"{path}:{number}: repeated id {question.id!r}")
            if question.answerable and not question.gold:
                logger.warning("%s: answerable question %s has no gold sentence", path, question.id)
            seen.add(question.id)
            questions.append(question)
    logger.info("loaded %d questions from %s", len(questions), path)
    return questions


def squash(text: str) -> str:
    """The text with all whitespace removed: the form every substring test compares."""
    return _SPACE.sub("", text)


def is_gold(text: str, gold: list[str]) -> bool:
    """True when a gold string lies inside ``text`` or ``text`` lies inside a gold string."""
    body = squash(text)
    if not body:
        return False
    for item in gold:
        target = squash(item)
        if target and (target in body or body in target):
            return True
    return False


def contains_fact(text: str, facts: list[str]) -> bool:
    """True when any key fact appears in ``text`` (whitespace ignored)."""
    body = squash(text)
    return any(squash(fact) and squash(fact) in body for fact in facts)


def facts_found(text: str, facts: list[str]) -> list[str]:
    """The key facts that appear in ``text`` (whitespace ignored)."""
    body = squash(text)
    return [fact for fact in facts if squash(fact) and squash(fact) in body]
