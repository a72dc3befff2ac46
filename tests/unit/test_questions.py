"""Checks on the raw question (assistant/questions.py)."""
from __future__ import annotations

import pytest

from assistant.questions import check_question
from prompts import render

LIMIT = 500


@pytest.mark.parametrize("q", ["", " ", "\n\t \r\n", "\u3000 ", None, 42])
def test_empty_whitespace_or_non_text_is_refused_as_empty(q: object) -> None:
    cleaned, refusal, _ = check_question(q, LIMIT)
    assert refusal == ("empty_question", render("empty_question"))
    assert cleaned == ""


def test_a_question_of_only_control_characters_is_empty_and_says_so() -> None:
    cleaned, refusal, notices = check_question("\x00\x07\x1b", LIMIT)
    assert refusal is not None and refusal[0] == "empty_question"
    assert notices == [render("control_chars_removed")]


def test_twenty_thousand_characters_are_refused_with_the_length_in_the_message() -> None:
    cleaned, refusal, _ = check_question("蓉漂" * 10_000, LIMIT)
    assert refusal is not None
    code, message = refusal
    assert code == "too_long"
    assert "20000" in message and str(LIMIT) in message
    assert message == render("too_long", length=20000, limit=LIMIT)
    assert cleaned == ""


def test_the_limit_itself_is_allowed_and_one_more_is_not() -> None:
    assert check_question("问" * LIMIT, LIMIT)[1] is None
    assert check_question("问" * (LIMIT + 1), LIMIT)[1][0] == "too_long"
    # surrounding whitespace does not count against the limit
    assert check_question("  " + "问" * LIMIT + "\n", LIMIT)[1] is None


def test_control_characters_are_removed_with_a_notice() -> None:
    cleaned, refusal, notices = check_question("蓉漂\x00品牌\x07海外\x1b影响力\x7f？", LIMIT)
    assert refusal is None
    assert cleaned == "蓉漂品牌海外影响力？"
    assert notices == [render("control_chars_removed")]


def test_tabs_and_newlines_are_not_control_characters_to_remove() -> None:
    cleaned, refusal, notices = check_question("第一行\n第二行\t结尾", LIMIT)
    assert (cleaned, refusal, notices) == ("第一行\n第二行\t结尾", None, [])


def test_a_clean_question_is_only_stripped() -> None:
    assert check_question("  如何提升“蓉漂”品牌的海外影响力？ \n", LIMIT) == ("如何提升“蓉漂”品牌的海外影响力？", None, [])


def test_html_is_kept_as_text() -> None:
    q = '<b>蓉漂</b><script>alert("x")</script> &amp; <img src=x onerror=alert(1)>'
    cleaned, refusal, notices = check_question(q, LIMIT)
    assert (cleaned, refusal, notices) == (q, None, [])
