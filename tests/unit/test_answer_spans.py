"""The answer span of a quoted sentence: the amount of the unit asked, a date, a place, a person;
never an article reference or a word written with a numeral."""
import pytest

from assistant.abstain import evidence
from assistant.answer_spans import answer_spans


def spans(question: str, text: str) -> list[str]:
    return [text[a:b] for a, b in answer_spans(evidence(question, [], lambda word: True), text)]


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("试用期最长多少个月？", "依照本法第十九条的规定，试用期最长不得超过六个月。", ["六个月"]),
    ("试用期最长多久？", "劳动合同期限三个月以上不满一年的，试用期不得超过一个月；", ["三个月", "一年", "一个月"]),
    ("缴存比例最低是多少？", "缴存比例不得低于上一年度职工月平均工资的5%。", ["5%"]),
    ("缴存比例最低是多少？", "单位和职工缴存比例不得低于职工上一年度月平均工资的百分之五。", ["百分之五"]),
    ("这部法律什么时候施行？", "本法自2008年1月1日起施行。", ["2008年1月1日"]),
    ("不能超过用工总量的百分之几？", "不得超过其用工总量的10%，第十条另有规定的除外。", ["10%"]),
    ("不能超过用工总量的百分之几？", "不得超过其用工总量的百分之十。", ["百分之十"]),
    ("印花税的税率是多少？", "借款合同的税率为千分之一，第十条另有规定的除外。", ["千分之一"]),
    ("需要多少业主同意？", "应当经参与表决人数四分之三以上的业主同意。", ["四分之三"]),
    ("年休假有多少天？", "2008年1月1日起，职工累计工作已满1年不满10年的，年休假5天。", ["5天"]),
    ("会议在哪里召开？", "会议在北京召开。", ["北京"]),
])
def test_the_answer_span_is_what_the_question_asks_for(question: str, text: str, expected: list[str]) -> None:
    assert spans(question, text) == expected


def test_references_and_numeral_words_are_not_amounts() -> None:
    assert spans("要提前多少天通知？", "依照本法第四十条第一项的规定，统一处理。") == []
    assert spans("要提前多少天通知？", "应当提前三十日以书面形式通知劳动者本人。") == ["三十日"]  # 天 asked, 日 written


def test_a_question_that_asks_for_no_particular_kind_marks_nothing() -> None:
    assert spans("劳动合同法的立法目的是什么？", "为了完善劳动合同制度，制定本法。2008年施行。") == []


def test_a_long_run_of_numerals_is_one_span_in_linear_time() -> None:
    text = "一" * 20000 + "年"
    assert spans("多少年？", text) == [text]
