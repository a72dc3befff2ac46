"""The organisation's own operating point (QA_ANSWER_THRESHOLD) moves abstention along the trade-off curve, over
three real laws with the shipped answer selector; without the reader (QA_ANSWER_READER off) abstention is the same."""
from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.agreement import agreement

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


def test_without_the_reader_the_order_is_the_rankers_and_abstention_the_same(three_laws) -> None:
    plain = Assistant.from_settings(three_laws.settings.model_copy(update={"answer_reader": False}))
    assert plain.answerer.selector.reader is None and plain.answerer.selector.model.reading is None
    assert three_laws.answerer.selector.model.reading is not None  # the shipped weights read
    question = "用人单位违法解除劳动合同的，应当支付多少赔偿金？"
    hits = plain.retrieve(question)
    x = plain.answerer.selector.features(question, hits)
    agrees = agreement(hits)
    read = three_laws.answerer.selector.read(question, hits, x)
    assert plain.answerer.selector.model.score(x, agrees)[1] == three_laws.answerer.selector.model.score(x, agrees, read)[1]
    answered = plain.ask(QUESTION)
    assert not answered.abstained and any("不得超过一个月" in c.text for c in answered.citations)
