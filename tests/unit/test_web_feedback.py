"""web/feedback.py: votes only on given answers, a changed vote replaces the first, nothing else lost."""
from __future__ import annotations

import json

import pytest

from assistant.types import Answer, Citation
from web.errors import ApiError
from web.feedback import FeedbackStore


def answer(text: str = "实施……[1]", error: str | None = None) -> Answer:
    cited = [Citation(n=1, doc="a.txt", sentence_id="abc-00001", text="实施……", section="", score=1.0)]
    return Answer(question="蓉漂？", answer=text, citations=cited, error=error)


def lines(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_a_vote_needs_an_answer_the_server_gave(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    with pytest.raises(ApiError) as unknown:
        store.vote("0" * 32, "up", None)
    assert unknown.value.code == "unknown_answer"
    refused = answer(error="too_long")
    store.remember(refused, None)
    with pytest.raises(ApiError):
        store.vote(refused.id, "up", None)
    assert not (tmp_path / "feedback.jsonl").exists()


def test_a_changed_vote_replaces_the_earlier_one_and_keeps_other_lines(tmp_path):
    path = tmp_path / "feedback.jsonl"
    path.write_text('{"question": "old", "vote": "up"}\nnot json at all\n', encoding="utf-8")
    store = FeedbackStore(path)
    first, second = answer(), answer("其他[1]")
    store.remember(first, "user:alice")
    store.remember(second, None)
    assert store.vote(first.id, "up", "user:alice") is False
    assert store.vote(second.id, "down", None, comment="不对") is False
    assert store.vote(first.id, "down", "user:alice") is True
    raw = path.read_text(encoding="utf-8").splitlines()
    assert raw[:2] == ['{"question": "old", "vote": "up"}', "not json at all"]
    records = [json.loads(x) for x in raw[2:]]
    assert [(r["answer_id"], r["vote"]) for r in records] == [(first.id, "down"), (second.id, "down")]
    assert records[0]["user"] == "user:alice" and records[0]["sentence_ids"] == ["abc-00001"]
    assert records[1]["comment"] == "不对" and records[1]["user"] is None


def test_votes_survive_a_new_store_on_the_same_file(tmp_path):
    path = tmp_path / "feedback.jsonl"
    first = answer()
    old = FeedbackStore(path)
    old.remember(first, None)
    old.vote(first.id, "up", None)
    new = FeedbackStore(path)
    new.remember(first, None)  # the same answer given again (e.g. still cached)
    assert new.vote(first.id, "down", None) is True and len(lines(path)) == 1


def test_an_unwritable_folder_turns_feedback_off(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = FeedbackStore(blocker / "feedback.jsonl")
    given = answer()
    store.remember(given, None)
    with pytest.raises(ApiError) as off:
        store.vote(given.id, "up", None)
    assert off.value.code == "feedback_off" and off.value.status == 503


def test_remembered_answers_are_bounded(tmp_path):
    store = FeedbackStore(tmp_path / "f.jsonl", capacity=10)
    given = [answer() for _ in range(30)]
    for a in given:
        store.remember(a, None)
    with pytest.raises(ApiError):
        store.vote(given[0].id, "up", None)
    assert store.vote(given[-1].id, "up", None) is False
