"""The bound a how-many question asks for, and the candidates that set it (assistant/bounds.py)."""
from assistant.bounds import LOWER, UPPER, asked_bound, bound_first, sets_bound
from tests.unit.catalogue import ids, rated as _hit

RANGE = "有限合伙企业由二个以上五十个以下合伙人设立。"
AT_LEAST = "有限合伙企业至少应当有一个普通合伙人。"


def test_the_bound_a_question_asks_for():
    assert asked_bound("有限合伙企业最多能有几个合伙人？") == UPPER
    assert asked_bound("What is the maximum number of partners a limited partnership can have?") == UPPER
    assert asked_bound("产假至少有多少天？") == LOWER
    assert asked_bound("最高人民法院在哪里？") == ""  # a court's name, and no amount asked
    assert asked_bound("上海今年的最低工资标准是每月多少钱？") == ""  # 最低工资 names a thing
    assert asked_bound("最高额抵押担保的债权最多能有多少？") == UPPER  # 最高额 names one, 最多 asks
    assert asked_bound("罚款最低多少、最高多少？") == ""  # both bounds: none preferred
    assert asked_bound("最多可以请几天假") == UPPER
    assert asked_bound("试用期是多久？") == ""  # an amount, no bound


def test_a_sentence_sets_a_bound_with_an_amount():
    assert sets_bound(UPPER, RANGE) and sets_bound(LOWER, RANGE)
    assert sets_bound(LOWER, AT_LEAST) and not sets_bound(UPPER, AT_LEAST)
    assert sets_bound(UPPER, "试用期最长不得超过六个月。")
    assert not sets_bound(UPPER, "依法报请最高人民法院核准。")  # no amount, and a court's name
    assert not sets_bound(UPPER, "处以下罚款：")  # no amount


def test_the_candidate_setting_the_asked_bound_leads_when_close():
    question = "有限合伙企业最多能有几个合伙人？"
    hits = [_hit(0, AT_LEAST, 0.3), _hit(1, "有限合伙企业不得以劳务出资。", 0.2), _hit(2, RANGE, 0.1)]
    assert ids(bound_first(question, hits)) == ["s2", "s0", "s1"]
    assert bound_first("有限合伙企业至少有几个普通合伙人？", hits) == hits  # the best sets the lower bound
    far = [_hit(0, AT_LEAST, 0.9), _hit(1, RANGE, 0.01)]  # under SHARE of the likeliest
    assert bound_first(question, far) == far
    no_amount = [_hit(0, "有限合伙企业名称中应当标明“有限合伙”字样。", 0.3), _hit(1, RANGE, 0.2)]
    assert bound_first(question, no_amount) == no_amount  # a best without an amount is judged elsewhere


def test_a_bound_in_a_condition_clause_is_the_case_not_the_rule():
    assert not sets_bound(LOWER, "公司法定公积金累计额为公司注册资本的百分之五十以上的，可以不再提取。")
    assert sets_bound(UPPER, "累计缴费十年以上的，领取失业保险金的期限最长为二十四个月。")
    assert not sets_bound(LOWER, "累计缴费十年以上的，领取失业保险金的期限最长为二十四个月。")


def test_only_a_bound_of_the_best_ones_document_leads():
    question = "住房公积金单位和个人的缴存比例最低是多少？"
    best = _hit(0, "缴存比例由住房公积金管理委员会拟订，每年调整一次，不超过12%。", 0.3)
    elsewhere = _hit(1, "劳动者在试用期的工资不得低于本单位相同岗位最低档工资的80%。", 0.2)
    elsewhere.record.doc = "other.md"  # another law
    assert bound_first(question, [best, elsewhere]) == [best, elsewhere]
    elsewhere.record.doc = best.record.doc
    assert ids(bound_first(question, [best, elsewhere])) == ["s1", "s0"]
