"""Who-questions: the candidates that say who does the act ("由用人单位承担") lead (assistant/actors.py)."""
from assistant.actors import ACTOR_SHARE, by_actor
from tests.unit.catalogue import ids, rated as hit

TOPIC = "职业病诊断争议由卫生行政部门根据当事人的申请，组织职业病诊断鉴定委员会进行鉴定。"
ASSIGNED = "职业病诊断、鉴定费用由用人单位承担。"
PASSING = "职业病诊断鉴定委员会应当按照规定作出鉴定结论。"


def test_the_sentence_that_assigns_the_act_leads_a_who_question() -> None:
    found = [hit(0, PASSING, 0.5), hit(1, ASSIGNED, 0.2), hit(2, TOPIC, 0.1)]
    assert ids(by_actor("申请职业病诊断鉴定，鉴定费用由谁来出？", found)) == ["s1", "s0", "s2"]
    # (the topic sentence names its party only past a comma)


def test_other_questions_and_unlikely_candidates_keep_their_order() -> None:
    found = [hit(0, PASSING, 0.5), hit(1, ASSIGNED, 0.2)]
    assert ids(by_actor("职业病诊断鉴定要多长时间？", found)) == ["s0", "s1"]
    unlikely = [hit(0, PASSING, 0.5), hit(1, ASSIGNED, 0.5 * ACTOR_SHARE * 0.9)]
    assert ids(by_actor("鉴定费用由谁来出？", unlikely)) == ["s0", "s1"]


def test_a_best_candidate_that_names_the_party_stays_first() -> None:
    found = [hit(0, ASSIGNED, 0.5), hit(1, TOPIC, 0.4)]
    assert ids(by_actor("鉴定费用由谁来出？", found)) == ["s0", "s1"]
