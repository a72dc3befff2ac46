"""Run a question set through an assistant (or the naive baseline) and score it."""
from __future__ import annotations

import gc
import logging
import random
import sys
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from tqdm import tqdm

from settings import Settings
from assistant.types import Answer, Hit
from eval.aggregate import aggregate
from eval.dataset import Question
from eval.scoring import Row, score_question

logger = logging.getLogger(__name__)

CONFIGS = ("bm25", "dense", "hybrid", "naive")
DEFAULT_CONFIG = "hybrid"


class Askable(Protocol):
    """What the runner needs: the assistant's `run` (answer and ranked hits in one pass), optionally `records`."""

    def run(self, question: str, history: list[dict] = ...) -> tuple[Answer, list[Hit]]: ...


def load_assistant(settings: Settings) -> Askable:
    """The real assistant for ``settings`` (imported late: building it loads the model)."""
    from assistant import Assistant

    return Assistant.from_settings(settings)


def load_naive(settings: Settings, paths: Sequence[Path] | None = None) -> Askable:
    from eval.naive import NaiveRag

    return NaiveRag.from_settings(settings, paths)


def build(config: str, base: Settings | None = None, paths: Sequence[Path] | None = None) -> Askable:
    """The system behind a config name: a retrieval mode of the assistant, or 'naive' (over `paths`
    when given, else the seeds folder)."""
    base = base or Settings()
    if config == "naive":
        return load_naive(base, paths)
    if config not in CONFIGS:
        raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")
    return load_assistant(base.model_copy(update={"retrieval_mode": config}))


def _failed_answer(question: Question, exc: Exception) -> Answer:
    return Answer(question=question.question, answer="", error=f"exception: {type(exc).__name__}: {exc}")


def run_eval(
    assistant: Askable,
    questions: Sequence[Question],
    *,
    config: str = DEFAULT_CONFIG,
    progress: bool = True,
    seed: int = 0,
    search_for: Callable[[Askable, Question], Any] | None = None,
) -> tuple[list[Row], dict[str, Any]]:
    """Ask every question, score each answer and the ranked hits behind it, and aggregate.

    A question whose `run` raises is logged and scored as an empty,
    uncited answer rather than stopping the run.
    """
    sample = getattr(assistant, "sample_texts", None)
    pool = sample() if callable(sample) else [record.text for record in getattr(assistant, "records", None) or []]
    rows: list[Row] = []
    bar = tqdm(questions, desc=config, unit="q", file=sys.stderr, disable=not progress, leave=False)
    for question in bar:
        history = question.history_dicts()
        try:
            if search_for is None:
                answer, hits = assistant.run(question.question, history)
            else:
                answer, hits = assistant.run(question.question, history, search_for(assistant, question))
        except Exception as exc:  # noqa: BLE001 - one broken question must not end the run
            logger.exception("%s: question %s failed", config, question.id)
            hits, answer = [], _failed_answer(question, exc)
        rng = random.Random(f"{seed}:{question.id}")
        rows.append(score_question(question, answer, hits, config=config, pool=pool, rng=rng))
    metrics = aggregate(rows)
    logger.info("%s: %d questions scored", config, len(rows))
    return rows, metrics


def run_configs(
    configs: Sequence[str],
    questions: Sequence[Question],
    *,
    base: Settings | None = None,
    builder: Callable[..., Askable] = build,
    progress: bool = True,
    paths: Sequence[Path] | None = None,
    search_for: Callable[[Askable, Question], Any] | None = None,
) -> dict[str, tuple[list[Row], dict[str, Any]]]:
    """Run each config in turn on the same questions, freeing each system before the next."""
    results: dict[str, tuple[list[Row], dict[str, Any]]] = {}
    for config in configs:
        logger.info("building %s", config)
        system = builder(config, base, paths) if paths is not None else builder(config, base)
        results[config] = run_eval(system, questions, config=config, progress=progress,
                                   search_for=search_for if config != "naive" else None)
        del system
        gc.collect()
    return results
