"""National documents before local ones for a question that names no place (assistant/scope.py)."""
import pytest

from assistant.scope import is_local, national_first
from assistant.types import Hit, SentenceRecord


def _hit(i: int, title: str, p: float) -> Hit:
    text = f"劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。{i}"
    record = SentenceRecord(id=f"d{i}-00001", doc=f"{title}.md", title=title, paragraph=0, sentence=1, start=0,
                            end=len(text), text=text)
    return Hit(record=record, score=1.0 - i / 10, probability=p)


@pytest.mark.parametrize("title, local", [
    ("上海市人才流动条例", True), ("浙江省电动自行车管理条例", True), ("广西壮族自治区环境保护条例", True),
    ("中华人民共和国劳动合同法", False), ("中华人民共和国城市房地产管理法", False), ("国务院关于职工工作时间的规定", False),
    ("城市居民最低生活保障条例", False), ("城市市容和环境卫生管理条例", False), ("工伤保险条例", False),
    ("聊城市城市绿化条例", True),
])
def test_local_documents_are_told_by_their_title(title, local):
    assert is_local(_hit(0, title, 0.5)) is local


def test_the_national_candidate_leads_a_question_without_a_place():
    hits = [_hit(0, "上海市人才流动条例", 0.5), _hit(1, "中华人民共和国劳动合同法", 0.1), _hit(2, "郑州市劳动用工条例", 0.05)]
    assert [h.record.title for h in national_first("员工主动辞职需要提前多少天告诉单位？", hits)] == \
        ["中华人民共和国劳动合同法", "上海市人才流动条例", "郑州市劳动用工条例"]


def test_the_order_stays_when_the_question_names_a_place_or_the_national_one_is_rated_too_low():
    hits = [_hit(0, "上海市人才流动条例", 0.5), _hit(1, "中华人民共和国劳动合同法", 0.1)]
    assert national_first("在上海，员工辞职要提前多少天告诉单位？", hits) == hits
    assert national_first("员工主动辞职需要提前多少天告诉单位？", hits, share=0.5) == hits
    assert national_first("How many days of notice must an employee give?", hits) == hits


def _in(i: int, category: str, p: float) -> Hit:
    hit = _hit(i, f"d{i}", p)
    return hit.model_copy(update={"record": hit.record.model_copy(update={"category": category})})


TIERS = [["民法典", "社会法", "行政法规"], ["司法解释"]]


def test_a_higher_tier_leads_when_rated_close_enough():
    from assistant.scope import AUTHORITY_SHARE, authority_first
    hits = [_in(0, "司法解释", 0.5), _in(1, "地方性法规", 0.3), _in(2, "民法典", 0.5 * AUTHORITY_SHARE * 1.1)]
    assert [h.record.category for h in authority_first(hits, TIERS)] == ["民法典", "司法解释", "地方性法规"]
    far = [_in(0, "司法解释", 0.5), _in(1, "民法典", 0.5 * AUTHORITY_SHARE * 0.9)]
    assert [h.record.category for h in authority_first(far, TIERS)] == ["司法解释", "民法典"]
    assert authority_first(hits, []) == hits  # no tiers: no order
    best_first = [_in(0, "社会法", 0.5), _in(1, "民法典", 0.4)]
    assert authority_first(best_first, TIERS) == best_first  # one tier: its own order
