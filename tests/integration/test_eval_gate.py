"""The gate must catch a broken retriever and broken citations of the real assistant.

Uses the real `Assistant` (built from the default settings over the indexed seeds)
and the real eval/questions.jsonl: the baseline run records every hit list and
answer, and the perturbed runs replay or replace them, so the model answers each
question once per run.
"""
from __future__ import annotations

import json
import random
from typing import Any, Sequence

import pytest

from assistant.retrieval import Retrieved
from assistant.types import Answer, Hit
from eval import check_gate, load_questions, load_thresholds, run_eval
from eval.dataset import Question

pytestmark = pytest.mark.integration


def _key(question: str, history: Sequence[dict]) -> str:
    return json.dumps([question, list(history)], ensure_ascii=False, sort_keys=True)


class Recorder:
    """Passes calls to the assistant and keeps what came back, keyed by question and history."""

    def __init__(self, assistant: Any) -> None:
        self.assistant, self.sample_texts = assistant, assistant.sample_texts
        self.hits: dict[str, list[Hit]] = {}
        self.answers: dict[str, Answer] = {}

    def run(self, question: str, history: Sequence[dict] = ()) -> tuple[Answer, list[Hit]]:
        key = _key(question, history)
        self.answers[key], self.hits[key] = answer, hits = self.assistant.run(question, history)
        return answer, hits


class ShuffledCitations:
    """Replays the recorded answers, each with the citations of the next answered question."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder, self.sample_texts = recorder, recorder.sample_texts
        answered = [k for k, a in recorder.answers.items() if not a.abstained and a.citations]
        self.donor = dict(zip(answered, answered[1:] + answered[:1]))

    def run(self, question: str, history: Sequence[dict] = ()) -> tuple[Answer, list[Hit]]:
        key = _key(question, history)
        answer, hits = self.recorder.answers[key], self.recorder.hits[key]
        if key not in self.donor:
            return answer, hits
        return answer.model_copy(update={"citations": self.recorder.answers[self.donor[key]].citations}), hits


class RandomRanker:
    """A retriever that ranks a random sample of the indexed sentences (embedding as the real one does)."""

    def __init__(self, real: Any, records: Sequence[Any], seed: int = 7) -> None:
        self.real, self.records, self.rng = real, list(records), random.Random(seed)

    def embed(self, query: str):
        return self.real.embed(query)

    def retrieve(self, query: str, k: int, search: Any = None, vector: Any = None) -> Retrieved:
        picked = self.rng.sample(self.records, min(k, len(self.records)))
        return Retrieved([Hit(record=r, score=1.0 / rank, rank=rank) for rank, r in enumerate(picked, start=1)])


def every_record(assistant: Any) -> list[Any]:
    library = assistant.library
    ids = [r.id for d in library.documents("status = 'indexed'") for r in library.version_rows(d.version)]
    return list(assistant.records.by_ids(ids).values())


@pytest.fixture(scope="module")
def assistant() -> Any:
    from assistant import Assistant

    return Assistant.from_settings()


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_questions()


@pytest.fixture(scope="module")
def thresholds() -> dict[str, dict[str, float]]:
    return load_thresholds()


@pytest.fixture(scope="module")
def baseline(assistant: Any, questions: list[Question]) -> tuple[Recorder, dict[str, Any]]:
    recorder = Recorder(assistant)
    _, metrics = run_eval(recorder, questions, progress=False)
    return recorder, metrics


def test_random_ranker_fails_the_gate_on_retrieval(assistant, questions, thresholds, baseline, monkeypatch):
    _, real = baseline
    monkeypatch.setattr(assistant, "retriever", RandomRanker(assistant.retriever, every_record(assistant)))
    _, metrics = run_eval(assistant, questions, progress=False)
    failed = {failure.metric for failure in check_gate(metrics, thresholds)}
    assert {"hit_at_5", "mrr_at_10"} <= failed
    assert metrics["hit_at_5"] < real["hit_at_5"] - 0.3
    assert metrics["mrr_at_10"] < real["mrr_at_10"] - 0.3


def test_shuffled_citations_fail_the_gate_on_precision_and_grounding(questions, thresholds, baseline):
    recorder, real = baseline
    rows, metrics = run_eval(ShuffledCitations(recorder), questions, progress=False)
    failed = {failure.metric for failure in check_gate(metrics, thresholds)}
    assert {"citation_precision", "grounding"} <= failed
    assert metrics["grounding"] < real["grounding"] - 0.3
    assert metrics["citation_precision"] < real["citation_precision"] - 0.1
    # retrieval was replayed untouched: only the citations changed
    assert metrics["hit_at_5"] == real["hit_at_5"]
