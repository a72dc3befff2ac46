"""Which sentence answers, over three real laws (conftest.three_laws): the range that holds the case a
question states (assistant/conditions.py), and a short sentence with a figure quoted as the rule it is."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def cited(answer) -> list[str]:
    return [c.text for c in answer.citations]


@pytest.mark.parametrize("question, sentence", [
    # 劳动合同法 第十九条: three ranges of contract length, one limit each
    ("签一份一年半的劳动合同，试用期最多能约定几个月？", "劳动合同期限一年以上不满三年的，试用期不得超过二个月；"),
    ("合同签了八个月，试用期最长几个月？", "劳动合同期限三个月以上不满一年的，试用期不得超过一个月；"),
    # 劳动合同法 第四十七条: the half-year case, not the rule per full year
    ("在公司干了不到半年就被辞退，经济补偿能拿多少？", "不满六个月的，向劳动者支付半个月工资的经济补偿。"),
])
def test_the_sentence_whose_range_holds_the_stated_case_is_quoted(three_laws, question, sentence) -> None:
    answer = three_laws.ask(question)
    assert not answer.abstained
    assert cited(answer)[0].endswith(sentence)  # the first sentence of an article carries its number


def test_a_short_sentence_with_a_figure_is_quoted_itself(three_laws) -> None:
    # 工伤保险条例 第三十三条: "停工留薪期一般不超过12个月。" (15 characters) is the rule, not a topic line
    # for the sentence after it (the extension, "延长不得超过12个月")
    answer = three_laws.ask("停工留薪期一般不超过多长时间？")
    assert cited(answer)[0] == "停工留薪期一般不超过12个月。"


def test_an_english_article_lookup_of_a_law_not_held_is_told_so(three_laws) -> None:
    missing = three_laws.ask("What does Article 2 of the Fire Protection Law say?")
    assert missing.abstained and "Fire Protection Law" in missing.answer and not missing.citations
    held = three_laws.ask("What does Article 19 of the Labour Contract Law say?")
    assert not held.abstained and held.citations[0].text.startswith("第十九条")


def test_an_item_that_names_the_case_is_quoted_with_the_head_that_gives_the_figure(three_laws) -> None:
    # 劳动合同法 第八十五条: "（三）安排加班不支付加班费的；" under "…逾期不支付的，…按应付金额百分之五十以上…加付赔偿金:"
    answer = three_laws.ask("公司安排加班却不给加班费，拖着不付要加付多少赔偿金？")
    assert not answer.abstained
    assert "百分之五十以上百分之一百以下" in cited(answer)[0] and cited(answer)[1] == "（三）安排加班不支付加班费的；"
