"""The period a how-many question counts in, and the candidates that count in it (assistant/periods.py)."""
from assistant.periods import asked_period, counts_in, period_first
from tests.unit.catalogue import ids, rated as _hit

MONTH = "延长工作时间每日不得超过三小时，但是每月不得超过三十六小时。"
DAY = "劳动者在同一用人单位一般平均每日工作时间不超过四小时，每周工作时间累计不超过二十四小时。"


def test_the_period_a_question_counts_in():
    assert asked_period("一个月最多能安排加班多少个小时？") == "month"
    assert asked_period("参加工作已经八年了，一年能休几天带薪年假？") == "year"
    assert asked_period("非全日制用工每周累计工作时间的上限是多少小时？") == "week"
    assert asked_period("签一份一年半的劳动合同，试用期最多能约定几个月？") == ""  # a case, no period
    assert asked_period("驾驶证记分的一个周期是多长？") == ""  # 周期 is no week
    assert asked_period("每月都要交社保吗？") == ""  # asks no amount


def test_a_sentence_counts_an_amount_in_a_period():
    assert counts_in("month", MONTH) and not counts_in("month", DAY)
    assert counts_in("day", DAY)
    assert not counts_in("month", "用人单位应当按月缴纳社会保险费。")  # no amount



def test_the_candidate_counting_in_the_asked_period_leads_when_close():
    hits = [_hit(0, DAY, 0.14), _hit(1, "（三）安排加班不支付加班费的；", 0.1), _hit(2, MONTH, 0.04)]
    question = "一个月最多能安排加班多少个小时？"
    assert ids(period_first(question, hits)) == ["s2", "s0", "s1"]
    far = [_hit(0, DAY, 0.9), _hit(1, MONTH, 0.01)]  # under SHARE of the likeliest
    assert period_first(question, far) == far
    assert period_first("每日最多工作几个小时？", hits) == hits  # the best counts in the day already


def test_only_a_candidate_of_the_best_ones_document_leads():
    hits = [_hit(0, DAY, 0.14), _hit(1, MONTH, 0.1)]
    hits[1].record.doc = "other.md"  # another document counts another subject in the month
    assert period_first("一个月最多能安排加班多少个小时？", hits) == hits
