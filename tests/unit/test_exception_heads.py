"""A sentence that states its rule and then introduces a list of exceptions ("…消费者有权…七日内退货，且无需
说明理由，但下列商品除外：") answers by itself: the selector's features do not take it for a bare list heading,
as they do a head that only introduces its items ("有下列情形之一的，…可以解除劳动合同：")."""
import pytest

from assistant.features import NAMES, QuestionInfo, features
from assistant.types import Hit, SentenceRecord


def column(text: str, name: str, question: str = "网上买的东西，几天内可以无理由退货？") -> float:
    record = SentenceRecord(id="d-00001", doc="d.md", title="d", paragraph=0, sentence=1, start=0, end=len(text),
                            text=text, article="第二十五条", article_no=25)
    return features(QuestionInfo.of(question), Hit(record=record, score=1.0, dense=0.9, rank=1))[NAMES.index(name)]


@pytest.mark.parametrize("text", [
    "第二十五条 经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由，但下列商品除外：",
    "第四百七十六条 要约可以撤销，但是有下列情形之一的除外：",
    "债权人可以将债权的全部或者部分转让给第三人，但是有下列情形之一的除外:",
])
def test_a_rule_with_its_exceptions_listed_is_not_a_bare_heading(text: str) -> None:
    assert column(text, "list_head") == 0.0


@pytest.mark.parametrize("text", [
    "第四十条 有下列情形之一的，用人单位提前三十日以书面形式通知劳动者本人后，可以解除劳动合同：",
    "但是，有下列情形之一的除外：",  # nothing stated before the exceptions
    "下列商品除外：",
])
def test_a_head_that_only_introduces_its_items_still_is(text: str) -> None:
    assert column(text, "list_head") == 1.0


def test_both_still_end_a_list_for_a_list_question() -> None:
    head = "第二十五条 经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由，但下列商品除外："
    assert column(head, "list", "哪些商品不适用无理由退货？") == 1.0
