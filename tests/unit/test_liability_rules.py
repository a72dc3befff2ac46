"""Which sentences are penalties for breaking an article named by number, and which state a duty
(assistant/liability.py)."""
import pytest

from assistant.liability import ASKS_PENALTY, cites_an_article, duties, punishes_a_breach
from tests.unit.catalogue import rated


def in_article(i: int, text: str, article_no: int, dense: float):
    h = rated(i, text, 0.1)
    record = h.record.model_copy(update={"article": f"第{article_no}条", "article_no": article_no})
    return h.model_copy(update={"record": record, "dense": dense})


@pytest.mark.parametrize(("text", "breach", "cites"), [
    ("第二十条 违反本条例第五条规定的，由公安机关责令改正，处二百元以上五百元以下罚款。", True, True),
    ("违反本法第三十一条第一款规定的，没收违法所得。", True, True),
    ("个人在禁止吸烟场所吸烟且不听劝阻的，由本条例第十六条规定的有关部门责令改正，并处以五十元罚款。", False, True),
    ("依照本法第四十七条规定的经济补偿标准的二倍向劳动者支付赔偿金。", False, True),
    ("违反本法规定，未按时足额缴纳社会保险费的，处欠缴数额一倍以上三倍以下的罚款。", False, False),
    ("养犬人应当每年为犬只注射狂犬病疫苗。", False, False),
])
def test_a_penalty_for_a_numbered_article_is_told_from_other_references(text: str, breach: bool, cites: bool) -> None:
    assert punishes_a_breach(text) is breach and cites_an_article(text) is cites


@pytest.mark.parametrize(("question", "asks"), [
    ("遛狗不拴绳会被罚多少钱？", True), ("不清理狗粪，罚款多少？", True), ("What is the penalty for smoking?", True),
    ("遛狗时要做到什么？", False), ("养狗要登记吗？", False),
])
def test_a_penalty_question(question: str, asks: bool) -> None:
    assert bool(ASKS_PENALTY.search(question)) is asks


def test_the_duties_are_the_best_rated_rule_then_the_rules_most_like_the_question() -> None:
    penalty = in_article(0, "第二十一条 违反本条例第六条规定的，处一千元以上三千元以下罚款。", 21, 0.91)
    leash = in_article(1, "第五条 携犬出户时，养犬人应当为犬只束犬链。", 5, 0.87)
    waste = in_article(2, "第七条 犬只在公共场所排泄的，养犬人应当立即清除粪便。", 7, 0.90)
    heading = rated(3, "第二章 养犬规范", 0.0)
    found = duties([penalty, leash, waste, heading])
    assert [h.record.id for h in found] == ["s2", "s1"]  # by the embedding: no penalty, no heading
    assert [h.record.id for h in duties([leash, penalty, waste])] == ["s1", "s2"]  # the best-rated rule first
