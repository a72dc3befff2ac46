"""The boundary of Assistant.run (assistant/guard.py): coded refusals for malformed input, bounded history."""
from __future__ import annotations

import pytest

from assistant.guard import Checked, check_input
from prompts import render
from assistant.types import Answer
from settings import Settings

SETTINGS = Settings(max_question_chars=500, max_history_turns=6, max_history_chars=1000)
QUESTION = "那具体有哪些措施？"


def turn(role: str, content: str) -> dict:
    return {"role": role, "content": content}


def refused(answer: object, code: str) -> Answer:
    assert isinstance(answer, Answer), answer
    assert answer.error == code and answer.abstained
    assert answer.answer.strip() and not answer.citations
    answer.model_dump_json()  # what a web client receives: must serialise (no lone surrogate)
    return answer


# --- the question ------------------------------------------------------------------------

@pytest.mark.parametrize("question", [123, None, 1.5, b"\xe9\x97\xae", ["问题"], {"q": "问题"}])
def test_a_question_that_is_not_text_is_refused_with_bad_question(question: object) -> None:
    answer = refused(check_input(question, [], SETTINGS), "bad_question")
    assert answer.answer == render("bad_question_type", got="null" if question is None else type(question).__name__)


@pytest.mark.parametrize("question", ["\ud800", "蓉漂\udfff品牌", "a\ud83d"])
def test_a_lone_surrogate_in_the_question_is_refused_and_not_echoed(question: str) -> None:
    answer = refused(check_input(question, [], SETTINGS), "bad_question")
    position = next(i for i, c in enumerate(question) if 0xD800 <= ord(c) <= 0xDFFF) + 1
    assert answer.answer == render("bad_question_text", position=position)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in answer.question)


def test_empty_and_over_long_questions_keep_their_codes() -> None:
    refused(check_input("   ", [], SETTINGS), "empty_question")
    refused(check_input("问" * 501, [], SETTINGS), "too_long")
    long = refused(check_input("蓉漂" * 2_500_000, [], SETTINGS), "too_long")  # 5 MB: refused, not scanned twice
    assert "5000000" in long.answer


# --- the history -------------------------------------------------------------------------

@pytest.mark.parametrize("history", ["那呢？", 5, {"role": "user", "content": "x"}, b"[]", 2.0])
def test_a_history_that_is_not_a_list_is_refused_with_bad_history(history: object) -> None:
    answer = refused(check_input(QUESTION, history, SETTINGS), "bad_history")
    assert answer.answer == render("bad_history_type", got=type(history).__name__)
    assert answer.question == QUESTION


@pytest.mark.parametrize(("history", "n"), [
    ([None], 1),
    ([{"role": 5}], 1),
    ([turn("user", "问"), {"role": "assistant"}], 2),
    ([{"content": "问"}], 1),
    ([turn("user", "问"), turn("assistant", 5)], 2),
    ([turn("user", None)], 1),
    ([turn("system", "你是助手")], 1),
    (["user: 问"], 1),
    ([turn("user", "问"), turn("assistant", "答"), [("role", "user")]], 3),
])
def test_a_malformed_message_is_refused_and_named_by_its_place(history: list, n: int) -> None:
    answer = refused(check_input(QUESTION, history, SETTINGS), "bad_history")
    assert answer.answer == render("bad_history_item", n=n)


def test_a_lone_surrogate_in_a_message_is_refused() -> None:
    history = [turn("user", "如何提升品牌影响力？"), turn("assistant", "实施计划\ud800。[1]")]
    answer = refused(check_input(QUESTION, history, SETTINGS), "bad_history")
    assert answer.answer == render("bad_history_text", n=2)


def test_a_well_formed_history_passes_whole_without_a_notice() -> None:
    history = (turn("user", "如何提升品牌影响力？"), {"role": "assistant", "content": "实施计划。[1]", "metadata": {}})
    checked = check_input(f"  {QUESTION}\n", history, SETTINGS)
    assert isinstance(checked, Checked)
    assert checked.question == QUESTION
    assert checked.history == [turn("user", "如何提升品牌影响力？"), turn("assistant", "实施计划。[1]")]
    assert checked.notices == []
    for empty in (None, [], ()):
        again = check_input(QUESTION, empty, SETTINGS)
        assert isinstance(again, Checked) and again.history == [] and again.notices == []


def test_only_the_newest_turns_are_read_and_the_answer_says_so() -> None:
    history = [turn("user" if i % 2 == 0 else "assistant", f"第{i}条消息") for i in range(40)]
    checked = check_input(QUESTION, history, SETTINGS)
    assert isinstance(checked, Checked)
    assert checked.history == history[-6:]
    chars = sum(len(m["content"]) for m in history[-6:])
    assert checked.notices == [render("history_cut", turns=6, chars=chars)]


def test_history_is_cut_to_its_character_budget_newest_first() -> None:
    history = [turn("user", "甲" * 700), turn("assistant", "乙" * 600), turn("user", "x"), turn("assistant", "蓉漂" * 20000)]
    checked = check_input("这属于哪一项工作？", history, SETTINGS)
    assert isinstance(checked, Checked)
    assert checked.history == [turn("assistant", "蓉漂" * 500)]  # the newest message, cut to its beginning
    assert checked.notices == [render("history_cut", turns=1, chars=1000)]
    small = check_input(QUESTION, history[:3], SETTINGS)
    assert isinstance(small, Checked)
    assert small.history == [turn("user", "甲" * 399), turn("assistant", "乙" * 600), turn("user", "x")]
    assert sum(len(m["content"]) for m in small.history) == 1000


def test_an_english_question_gets_the_english_notice() -> None:
    history = [turn("user", "What is the Rongpiao plan?"), turn("assistant", "x" * 5000)]
    checked = check_input("what about its goal?", history, SETTINGS)
    assert isinstance(checked, Checked)
    assert checked.notices == [render("history_cut_en", turns=1, chars=1000)]


def test_messages_past_the_limits_are_never_read() -> None:
    # Bounded work: a message beyond max_history_turns is not inspected, so even a malformed one
    # there costs nothing (and a million of them cost no more than six).
    history = [None] * 1_000_000 + [turn("user" if i % 2 == 0 else "assistant", "问答") for i in range(6)]
    checked = check_input(QUESTION, history, SETTINGS)
    assert isinstance(checked, Checked)
    assert len(checked.history) == 6 and checked.notices


def test_zero_limits_read_no_history() -> None:
    history = [turn("user", "如何提升品牌影响力？"), turn("assistant", "实施计划。[1]")]
    for limits in ({"max_history_turns": 0}, {"max_history_chars": 0}):
        checked = check_input(QUESTION, history, Settings(**limits))
        assert isinstance(checked, Checked) and checked.history == [] and checked.notices
