"""A question about one city is answered from that city's regulation, never from another city's: with the real
model, index and answer selector over three small regulations of our own (two cities and a national one)."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.index_view import SearchFilter
from libraries import library_of

pytestmark = pytest.mark.integration

HEAD = "\n\n2020年6月1日 {body}常务委员会第九次会议通过\n\n<!-- INFO END -->\n\n"
DOCS = {
    "甲市控烟条例.md": ("# 北京市室内场所控制吸烟条例" + HEAD.format(body="北京市人民代表大会") +
                       "第一条 为了减少吸烟对公众健康的危害，制定本条例。\n\n"
                       "第二条 室内公共场所、室内工作场所和公共交通工具内禁止吸烟。\n\n"
                       "第三条 在禁止吸烟场所吸烟且不听劝阻的，由卫生健康部门责令改正，处五十元罚款。\n"),
    "乙市控烟条例.md": ("# 上海市室内场所控制吸烟条例" + HEAD.format(body="上海市人民代表大会") +
                       "第一条 为了维护公共场所的卫生，制定本条例。\n\n"
                       "第二条 室内公共场所和公共交通工具内禁止吸烟。\n\n"
                       "第三条 个人在禁止吸烟场所吸烟且不听劝阻的，处二百元以上一千元以下罚款。\n"),
    "卫生条例.md": ("# 公共场所卫生管理条例" + HEAD.format(body="国务院") +
                  "第一条 为创造良好的公共场所卫生条件，预防疾病，保障人体健康，制定本条例。\n\n"
                  "第二条 公共场所经营单位应当建立卫生管理制度。\n"),
}
QUESTION = "在北京，在禁止吸烟的场所抽烟不听劝阻，要罚多少钱？"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    return library_of(tmp_path_factory, model_dir, "two-cities", DOCS)


def doc_id(assistant: Assistant, title: str) -> int:
    _total, found = assistant.documents.list(query=title)
    return found[0].id


def test_the_city_asked_about_answers(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION)
    assert not answer.abstained and "五十元罚款" in answer.answer
    assert "二百元" not in answer.answer
    assert "北京市" in assistant.retrieve(QUESTION)[0].record.title


def test_without_it_another_citys_fine_is_shown_but_not_given_as_the_answer(assistant: Assistant) -> None:
    without = SearchFilter(exclude_docs=(doc_id(assistant, "北京市"),))
    answer = assistant.ask(QUESTION, search=without)
    assert answer.abstained and not answer.citations
    assert any("二百元以上一千元以下" in r.text for r in answer.related)  # the closest passages still show it
    shanghai = "在上海，在禁止吸烟的场所抽烟不听劝阻，要罚多少钱？"
    assert "二百元以上一千元以下" in assistant.ask(shanghai, search=without).answer


def test_a_question_that_names_no_place_is_answered_by_national_documents_only(assistant: Assistant) -> None:
    question = "在禁止吸烟的场所抽烟不听劝阻，要罚多少钱？"
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations  # each city's fine is that city's, not the national rule
    assert all(not h.record.title.startswith(("北京市", "上海市")) for h in assistant.retrieve(question))
    national = assistant.ask("公共场所经营单位应当建立什么制度？")
    assert not national.abstained and "卫生管理制度" in national.answer


def test_documents_the_caller_chose_are_searched_place_named_or_not(assistant: Assistant) -> None:
    chosen = SearchFilter(docs=(doc_id(assistant, "上海市"),))
    answer = assistant.ask("在禁止吸烟的场所抽烟不听劝阻，要罚多少钱？", search=chosen)
    assert not answer.abstained and "二百元以上一千元以下" in answer.answer

