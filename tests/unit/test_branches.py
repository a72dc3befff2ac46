"""A question whose case is negated, against an article that rules both ways (assistant/branches.py)."""
from assistant.branches import (
    negated_branch_first,
    negated_condition,
    negated_words,
    negates,
    plain_branch_first,
    says_not,
    short_or_negated,
)
from assistant.types import Hit, SentenceRecord

# 女职工劳动保护特别规定 第八条, one article in two sentences, and another article
INSURED = "第八条 女职工产假期间的生育津贴，对已经参加生育保险的，按照用人单位上年度职工月平均工资的标准由生育保险基金支付；"
UNINSURED = "对未参加生育保险的，按照女职工产假前工资的标准由用人单位支付。"
OTHER = "第九条 对哺乳未满1周岁婴儿的女职工，用人单位不得延长劳动时间或者安排夜班劳动。"
# 税收征收管理法 第五十九条: a duty, then what follows when it is not done
DUTY = "第五十九条 税务机关派出的人员进行税务检查时，应当出示税务检查证和税务检查通知书，并有责任为被检查人保守秘密；"
NOT_DONE = "未出示税务检查证和税务检查通知书的，被检查人有权拒绝检查。"


def test_negation_words_of_their_own():
    assert negates("公司没给员工上生育保险") and negates("年限还不够") and negates("一直没跟我说")
    assert not negates("不动产登记要多久")  # 不 inside a word
    assert not negates("公司能不能辞退我")  # asks about a rule
    assert not negates("工作不满一年的年休假")  # a range: conditions.py


def test_a_sentence_s_conditions_are_negated_stated_or_absent():
    assert negated_condition(UNINSURED) is True
    assert negated_condition(INSURED) is False
    assert negated_condition(NOT_DONE) is True
    assert negated_condition(DUTY) is None  # no condition clause
    unsigned = "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"
    assert negated_condition(unsigned) is True


def _hit(i: int, text: str, article: str, doc: str = "law.md", item: str = "") -> Hit:
    record = SentenceRecord(id=f"d-{i:05d}", doc=doc, title="d", paragraph=0, sentence=i, start=0, end=len(text),
                            text=text, article=article, item=item)
    return Hit(record=record, score=1.0 - i / 10, probability=0.7 / (i + 1))


def order(question: str, hits: list[Hit]) -> list[str]:
    return [h.record.text for h in negated_branch_first(question, hits)]


def test_the_negated_branch_of_the_same_article_leads():
    hits = [_hit(0, INSURED, "第八条"), _hit(1, OTHER, "第九条"), _hit(2, UNINSURED, "第八条")]
    assert order("公司没给员工上生育保险，生育津贴由谁来出？", hits) == [UNINSURED, INSURED, OTHER]
    duty = [_hit(0, DUTY, "第五十九条"), _hit(1, NOT_DONE, "第五十九条")]
    assert order("税务局的人没拿出检查证，我们能不让查吗？", duty) == [NOT_DONE, DUTY]


def test_the_negated_branch_is_found_among_the_first_twenty():
    """The branch never names its subject ("未出示…的，"), so sentences of other articles that share the question's
    words are rated above it; it still leads from the fifteenth place."""
    others = [_hit(i, OTHER.replace("第九条", f"第{i + 10}条"), f"第{i + 10}条") for i in range(1, 14)]
    hits = [_hit(0, DUTY, "第五十九条"), *others, _hit(14, NOT_DONE, "第五十九条")]
    assert order("税务局的人没拿出检查证，我们能不让查吗？", hits)[0] == NOT_DONE


def test_nothing_moves_without_a_negated_case_or_a_sibling_branch():
    hits = [_hit(0, INSURED, "第八条"), _hit(1, OTHER, "第九条"), _hit(2, UNINSURED, "第八条")]
    assert order("生育津贴由谁来出？", hits) == [INSURED, OTHER, UNINSURED]
    elsewhere = [_hit(0, INSURED, "第八条"), _hit(1, UNINSURED, "第九条")]  # another article
    assert order("公司没给员工上生育保险，生育津贴由谁来出？", elsewhere) == [INSURED, UNINSURED]
    other_law = [_hit(0, INSURED, "第八条"), _hit(1, UNINSURED, "第八条", doc="other.md")]
    assert order("公司没给员工上生育保险，生育津贴由谁来出？", other_law) == [INSURED, UNINSURED]
    already = [_hit(0, UNINSURED, "第八条"), _hit(1, INSURED, "第八条")]  # the best one is that branch already
    assert order("公司没给员工上生育保险，生育津贴由谁来出？", already) == [UNINSURED, INSURED]


def test_a_negation_anywhere_in_the_condition_counts_and_a_list_head_has_no_branches():
    # 民法典 第一千一百九十八条: the negation sits before the clause that ends in 的，
    liable = "第一千一百九十八条 宾馆、商场等经营场所的经营者，未尽到安全保障义务，造成他人损害的，应当承担侵权责任。"
    supplementary = "经营者、管理者或者组织者未尽到安全保障义务的，承担相应的补充责任。"
    assert negated_condition(liable) is True
    hits = [_hit(0, liable, "第一千一百九十八条"), _hit(1, supplementary, "第一千一百九十八条")]
    assert order("商场没尽到安全保障义务，我受伤了商场要担责吗？", hits) == [liable, supplementary]
    head = "第二十四条 职工有下列情形之一的，可以提取职工住房公积金账户内的存储余额："
    heirless = "无继承人也无受遗赠人的，职工住房公积金账户内的存储余额纳入住房公积金的增值收益。"
    listed = [_hit(0, head, "第二十四条"), _hit(1, heirless, "第二十四条")]
    assert order("我没买房，公积金能取出来付房租吗？", listed) == [head, heirless]


def test_a_best_candidate_that_negates_the_asked_word_itself_or_is_an_item_stays():
    no_interest = "自然人之间借款的，视为没有利息。"
    unclear = "借款合同对支付利息约定不明确，当事人不能达成补充协议的，按照当地或者当事人的交易习惯确定利息；"
    assert says_not(negated_words("朋友之间借钱没写利息，到期能要利息吗？"), no_interest)
    hits = [_hit(0, no_interest, "第六百八十条"), _hit(1, unclear, "第六百八十条")]
    assert order("朋友之间借钱没写利息，到期能要利息吗？", hits) == [no_interest, unclear]
    item = _hit(0, "（五）偿还购房贷款本息的；", "第二十四条", item="（五）")
    heirless = "无继承人也无受遗赠人的，职工住房公积金账户内的存储余额纳入住房公积金的增值收益。"
    assert order("我没买房，公积金能取出来付房租吗？", [item, _hit(1, heirless, "第二十四条")])[0] != heirless


# 社会保险法 第十六条: the condition that holds, then the case short of it; 工伤保险条例 第四十四条: 应当 / 不能参加
MET = "第十六条 参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。"
SHORT = "参加基本养老保险的个人，达到法定退休年龄时累计缴费不足十五年的，可以缴费至满十五年，按月领取基本养老金；"
ABROAD = "第四十四条 职工被派遣出境工作，依据前往国家或者地区的法律应当参加当地工伤保险的，参加当地工伤保险，其国内工伤保险关系中止；"
CANNOT = "不能参加当地工伤保险的，其国内工伤保险关系不中止。"


def test_cannot_in_a_condition_states_a_negated_case():
    assert negated_condition(CANNOT) is True and negated_condition(ABROAD) is False
    assert not negates("能不能参加当地的工伤保险")  # in a question "不能" still asks about a rule
    hits = [_hit(0, ABROAD, "第四十四条"), _hit(1, CANNOT, "第四十四条")]
    assert order("按当地法律我没法参加当地的工伤保险，国内的工伤保险还算数吗？", hits) == [CANNOT, ABROAD]


def plain(question: str, hits: list[Hit]) -> list[str]:
    return [h.record.text for h in plain_branch_first(question, hits)]


def test_a_question_that_negates_nothing_gets_the_branch_whose_condition_holds():
    assert short_or_negated(SHORT) and short_or_negated(UNINSURED) and not short_or_negated(MET)
    hits = [_hit(0, SHORT, "第十六条"), _hit(1, MET, "第十六条")]
    assert plain("养老保险交满几年退休后才能按月领养老金？", hits) == [MET, SHORT]
    insured = [_hit(0, UNINSURED, "第八条"), _hit(1, INSURED, "第八条")]
    assert plain("生育津贴由谁来出？", insured) == [INSURED, UNINSURED]


def test_the_negated_or_short_branch_stays_when_the_question_says_so_or_the_plain_one_is_far():
    hits = [_hit(0, SHORT, "第十六条"), _hit(1, MET, "第十六条")]
    assert plain("养老保险交得不够十五年，退休后怎么办？", hits) == [SHORT, MET]  # the question negates
    assert plain("How many years of contributions are needed for a monthly pension?", hits) == [SHORT, MET]
    far = [_hit(0, SHORT, "第十六条"), *(_hit(i, OTHER, "第九条") for i in range(1, 4)), _hit(4, MET, "第十六条")]
    far[4] = far[4].model_copy(update={"probability": 0.3 * 0.7 - 0.01})  # below PLAIN_SHARE of the best
    assert plain("养老保险交满几年退休后才能按月领养老金？", far)[0] == SHORT
    other_article = [_hit(0, SHORT, "第十六条"), _hit(1, MET, "第十七条")]
    assert plain("养老保险交满几年退休后才能按月领养老金？", other_article) == [SHORT, MET]


def test_a_best_one_that_holds_the_stated_amount_stays_before_the_negated_branch():
    """"没有如实告知…，合同成立超过两年后，还能解除合同吗？": the sentence for "超过二年的" (by_case put it first) stays
    before the article's branch "…未如实告知的情况的，保险人不得解除合同"."""
    two_years = _hit(0, "第十六条 自合同成立之日起超过二年的，保险人不得解除合同；", "第十六条")
    knew = _hit(1, "保险人在合同订立时已经知道投保人未如实告知的情况的，保险人不得解除合同；", "第十六条")
    question = "投保时没有如实告知病史，保险合同成立超过两年后，保险公司还能以此解除合同吗？"
    assert order(question, [two_years, knew])[0] == two_years.record.text
    assert order("投保时没有如实告知病史，保险公司还能解除合同吗？", [two_years, knew])[0] == knew.record.text
