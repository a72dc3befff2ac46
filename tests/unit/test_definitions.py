"""A what-does-it-mean question is answered first by a sentence that defines its term (assistant/definitions.py)."""
import pytest

from assistant.definitions import asked_term, defines, defining_first, states_definition
from tests.unit.catalogue import ids, rated as hit

DEFINES = "第二条 本法所称家庭暴力，是指家庭成员之间以殴打、捆绑、残害等方式实施的身体、精神等侵害行为。"
NAMES = "单位、个人发现正在发生的家庭暴力行为，有权及时劝阻。"
OTHER = "未成年人的父母在家庭教育过程中对未成年人实施家庭暴力的，依照有关法律的规定追究法律责任。"


@pytest.mark.parametrize(("question", "term"), [
    ("法律上的家庭暴力指什么？", "家庭暴力"),
    ("格式条款是什么意思？", "格式条款"),
    ("什么叫垄断协议？", "垄断协议"),
    ("什么是慈善募捐？", "慈善募捐"),
    ("住房公积金的定义是什么？", "住房公积金"),
    ("产品出了问题，法律上的产品缺陷指什么？", "产品缺陷"),
    ("买保险时说的受益人是指什么人？", "受益人"),
    ("这个计划指什么？", "计划"),
    ("试用期最长多久？", ""),
    ("What is a will?", ""),
    ("劳动者在试用期内被证明不符合录用条件指什么？", ""),  # a clause, not a term
])
def test_the_term_asked_about(question: str, term: str) -> None:
    assert asked_term(question) == term


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("家庭暴力", DEFINES, True),
    ("隐私", "隐私是自然人的私人生活安宁和不愿为他人知晓的私密空间。", True),
    ("受益人", "受益人是指人身保险合同中由被保险人指定的享有保险金请求权的人。", True),
    ("产品缺陷", "本法所称缺陷，是指产品存在危及人身安全的不合理的危险；", True),  # its last word, worded apart
    ("家庭暴力", NAMES, False),
    ("家庭暴力", OTHER, False),
    ("非居民企业", "企业分为居民企业和非居民企业。", False),  # the whole term is there and not defined
    ("慈善募捐", "慈善募捐，包括面向社会公众的公开募捐和面向特定对象的定向募捐。", False),  # kinds, not what it is
    ("格式条款", "该格式条款是否有效，由人民法院认定。", False),
])
def test_a_sentence_defines_the_term_with_a_defining_verb_right_after_it(term: str, text: str, expected: bool) -> None:
    assert defines(term, text) is expected


def test_a_close_defining_sentence_leads_a_what_does_it_mean_question() -> None:
    found = [hit(0, NAMES, 0.5), hit(1, OTHER, 0.3), hit(2, DEFINES, 0.2)]
    assert ids(defining_first("法律上的家庭暴力指什么？", found)) == ["s2", "s0", "s1"]


def test_the_order_stays_when_the_best_defines_none_is_close_or_nothing_is_asked_to_be_defined() -> None:
    found = [hit(0, DEFINES, 0.5), hit(1, NAMES, 0.3)]
    assert ids(defining_first("法律上的家庭暴力指什么？", found)) == ["s0", "s1"]
    loose = "家庭暴力是家庭成员之间的侵害行为。"  # says what it is, not in a definition's own form
    far = [hit(0, NAMES, 0.5), hit(1, loose, 0.1)]
    assert ids(defining_first("法律上的家庭暴力指什么？", far)) == ["s0", "s1"]
    plain = [hit(0, NAMES, 0.5), hit(1, DEFINES, 0.4)]
    assert ids(defining_first("发现家庭暴力怎么办？", plain)) == ["s0", "s1"]
    # a plan the documents describe and never define: still answered, by the best candidate
    plan = [hit(0, "深入实施年轻干部“四个一批”计划，着眼当前提拔一批。", 0.6), hit(1, "计划由组织部负责。", 0.3)]
    assert ids(defining_first("年轻干部“四个一批”计划指什么？", plan)) == ["s0", "s1"]


def test_a_document_s_own_definition_leads_however_far_its_rating() -> None:
    far = [hit(0, NAMES, 0.5), hit(1, OTHER, 0.3), hit(2, DEFINES, 0.01)]
    assert ids(defining_first("法律上的家庭暴力指什么？", far)) == ["s2", "s0", "s1"]


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("家庭暴力", DEFINES, True),
    ("信托", "第二条 本法所称信托，是指委托人基于对受托人的信任，将其财产权委托给受托人。", True),
    ("信托", "本法所称慈善信托属于公益信托，是指委托人基于慈善目的。", False),  # another term's definition
    ("内幕信息", "本法所称内幕信息的知情人，是指能够接触内幕信息的单位和个人。", False),
    ("家庭暴力", "家庭暴力是家庭成员之间的侵害行为。", False),
])
def test_a_stated_definition_is_of_exactly_the_asked_term(term: str, text: str, expected: bool) -> None:
    assert states_definition(term, text) is expected


def test_a_stated_definition_found_after_the_window_leads_and_a_looser_one_does_not() -> None:
    far = [hit(i, NAMES, 0.5 / (i + 1)) for i in range(8)] + [hit(8, DEFINES, 0.0)]
    assert ids(defining_first("法律上的家庭暴力指什么？", far))[0] == "s8"
    loose = [hit(i, NAMES, 0.5 / (i + 1)) for i in range(8)] + [hit(8, "家庭暴力是指家庭成员之间的侵害行为。", 0.5)]
    assert ids(defining_first("法律上的家庭暴力指什么？", loose))[0] == "s0"  # not the document's own, too far
