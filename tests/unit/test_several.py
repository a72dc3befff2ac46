""""单位和个人分别按多少比例交？": the neighbours of the quoted sentence that hold the asked kind of answer too are
quoted beside it (ExtractiveAnswerer._each over a real catalogue)."""
from pathlib import Path

import pytest

from assistant.abstain import evidence
from assistant.answerer import SEVERAL, ExtractiveAnswerer, asks_further
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


ORDER = [
    (0, "", "人民法院受理申请后，应当在七十二小时内作出人身安全保护令或者驳回申请；"),
    (0, "", "情况紧急的，应当在二十四小时内作出。"),
    (1, "", "人身安全保护令由人民法院以裁定形式作出。"),
]
FIRST_PART = "向法院申请人身安全保护令后，法院要在多长时间内作出决定？"


@pytest.mark.parametrize(("text", "further"), [
    (FIRST_PART + "情况紧急呢？", True),
    ("耕地承包期是多少年？到期以后呢？ ", True),
    ("What is the term? And when it ends?", True),
    (FIRST_PART, False),
    ("那情况紧急呢？", False),
    ("多久？？", False),  # one question, marked twice
    ("期限是多久？我想知道。", False),  # ends with no question
])
def test_a_second_question_after_the_first(text: str, further: bool) -> None:
    assert asks_further(text) is further


def test_a_second_question_gets_the_next_case_from_the_sentence_after(tmp_path: Path) -> None:
    answerer = plain_answerer(tmp_path, ORDER)
    hit = first(answerer)
    both = answerer.answer(FIRST_PART + "情况紧急呢？", [hit])
    assert [c.text for c in both.citations] == [ORDER[0][2], ORDER[1][2]]
    one = answerer.answer(FIRST_PART, [hit])
    assert [c.text for c in one.citations] == [ORDER[0][2]]
    # a follow-up carries the earlier question as context: its own words ask one thing
    followup = answerer.answer(FIRST_PART + " 那驳回申请呢？", [hit], own="那驳回申请呢？")
    assert [c.text for c in followup.citations] == [ORDER[0][2]]
