"""A negated list question against candidates that negate or state its phrase (assistant/polarity.py)."""
from assistant.polarity import asked, by_polarity, polarity
from assistant.types import Hit, SentenceRecord

# 工伤保险条例 第十四条 and 第十六条
STATES = "职工有下列情形之一的，应当认定为工伤："
NEGATES = "职工符合本条例第十四条、第十五条的规定，但是有下列情形之一的，不得认定为工伤或者视为工伤："


def test_the_phrase_of_a_negated_list_question():
    assert asked("不能认定为工伤的情形有哪些？") == "认定为工"
    assert asked("哪些商品不适用七天无理由退货？") == "七天无理"
    assert asked("试用期的工资最低不能低于多少？") == ""  # not a list question
    assert asked("哪些情形应当认定为工伤？") == ""  # not negated


def test_a_candidate_negates_or_states_the_phrase():
    assert polarity("认定为工", NEGATES) == -1
    assert polarity("认定为工", STATES) == 1
    assert polarity("认定为工", "职工因工作遭受事故伤害的，享受工伤保险待遇。") == 0


def _hit(i: int, text: str, head: str = "") -> Hit:
    record = SentenceRecord(id=f"d-{i:05d}", doc="d.txt", title="d", paragraph=0, sentence=i, start=0,
                            end=len(text), text=text, list_head=head)
    return Hit(record=record, score=1.0 - i / 10, probability=0.5 - i / 10)


def test_items_under_the_negating_head_come_first():
    hits = [_hit(0, "（七）法律、行政法规规定应当认定为工伤的其他情形。", STATES), _hit(1, "（一）故意犯罪的；", NEGATES),
            _hit(2, "职工因工作遭受事故伤害的，享受工伤保险待遇。")]
    assert [h.record.id for h in by_polarity("不能认定为工伤的情形有哪些？", hits)] == ["d-00001", "d-00002", "d-00000"]
    assert by_polarity("哪些情形应当认定为工伤？", hits) == hits
