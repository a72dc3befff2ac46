"""The sentence after the best one that gives the amount a how-many question asks for (assistant/figures.py)."""
from assistant.figures import amount_first, figure_next_first, gives_asked_amount
from assistant.types import Hit, SentenceRecord

# 企业破产法 第四十五条 and 第四十八条; 工伤保险条例 第三十九条 (a paragraph's two sentences)
NAMES = "第四十五条 人民法院受理破产申请后，应当确定债权人申报债权的期限。"
FIGURE = "债权申报期限自人民法院发布受理破产申请公告之日起计算，最短不得少于三十日，最长不得超过三个月。"
OTHER = "第四十八条 债权人应当在人民法院确定的债权申报期限内向管理人申报债权。"
PENSION = "(二)供养亲属抚恤金按照职工本人工资的一定比例发给由因工死亡职工生前提供主要生活来源、无劳动能力的亲属。"
RATES = "标准为：配偶每月40%，其他亲属每人每月30%，孤寡老人或者孤儿每人每月在上述标准的基础上增加10%。"
LIMIT = "核定的各供养亲属的抚恤金之和不应高于因工死亡职工生前的工资。"


def _hit(sentence: int, text: str, article: int | None, doc: str = "law.md") -> Hit:
    record = SentenceRecord(id=f"d-{sentence:05d}", doc=doc, title="d", paragraph=sentence // 10, sentence=sentence,
                            start=0, end=len(text), text=text, article=f"第{article}条" if article else "",
                            article_no=article or 0)
    return Hit(record=record, score=1.0, probability=0.5)


def texts(question: str, hits: list[Hit]) -> list[str]:
    return [h.record.text for h in figure_next_first(question, hits)]


def test_the_amount_asked_for():
    assert gives_asked_amount("期限一般是多长？")(FIGURE)
    assert not gives_asked_amount("期限一般是多长？")(NAMES)  # 第四十五条 is a number, no amount
    share = gives_asked_amount("按职工本人工资的多少比例发放？")
    assert share(RATES) and not share("从事故发生当月起3个月内照发工资")
    assert gives_asked_amount("滞纳金按什么比例算？")("按日加收万分之五的滞纳金")
    assert gives_asked_amount("要提前几天通知？")("境内旅游应当至少提前七日通知旅游者")
    assert not gives_asked_amount("要提前几天通知？")("处一万元以上五万元以下罚款")
    assert not gives_asked_amount("债权由谁申报？")(FIGURE)  # no how-many question


def test_the_next_sentence_that_gives_the_amount_leads_and_the_best_follows():
    hits = [_hit(147, NAMES, 45), _hit(152, OTHER, 48), _hit(148, FIGURE, 45)]
    assert texts("公司进入破产程序后，申报债权的期限一般是多长？", hits) == [FIGURE, NAMES, OTHER]
    pension = [_hit(136, PENSION, 39), _hit(138, LIMIT, 39), _hit(137, RATES, 39)]
    assert texts("配偶每月领的供养亲属抚恤金按职工本人工资的多少比例发放？", pension)[:2] == [RATES, PENSION]


def test_nothing_moves_unless_the_best_lacks_the_amount_and_the_figure_follows_it_closely():
    asked = "公司进入破产程序后，申报债权的期限一般是多长？"
    assert texts(asked, [_hit(148, FIGURE, 45), _hit(147, NAMES, 45)]) == [FIGURE, NAMES]  # the best gives it
    before = [_hit(149, NAMES, 45), _hit(148, FIGURE, 45)]  # the figure comes before the best one
    assert texts(asked, before) == [NAMES, FIGURE]
    far = [_hit(147, NAMES, 45), _hit(150, FIGURE, 45)]  # three sentences on
    assert texts(asked, far) == [NAMES, FIGURE]
    other_article = [_hit(147, NAMES, 45), _hit(148, FIGURE, 46)]
    assert texts(asked, other_article) == [NAMES, FIGURE]
    other_law = [_hit(147, NAMES, 45), _hit(148, FIGURE, 45, doc="other.md")]
    assert texts(asked, other_law) == [NAMES, FIGURE]
    assert texts("债权由谁申报？", [_hit(147, NAMES, 45), _hit(148, FIGURE, 45)]) == [NAMES, FIGURE]


# 劳动法 第四十条 (a higher tier, no figure) and 全国年节及纪念日放假办法 第二条
HOLIDAY = "（二）春节；"
DAYS = "（二）春节，放假4天（农历除夕、正月初一至初三）；"


def rated(text: str, probability: float, doc: str) -> Hit:
    return _hit(1, text, None, doc=doc).model_copy(update={"probability": probability})


def test_a_close_candidate_elsewhere_that_gives_the_amount_leads():
    hits = [rated(HOLIDAY, 0.29, "劳动法.md"), rated(DAYS, 0.57, "放假办法.md")]
    assert [h.record.text for h in amount_first("春节放几天假？", hits)] == [DAYS, HOLIDAY]
    far = [rated(HOLIDAY, 0.6, "劳动法.md"), rated(DAYS, 0.29, "放假办法.md")]  # below half the likeliest
    assert [h.record.text for h in amount_first("春节放几天假？", far)] == [HOLIDAY, DAYS]
    assert [h.record.text for h in amount_first("春节是哪一天？", hits)] == [HOLIDAY, DAYS]  # asks for no amount
    given = [rated(DAYS, 0.29, "放假办法.md"), rated("春节放假3天。", 0.57, "旧办法.md")]  # the best gives one
    assert [h.record.text for h in amount_first("春节放几天假？", given)] == [DAYS, "春节放假3天。"]


def test_outside_articles_the_figure_follows_in_the_same_paragraph():
    names, figure = _hit(21, "一、关于申报期限。", None), _hit(22, FIGURE, None)
    assert texts("申报债权的期限一般是多长？", [names, figure]) == [FIGURE, names.record.text]
    next_paragraph = _hit(30, FIGURE, None)  # paragraph 3, the best one's is 2
    assert texts("申报债权的期限一般是多长？", [_hit(29, "一、关于申报期限。", None), next_paragraph])[0] != FIGURE
