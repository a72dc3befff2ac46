"""A list question's close list of the same document leads a best candidate that lists nothing (lists.list_first)."""
import pytest

from assistant.features import QuestionInfo
from assistant.kinds import LIST_QUESTION, Q_ITEMS, Q_LIST
from assistant.lists import is_listed, list_first
from assistant.types import Hit
from tests.unit.catalogue import ids, rated

HEAD = "第二十四条 职工有下列情形之一的，可以提取职工住房公积金账户内的存储余额："
PLAIN = "职工应当持提取证明向住房公积金管理中心申请提取住房公积金。"


def _hit(i: int, text: str, p: float, item: str = "", doc: str = "d.md") -> Hit:
    found = rated(i, text, p)
    return found.model_copy(update={"record": found.record.model_copy(update={"item": item, "doc": doc})})


def test_what_counts_as_a_list():
    assert is_listed(_hit(0, HEAD, 0.1).record)
    assert is_listed(_hit(0, "(五)偿还购房贷款本息的；", 0.1, item="(五)").record)
    assert is_listed(_hit(0, "社会保险包括养老保险、医疗保险、工伤保险。", 0.1).record)  # lists in itself
    assert not is_listed(_hit(0, PLAIN, 0.1).record)


def test_the_close_list_of_the_same_document_leads():
    hits = [_hit(0, PLAIN, 0.1), _hit(1, "住房公积金管理中心应当自受理申请之日起3日内作出决定。", 0.09),
            _hit(2, "(五)偿还购房贷款本息的；", 0.05, item="(五)")]
    question = "什么情况下可以把住房公积金取出来？"
    assert ids(list_first(question, hits)) == ["s2", "s0", "s1"]
    assert list_first("住房公积金怎么申请提取？", hits) == hits  # no list asked for
    assert list_first("提取公积金有什么要求？", hits) == hits  # "有什么要求" asks for a rule as often


def test_a_far_or_foreign_list_does_not_lead():
    question = "什么情况下可以把住房公积金取出来？"
    far = [_hit(0, PLAIN, 0.5), _hit(1, "(五)偿还购房贷款本息的；", 0.1, item="(五)")]
    assert list_first(question, far) == far
    other = [_hit(0, PLAIN, 0.1), _hit(1, "(一)未按照规定提存保证金的；", 0.09, item="(一)", doc="保险法.md")]
    assert list_first(question, other) == other


@pytest.mark.parametrize(("question", "expected"), [
    ("党建引领“三大行动”分别是什么？", True),  # a counted group asked for one by one
    ("三大行动是哪三个？", True),
    ("四个方面分别是什么", True),
    ("两个人分别承担多少责任？", False),  # people, not items
    ("三个月分别是哪三个月", False),  # a span of time
    ("试用期分别是多久？", False),
])
def test_a_counted_group_asked_for_item_by_item_is_a_list_question(question: str, expected: bool) -> None:
    assert bool(LIST_QUESTION.search(question)) is expected


@pytest.mark.parametrize(("question", "expected"), [
    ("消费者有什么权利？", True),
    ("厂里也没有什么集体合同，那我的工资该按什么标准算？", False),  # 没有什么 says there is none: no list asked
    ("单位沒有什么规章制度，辞退员工要提前多久通知？", False),
])
def test_there_being_nothing_is_no_list_question(question: str, expected: bool) -> None:
    assert bool(LIST_QUESTION.search(question)) is expected
    assert bool(Q_LIST.search(question)) is expected


@pytest.mark.parametrize(("question", "expected"), [
    ("What are the conditions for a divorce by agreement?", True),
    ("Which kinds of social insurance does the law set up?", True),
    ("What basic rights does the Labour Law give workers?", True),
    ("In bankruptcy proceedings, what are the minimum and maximum lengths of the claims period?", False),  # two figures
    ("What are cadres' high standards supposed to buy for the public?", False),
])
def test_an_english_list_question_names_a_plural_kind(question: str, expected: bool) -> None:
    assert bool(Q_LIST.search(question)) is expected
    assert bool(LIST_QUESTION.search(question)) is expected  # the answerer reads English lists as the selector does


@pytest.mark.parametrize(("question", "items"), [
    ("子女不跟老人住在一起，法律对看望老人有什么要求？", False),  # asks for the rule: one sentence answers
    ("有限责任公司董事会的人数有什么规定？", False),
    ("消费者有哪些权利？", True),
    ("解除劳动合同需要什么条件？", True),
    ("What are the conditions for a divorce by agreement?", True),
])
def test_the_selector_reads_a_list_only_where_items_are_named(question: str, items: bool) -> None:
    assert QuestionInfo.of(question).wants["list"] is items
    assert bool(Q_ITEMS.search(question)) is items


def test_has_what_still_quotes_a_list_whole() -> None:
    question = "收养孩子的人年龄上有什么要求？"
    assert not Q_ITEMS.search(question)
    assert LIST_QUESTION.search(question) and Q_LIST.search(question)  # the answerer quotes an item's list whole
