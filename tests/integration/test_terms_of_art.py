"""A question that names a term of art is not answered from sentences whose article never names it: with the real
model, index and answer selector over two small tax laws of our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.index_view import SearchFilter
from libraries import library_of

pytestmark = pytest.mark.integration

HEAD = "\n\n2020年8月11日 全国人民代表大会常务委员会第二十一次会议通过\n\n<!-- INFO END -->\n\n"
DOCS = {
    "甲税法.md": ("# 中华人民共和国契税法" + HEAD +
                "第一条 在中华人民共和国境内转移土地、房屋权属，承受的单位和个人为契税的纳税人。\n\n"
                "第二条 契税税率为百分之三至百分之五。\n\n"
                "第三条 契税的计税依据为土地、房屋权属转移合同确定的成交价格。\n"),
    "乙税法.md": ("# 中华人民共和国城市维护建设税法" + HEAD +
                "第一条 在中华人民共和国境内缴纳增值税、消费税的单位和个人，为城市维护建设税的纳税人。\n\n"
                "第二条 纳税人所在地在市区的，税率为百分之七；在县城、镇的，税率为百分之五。\n\n"
                "第三条 城市维护建设税以纳税人依法实际缴纳的增值税、消费税税额为计税依据。\n"),
}
QUESTION = "契税的税率是多少？"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    return library_of(tmp_path_factory, model_dir, "two-taxes", DOCS)


def test_the_law_that_names_the_term_answers(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION)
    assert not answer.abstained and "百分之三至百分之五" in answer.answer


def test_without_it_another_laws_rate_is_shown_but_not_given_as_the_answer(assistant: Assistant) -> None:
    _total, found = assistant.documents.list(query="契税")
    without = SearchFilter(exclude_docs=(found[0].id,))
    answer = assistant.ask(QUESTION, search=without)
    assert answer.abstained and not answer.citations
    assert any("“契税”" in notice for notice in answer.notices)  # says which term the closest passages lack
    assert any("百分之七" in r.text for r in answer.related)
    # the same rate asked by the other law's own term is answered
    assert "百分之七" in assistant.ask("城市维护建设税在市区的税率是多少？", search=without).answer
