"""An item that names the case is quoted with the later sentence of its article that cites it by number and
holds the figure asked for (assistant/item_refs.py). Real model, index and selector over a law of our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from libraries import library_of

pytestmark = pytest.mark.integration

LAW = ("# 住宅小区管理条例\n\n2021年1月1日 公布\n\n<!-- INFO END -->\n\n"
       "## 第一章 总则\n\n"
       "第一条 为了规范住宅小区的管理，维护业主的合法权益，制定本条例。\n\n"
       "第二条 下列事项由业主共同决定：\n\n"
       "（一）制定和修改业主大会议事规则；\n\n（二）选举业主委员会；\n\n（三）选聘和解聘物业服务企业；\n\n"
       "（四）筹集住宅小区的维修资金；\n\n（五）改建、重建小区的共有建筑物。\n\n"
       "决定前款第四项至第五项规定的事项，应当经四分之三以上的业主同意。\n\n"
       "决定前款其他事项，应当经过半数的业主同意。\n\n"
       "第三条 物业服务企业应当公开物业服务收费标准。\n")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    return library_of(tmp_path_factory, model_dir, "items", {"住宅小区管理条例.md": LAW}, top_k=4)


def test_the_sentence_citing_the_item_gives_the_figure(assistant: Assistant) -> None:
    answer = assistant.ask("小区要筹集维修资金，需要多少业主同意？")
    assert not answer.abstained
    texts = [c.text for c in answer.citations]
    assert any("维修资金" in t for t in texts) and any("四分之三" in t for t in texts)
    assert not any("过半数" in t for t in texts)  # "其他事项" is another item's rule
