"""A yes/no question against a candidate that takes the asked act as its condition (assistant/yesno.py)."""
from assistant.yesno import asks_whether, parts, placed, rule_first, violation
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


# 保障农民工工资支付条例: a penalty's list item, the card rule and the rule that answers
ITEM = "（一）以实物、有价证券等形式代替货币支付农民工工资；"
PENALTY_HEAD = "逾期不改正的，对单位处2万元以上5万元以下的罚款："
CARD = "用于支付农民工工资的银行账户所绑定的农民工本人社会保障卡或者银行卡，用人单位或者其他人员不得以任何理由扣押或者变相扣押。"
CASH = "第十一条 农民工工资应当以货币形式，通过银行转账或者现金支付给农民工本人，不得以实物或者有价证券等其他形式替代。"
WAGES = "工地老板能不能用购物卡或者实物代替工资发给农民工？"


def _item(i: int, text: str, p: float, head: str):
    found = _hit(i, text, p)
    found.record.item, found.record.list_head = "（一）", head
    return found


def test_an_item_of_a_penalty_list_is_the_condition_and_the_rule_stating_most_of_the_question_leads():
    hits = [_item(0, ITEM, 0.05, PENALTY_HEAD), _hit(1, CARD, 0.18), _hit(2, CASH, 0.05)]
    assert violation(hits[0].record) and not violation(hits[1].record)
    assert ids(rule_first(WAGES, hits)) == ["s2", "s0", "s1"]  # CARD shares "农民工工资" too, and states less


def test_an_item_of_a_list_that_punishes_nothing_is_left_alone():
    hits = [_item(0, ITEM, 0.05, "用人单位有下列情形之一的，劳动者可以解除劳动合同："), _hit(1, CASH, 0.05)]
    assert not violation(hits[0].record)
    assert rule_first(WAGES, hits) == hits
