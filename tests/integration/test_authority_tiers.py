"""The highest tier of authority is searched, a few of the lower tiers' best sentences beside it
(assistant/chain.py, settings.category_tiers): a judicial interpretation that restates a law does not
crowd the law out, and still answers what the law does not say. Real model, index and selector over three
small documents of our own in two category folders."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from libraries import library_of

pytestmark = pytest.mark.integration

HEAD = "\n\n2020年6月1日 {body}通过\n\n<!-- INFO END -->\n\n"
LAW = ("# 中华人民共和国快递服务法" + HEAD.format(body="全国人民代表大会常务委员会第九次会议") +
       "第一条 为了规范快递服务，保护用户权益，制定本法。\n\n"
       "第二条 快件延误的，快递企业应当免除本次服务费用。\n\n"
       "第三条 快件丢失的，快递企业应当按照实际损失赔偿。\n")
# thirty restatements, each closer to the question's words than the law's own sentence
RESTATED = "第{n}条 快件延误了，快递企业要处理的，快递企业应当免除本次服务费用，第{n}项情形用户可以要求退还费用。\n\n"
NUMBERS = [*"一二三四五六七八九十", *(f"十{d}" for d in "一二三四五六七八九"), "二十",
           *(f"二十{d}" for d in "一二三四五六七八九"), "三十"]
INTERPRETATION = ("# 最高人民法院关于审理快递服务纠纷案件适用法律若干问题的解释" +
                  HEAD.format(body="最高人民法院审判委员会第一千八百次会议") +
                  "".join(RESTATED.format(n=n) for n in NUMBERS[:30]) +
                  "第三十一条 快递服务纠纷案件由被告住所地人民法院管辖。\n")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    files = {"经济法/快递服务法.md": LAW, "司法解释/快递解释.md": INTERPRETATION}
    return library_of(tmp_path_factory, model_dir, "tiers", files, category_tiers=[["经济法"], ["司法解释"]], top_k=4)


def test_the_law_is_among_the_candidates_however_often_a_lower_tier_restates_it(assistant: Assistant) -> None:
    hits = assistant.retrieve("快件延误了，快递企业要怎么处理？")
    assert any(h.record.title.endswith("快递服务法") and "免除本次服务费用" in h.record.text for h in hits[:4])


def test_what_only_a_lower_tier_says_is_still_answered(assistant: Assistant) -> None:
    answer = assistant.ask("快递服务纠纷案件由哪里的法院管辖？")
    assert not answer.abstained and "被告住所地人民法院" in answer.answer
