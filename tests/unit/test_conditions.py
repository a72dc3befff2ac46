"""A question's stated case against the ranges of sentence conditions (assistant/conditions.py), and the
answerer's use of it (assistant/preferences.by_case)."""
import math

import pytest

from assistant.answerer import in_best_place
from assistant.conditions import Span, closed, conditions, fit, stated_case
from assistant.preferences import by_case
from assistant.types import Hit, SentenceRecord

# Sentences as the laws word them (劳动合同法 第十九条、第四十七条; 职工带薪年休假条例 第三条).
PROBATION = [
    "劳动合同期限三个月以上不满一年的，试用期不得超过一个月；",
    "劳动合同期限一年以上不满三年的，试用期不得超过二个月；",
    "三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月。",
]
LEAVE = [
    "职工累计工作已满1年不满10年的，年休假5天；",
    "已满10年不满20年的，年休假10天；",
    "已满20年的，年休假15天。",
]


@pytest.mark.parametrize("question, expected", [
    ("签一份一年半的劳动合同，试用期最多能约定几个月？", [Span("months", 18, 18)]),
    ("参加工作已经八年了，一年能休几天带薪年假？", [Span("months", 96, 96)]),
    ("在公司干了不到半年就被辞退，经济补偿能拿多少？", [Span("months", 0, 6)]),
    ("工作满十年可以签无固定期限合同吗？", [Span("months", 120, math.inf)]),
    ("孩子三岁前每年能休几天育儿假？", [Span("age", 0, 3)]),
    ("工作还没满一年，能休年假吗？", [Span("months", 0, 12)]),  # negated: under it, not from it
    ("养老保险只交了十一二年，还没交满十五年，能按月领养老金吗？", [Span("months", 138, 138)]),
    ("干了三四个月就被辞退了", [Span("months", 3.5, 3.5)]),  # about three or four: between them
])
def test_the_case_a_question_states(question, expected):
    assert stated_case(question) == expected


@pytest.mark.parametrize("question", ["试用期最长多久？", "这篇文章是哪一年发表的？", "全国助残日是哪一天？",
                                      "每一年能休几天？", "2012年的公司法怎么规定？"])
def test_asked_or_dated_quantities_are_no_case(question):
    assert stated_case(question) == []


def test_a_case_not_yet_reached_fits_the_rule_for_less():
    case = stated_case("养老保险交了十一二年，还没交满十五年，到退休能按月领养老金吗？")
    assert fit(case, "参加基本养老保险的个人，达到法定退休年龄时累计缴费不足十五年的，可以缴费至满十五年，按月领取基本养老金；") == 1
    assert fit(case, "参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。") == -1


def test_ranges_come_from_the_condition_clause_only():
    assert conditions(PROBATION[1]) == [Span("months", 12, 36)]
    assert conditions(LEAVE[0]) == [Span("months", 12, 120)]
    assert conditions(PROBATION[2]) == []  # "不得超过六个月" is the rule's limit, not its condition
    assert conditions("试用期最长不得超过六个月。") == []
    assert conditions("十六周岁以上的未成年人，以自己的劳动收入为主要生活来源的，视为完全民事行为能力人。") == \
        [Span("age", 16, math.inf)]


def test_the_range_holding_the_case_fits_and_the_others_exclude_it():
    case = stated_case("签一份一年半的劳动合同，试用期最多能约定几个月？")
    assert [fit(case, s) for s in PROBATION] == [-1, 1, 0]
    case = stated_case("参加工作已经八年了，一年能休几天带薪年假？")
    assert [fit(case, s) for s in LEAVE] == [1, -1, -1]
    assert fit(stated_case("孩子十岁"), LEAVE[0]) == 0  # an age is no duration of work


def test_not_more_than_is_an_upper_bound():
    assert stated_case("工作不超过两年的员工") == [Span("months", 0, 24 + 1e-9)]
    assert conditions("连续工作不少于十年的，可以申请。") == [Span("months", 120, math.inf)]
    assert stated_case("罚款不超过36000元的") == []  # amounts of money are no case


def test_a_range_bounded_on_both_sides_is_the_more_specific():
    case = stated_case("参加工作已经八年了")
    broad = "劳动者连续工作一年以上的，享受带薪年休假。"
    assert fit(case, broad) == fit(case, LEAVE[0]) == 1
    assert closed(case, LEAVE[0]) and not closed(case, broad)
    adult = stated_case("十六岁的孩子靠自己打工挣钱生活")
    assert fit(adult, "十六周岁以上的未成年人，以自己的劳动收入为主要生活来源的，视为完全民事行为能力人。") == 1
    assert fit(adult, "不满十八周岁的自然人为未成年人。") == 1
    assert not closed(adult, "不满十八周岁的自然人为未成年人。")


def _hit(n: int, text: str, p: float) -> Hit:
    record = SentenceRecord(id=f"d-{n:05d}", doc="d.txt", title="d", paragraph=0, sentence=n,
                            start=0, end=len(text), text=text)
    return Hit(record=record, score=1.0 - n / 100, probability=p)


def test_by_case_leads_with_the_fitting_sentence_and_drops_the_excluding_ones():
    hits = [_hit(0, "第二十一条 劳动合同可以约定试用期。", 0.4), _hit(1, PROBATION[0], 0.3),
            _hit(2, "同一用人单位与同一劳动者只能约定一次试用期。", 0.08), _hit(3, PROBATION[1], 0.04)]
    ordered = in_best_place(hits, by_case("签一份一年半的劳动合同，试用期最多能约定几个月？", hits))
    assert [h.record.text for h in ordered] == [PROBATION[1], hits[0].record.text, hits[2].record.text]
    assert ordered[0].probability == 0.4  # the lead takes the best one's place...
    assert ordered[1].probability == pytest.approx(0.4 * 0.04 / 0.4)  # ...the others keep their odds against it


def test_by_case_finds_the_fitting_sentence_among_the_first_twenty():
    """A continuation that never names its subject ("已满10年不满20年的，年休假10天") is rated low and sits behind
    the sentences that share the question's words; it still leads when it alone holds the case."""
    others = [_hit(n, f"职工有下列情形之一的，不享受当年的年休假：第{n}项。", 0.1 - n / 200) for n in range(14)]
    hits = [_hit(20, LEAVE[0], 0.2), *others, _hit(21, LEAVE[1], 0.001)]
    ordered = by_case("我在单位累计工作12年了，一年能休几天带薪年假？", hits)
    assert ordered[0].record.text == LEAVE[1]
    assert LEAVE[0] not in [h.record.text for h in ordered]  # its range (1 to 10 years) excludes the case


def test_by_case_leaves_nothing_when_every_condition_excludes_the_case():
    hits = [_hit(0, LEAVE[1], 0.5), _hit(1, LEAVE[2], 0.3)]
    assert by_case("参加工作已经八年了，一年能休几天带薪年假？", hits) == []


def test_by_case_keeps_the_order_without_a_stated_case():
    hits = [_hit(0, PROBATION[0], 0.5), _hit(1, PROBATION[1], 0.2)]
    assert by_case("试用期最长多久？", hits) == hits


def test_an_english_question_states_its_case_too() -> None:
    from assistant.conditions import Span, stated_case
    assert stated_case("How many days of annual leave does an employee with 25 years of service get?") == \
        [Span("months", 300.0, 300.0)]
    assert stated_case("What leave does someone with twelve years of service get?") == [Span("months", 144.0, 144.0)]
    assert stated_case("How long is an identity card valid for a citizen aged 16 to 25?") == [Span("age", 16.0, 26.0)]
    assert stated_case("How many days of maternity leave are there?") == []  # asked, not stated


# 职工带薪年休假条例 第四条: items whose attributive range has both ends.
SICK_LEAVE = ["(三)累计工作满1年不满10年的职工，请病假累计2个月以上的；",
              "(四)累计工作满10年不满20年的职工，请病假累计3个月以上的；"]


def test_an_attributive_range_with_both_ends_is_bounded_on_both_sides():
    assert Span("months", 12, 120) in conditions(SICK_LEAVE[0])
    case = stated_case("工龄五年的员工，病假累计多久就没有当年的年休假了？")
    assert fit(case, SICK_LEAVE[0]) == 1 and closed(case, SICK_LEAVE[0])  # as specific as 第三条's "已满1年不满10年的"
    assert conditions("十六周岁以上的未成年人，…") == [Span("age", 16, math.inf)]  # one end stays one end


def test_of_two_specific_fits_the_one_with_the_asked_unit_leads():
    days = "How many days of paid annual leave does an employee with twelve years of service get?"
    hits = [_hit(0, SICK_LEAVE[1], 0.5), _hit(1, LEAVE[1], 0.3)]
    assert [h.record.text for h in by_case(days, hits)] == [LEAVE[1], SICK_LEAVE[1]]  # 10天 answers "how many days"
    sick = "工龄五年的员工，病假累计多久就没有当年的年休假了？"  # asks no unit: the selector's order stays
    hits = [_hit(0, SICK_LEAVE[0], 0.5), _hit(1, LEAVE[0], 0.3)]
    assert by_case(sick, hits) == hits
    assert [h.record.text for h in by_case("工龄十二年的职工一年有几天年休假？", [_hit(0, SICK_LEAVE[1], 0.5),
                                                                     _hit(1, LEAVE[1], 0.3)])][0] == LEAVE[1]
