""""单位和个人分别按多少比例交？": the neighbours of the quoted sentence that hold the asked kind of answer too are
quoted beside it (ExtractiveAnswerer._each over a real catalogue)."""
from pathlib import Path

import pytest

from assistant.abstain import evidence
from assistant.answerer import SEVERAL, ExtractiveAnswerer
from assistant.types import Hit
from tests.unit.catalogue import plain_answerer

LINES = [
    (0, "", "城镇企业事业单位按照本单位工资总额的2%缴纳失业保险费。"),
    (0, "", "城镇企业事业单位职工按照本人工资的1%缴纳失业保险费。"),
    (0, "", "城镇企业事业单位招用的农民合同制工人本人不缴纳失业保险费。"),
    (1, "", "失业保险费按时足额缴纳。"),
]


@pytest.fixture()
def answerer(tmp_path: Path) -> ExtractiveAnswerer:
    return plain_answerer(tmp_path, LINES)


def first(answerer: ExtractiveAnswerer) -> Hit:
    doc = answerer.records.library.by_path("doc.md")
    return Hit(record=answerer.records.record(answerer.records.library.span(doc.id, 0, 0)[0]), score=1.0, rank=1)


def test_a_value_for_each_party_is_quoted_from_the_next_sentence_too(answerer: ExtractiveAnswerer) -> None:
    question = "失业保险费单位和个人分别按多少比例交？"
    assert SEVERAL.search(question)
    quoted = answerer._each(evidence(question, [], lambda w: True), [first(answerer)])
    assert [h.record.text for h in quoted] == [LINES[0][2], LINES[1][2]]  # the third holds no amount


def test_a_question_asking_no_kind_of_answer_gets_no_neighbours(answerer: ExtractiveAnswerer) -> None:
    quoted = answerer._each(evidence("单位和个人分别要做什么？", [], lambda w: True), [first(answerer)])
    assert [h.record.text for h in quoted] == [LINES[0][2]]
