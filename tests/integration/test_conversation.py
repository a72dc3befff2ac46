"""Follow-ups over a small real library: three laws indexed with the real model (assistant/conversation.py).

The library's laws (../shared/corpus/laws) are indexed once for the session (conftest.three_laws); the
history of each conversation quotes the laws' own sentences, as the assistant's answers do.
"""
from __future__ import annotations

import pytest

from prompts import render

pytestmark = pytest.mark.integration

ARTICLE_42_HEAD = "劳动者有下列情形之一的，用人单位不得依照本法第四十条、第四十一条的规定解除劳动合同:"
UNEMPLOYMENT = [{"role": "user", "content": "失业保险金最长可以领多久？"},
                {"role": "assistant", "content": "累计缴费十年以上的，领取失业保险金的期限最长为二十四个月。[1]"}]


@pytest.fixture(scope="module")
def a(three_laws):
    return three_laws


def cited(answer) -> list[str]:
    return [c.text for c in answer.citations]


def test_an_item_asked_after_an_article_is_quoted_from_that_article(a) -> None:
    history = [{"role": "user", "content": "劳动合同法第四十二条规定了什么？"},
               {"role": "assistant", "content": f"{ARTICLE_42_HEAD}[1]"}]
    answer = a.ask("第四项是什么？", history)
    assert cited(answer) == ["（四）女职工在孕期、产期、哺乳期的；"]
    assert a.ask("第九项是什么？", history).abstained  # the article lists six


def test_the_item_of_a_named_article(a) -> None:
    answer = a.ask("劳动合同法第四十二条第五项是什么？")
    assert cited(answer) == ["（五）在本单位连续工作满十五年，且距法定退休年龄不足五年的；"]


def test_a_followup_is_answered_from_the_document_of_the_previous_answer(a) -> None:
    answer = a.ask("领取它需要满足哪些条件？", UNEMPLOYMENT)
    assert any("失业前用人单位和本人已经缴纳失业保险费满一年" in t for t in cited(answer))
    assert render("followup_scope", titles="《社会保险法》") in answer.notices


def test_a_new_topic_after_history_is_searched_in_the_whole_library(a) -> None:
    answer = a.ask("停工留薪期一般不超过多长时间？", UNEMPLOYMENT)
    assert not answer.abstained
    assert {c.short_title for c in answer.citations} == {"工伤保险条例"}
    assert not any(n.startswith("接着上文") for n in answer.notices)


def test_a_followup_about_another_item_does_not_quote_the_previous_one_again(a) -> None:
    first = "（一）在工作时间和工作岗位，突发疾病死亡或者在48小时之内经抢救无效死亡的；"
    history = [{"role": "user", "content": "上班时突发疾病死亡算工伤吗？"},
               {"role": "assistant", "content": f"{first}[1]"}]
    answer = a.ask("那参加抢险救灾受了伤呢？", history)
    assert first not in cited(answer)
    assert any("抢险救灾" in t for t in cited(answer))


def test_a_sentence_that_refers_to_the_previous_paragraph_is_quoted_with_it(a) -> None:
    answer = a.ask("出了工伤事故，单位要在多少天内提出工伤认定申请？")
    assert not answer.abstained
    assert any("30日内" in t for t in cited(answer))
