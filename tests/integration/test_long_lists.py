"""A list longer than the answer quotes says so, and the notice reaches the caller (the chain keeps the answerer's
own notices): with the real model, index and answer selector over one small regulation of our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from libraries import library_of
from prompts import render

pytestmark = pytest.mark.integration

NUMERALS = "一二三四五六七八九十"
ITEMS = ["预算和决算", "重大建设项目", "收费项目和标准", "采购目录", "人事任免", "统计数据", "规划计划", "行政许可",
         "行政处罚", "应急预案", "环境监测", "食品抽检", "价格监测", "信访处理"]
HEAD = "\n\n2021年3月1日 某市人民代表大会常务委员会第五次会议通过\n\n<!-- INFO END -->\n\n"


def numeral(n: int) -> str:
    return NUMERALS[n - 1] if n <= 10 else "十" + NUMERALS[n - 11]


DOCS = {"公开条例.md": "# 某市政务公开条例" + HEAD + "第一条 为了保障公民知情权，制定本条例。\n\n"
        "第二条 行政机关应当主动公开下列政府信息：\n" +
        "".join(f"（{numeral(i)}）{item}；\n" for i, item in enumerate(ITEMS, 1)) + "\n第三条 本条例自公布之日起施行。\n"}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    return library_of(tmp_path_factory, model_dir, "long-list", DOCS)


def test_a_long_list_is_quoted_in_part_and_says_how_many_items_are_left(assistant: Assistant) -> None:
    answer = assistant.ask("行政机关应当主动公开哪些政府信息？")
    assert not answer.abstained and "预算和决算" in answer.answer
    left = len(ITEMS) + 1 - len(answer.citations)  # the head and the items quoted
    assert left > 0 and "信访处理" not in answer.answer
    assert render("list_more", count=left) in answer.notices
