"""A yes/no question against a candidate that takes the asked act as its condition (assistant/yesno.py)."""
from assistant.yesno import asks_whether, parts, placed, rule_first
from tests.unit.catalogue import ids, rated as _hit

# 民法典 第六百七十条 and the sentence after it
STATES = "借款的利息不得预先在本金中扣除。"
CONDITION = "利息预先在本金中扣除的，应当按照实际借款数额返还借款并计算利息。"
QUESTION = "借钱给别人时，能不能先把利息从借出的本金里直接扣掉？"



def test_a_sentence_splits_at_its_last_condition():
    assert parts(CONDITION) == ("利息预先在本金中扣除的，", "应当按照实际借款数额返还借款并计算利息。")
    assert parts(STATES) == ("", STATES)
    assert placed(["利息", "本金"], CONDITION) == (2, 1)


def test_yes_no_questions_about_a_rule_not_about_what_follows():
    assert asks_whether(QUESTION)
    assert asks_whether("设立居住权要收钱吗？")
    assert not asks_whether("违反规定会被罚款吗？")  # asks what follows the act
    assert not asks_whether("试用期最长多久？")


def test_the_rule_leads_when_the_best_takes_the_act_as_its_condition():
    hits = [_hit(0, CONDITION, 0.2), _hit(1, "商业银行应当保证存款本金和利息的支付。", 0.1), _hit(2, STATES, 0.18)]
    assert ids(rule_first(QUESTION, hits)) == ["s2", "s0", "s1"]


def test_order_kept_when_the_rule_is_far_behind_or_the_best_states_it():
    far = [_hit(0, CONDITION, 0.8), _hit(1, STATES, 0.1)]  # under SHARE of the best
    assert rule_first(QUESTION, far) == far
    stated = [_hit(0, STATES, 0.2), _hit(1, CONDITION, 0.19)]
    assert rule_first(QUESTION, stated) == stated
    assert rule_first("违反规定会被罚款吗？", [_hit(0, CONDITION, 0.2), _hit(1, STATES, 0.18)])[0].record.id == "s0"


def test_only_a_rule_of_the_best_ones_document_leads():
    hits = [_hit(0, CONDITION, 0.2), _hit(1, STATES, 0.18)]
    hits[1].record.doc = "other.md"  # another document's rule is on another subject, however alike its words
    assert rule_first(QUESTION, hits) == hits
