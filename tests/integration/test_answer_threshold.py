"""The organisation's own operating point (QA_ANSWER_THRESHOLD) moves abstention along the trade-off curve, over
three real laws with the shipped answer selector."""
from __future__ import annotations

import pytest

from assistant import Assistant

pytestmark = pytest.mark.integration

QUESTION = "劳动合同期限三个月以上不满一年的，试用期最长多久？"


def with_threshold(three_laws, value: float | None) -> Assistant:
    return Assistant.from_settings(three_laws.settings.model_copy(update={"answer_threshold": value}))


def test_the_trained_threshold_is_used_unless_one_is_set(three_laws) -> None:
    trained = three_laws.answerer.selector.model.threshold
    assert with_threshold(three_laws, None).answerer.selector.model.threshold == trained
    assert with_threshold(three_laws, 0.4).answerer.selector.model.threshold == 0.4


def test_a_higher_threshold_refuses_what_the_trained_one_answers(three_laws) -> None:
    answered = three_laws.ask(QUESTION)
    assert not answered.abstained and any("不得超过一个月" in c.text for c in answered.citations)
    strict = with_threshold(three_laws, 1.0).ask(QUESTION)
    assert strict.abstained and not strict.citations
    assert strict.related  # the closest passages are still shown
