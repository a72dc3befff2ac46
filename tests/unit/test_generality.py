"""A question that states no case is answered by the general rule (assistant/generality.py)."""
import pytest

from assistant.generality import general_first, special, states_a_case
from tests.unit.catalogue import ids, rated as hit

SPECIAL = "当事人约定同一债务分期履行的，诉讼时效期间自最后一期履行期限届满之日起计算。"
GENERAL = "第一百八十八条 诉讼时效期间自权利人知道或者应当知道权利受到损害以及义务人之日起计算。"
OTHER = "诉讼时效期间届满的，义务人可以提出不履行义务的抗辩。"


def test_special_rules_open_with_a_condition_clause() -> None:
    assert special(SPECIAL) and special(OTHER) and not special(GENERAL)


@pytest.mark.parametrize(("question", "states"), [
    ("诉讼时效从哪一天开始计算？", False),
    ("分期还款的，诉讼时效从哪天算？", True),
    ("如果分期还款，诉讼时效从哪天算？", True),
    ("签一年半的劳动合同试用期多久？", True),
    ("When does the limitation period start?", False),
    ("Who decides the fine?", False),
    ("What fine does a manager face when a provider stops its service unreported?", True),
    ("What can a worker who is injured claim?", True),
    ("How long is the probation period if the contract runs two years?", True),
])
def test_a_case_is_stated_by_a_clause_a_condition_word_or_a_quantity(question: str, states: bool) -> None:
    assert states_a_case(question) is states


def test_the_general_rule_leads_a_question_that_states_no_case() -> None:
    found = [hit(0, SPECIAL, 0.4), hit(1, OTHER, 0.3), hit(2, GENERAL, 0.2)]
    assert ids(general_first("诉讼时效从哪一天开始计算？", found)) == ["s2", "s0", "s1"]


def test_a_stated_case_or_a_far_less_likely_general_rule_keeps_the_order() -> None:
    found = [hit(0, SPECIAL, 0.4), hit(1, GENERAL, 0.2)]
    assert ids(general_first("分期还款的，诉讼时效从哪一天开始计算？", found)) == ["s0", "s1"]
    unlikely = [hit(0, SPECIAL, 0.4), hit(1, GENERAL, 0.05)]
    assert ids(general_first("诉讼时效从哪一天开始计算？", unlikely)) == ["s0", "s1"]
    fewer_words = [hit(0, SPECIAL, 0.4), hit(1, "第一条 为了规范民事关系，制定本法。", 0.4)]
    assert ids(general_first("诉讼时效从哪一天开始计算？", fewer_words)) == ["s0", "s1"]
