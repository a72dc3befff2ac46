"""A question about one place is not answered by another place's local regulation (assistant/locality.py)."""
from assistant.locality import (asked_places, document_place, elsewhere, here_first, names_a_place, question_places,
                                unasked_local)
from assistant.types import Hit, SentenceRecord


def _hit(i: int, title: str) -> Hit:
    text = f"在禁止吸烟场所吸烟的，处五十元以上二百元以下罚款。{i}"
    record = SentenceRecord(id=f"d{i}-00001", doc=f"{title}.md", title=title, paragraph=0, sentence=1, start=0,
                            end=len(text), text=text)
    return Hit(record=record, score=1.0 - i / 10, probability=0.5)


BEIJING, SHANGHAI = _hit(0, "北京市控制吸烟条例"), _hit(1, "上海市公共场所控制吸烟条例")
NATIONAL, QINGDAO = _hit(2, "公共场所卫生管理条例"), _hit(3, "青岛市控制吸烟条例")
SHANDONG, GUANGXI = _hit(4, "山东省控制吸烟条例"), _hit(5, "广西壮族自治区控制吸烟条例")


def test_a_local_document_is_for_the_place_its_title_starts_with():
    assert [document_place(h) for h in (BEIJING, SHANGHAI, NATIONAL, QINGDAO, GUANGXI)] == \
        ["北京", "上海", "", "青岛", "广西"]


def test_only_provinces_and_the_candidates_places_count_as_asked():
    hits = [SHANGHAI, QINGDAO, NATIONAL]
    assert asked_places(["北京市", "青岛", "长江", "上海"], hits) == ("北京", "青岛", "上海")
    assert asked_places(["长江", "黄河"], hits) == ()
    assert question_places("在北京排队的时候抽烟，会被罚款多少？", "", hits) == ("北京",)
    assert question_places("In Beijing, what is the fine for smoking?", "北京 北京市 罚款", hits) == ("北京",)


def test_another_places_regulation_is_elsewhere_and_national_ones_never_are():
    asked = ("北京",)
    assert elsewhere(SHANGHAI, asked) and elsewhere(QINGDAO, asked) and elsewhere(SHANDONG, asked)
    assert not elsewhere(BEIJING, asked) and not elsewhere(NATIONAL, asked)
    assert not any(elsewhere(h, ()) for h in (BEIJING, SHANGHAI, QINGDAO))  # no place asked: nothing set aside


def test_a_province_may_hold_in_a_city_asked_about_but_one_city_not_for_a_province():
    assert not elsewhere(SHANDONG, ("青岛",))  # 青岛 may lie in 山东: its regulation may hold there
    assert elsewhere(QINGDAO, ("山东",))  # one city's rule is not the province's
    assert elsewhere(_hit(6, "济南市控制吸烟条例"), ("青岛",))  # two cities


def test_other_places_come_last_in_their_order():
    hits = [SHANGHAI, BEIJING, QINGDAO, NATIONAL]
    assert here_first(hits, ("北京",)) == [BEIJING, NATIONAL, SHANGHAI, QINGDAO]
    assert here_first(hits, ()) == hits


def test_a_question_names_a_place_by_its_own_words_or_an_english_questions_terms():
    assert names_a_place("在北京排队时抽烟罚多少？")
    assert not names_a_place("在禁止吸烟的场所抽烟罚多少？")
    assert not names_a_place("在中国境内没有住所的个人怎么交税？")  # the country is no place in it
    assert names_a_place("In Shanghai, what is the fine?", also="上海 罚款")
    assert names_a_place("What is the fine in Ningbo?", also="宁波 罚款", places=("宁波",))
    assert not names_a_place("What is the fine?", also="罚款")


def test_local_documents_do_not_answer_a_question_that_names_no_place_when_national_ones_are_there():
    assert unasked_local([NATIONAL, BEIJING, SHANGHAI], named=False) == [False, True, True]
    assert unasked_local([NATIONAL, BEIJING], named=True) == [False, False]
    assert unasked_local([BEIJING, SHANGHAI], named=False) == [False, False]  # a library of one kind: all answer
