"""A what-does-it-mean question finds the one sentence that defines its term, and a what-does-it-include question
the one that says what its term includes, however many sentences use the term (assistant/chain.py `_formed`,
assistant/definitions.py, assistant/inclusions.py). Real model, index and selector over a document of our own
where the term sits in forty sentences and is defined once, far down, and what it includes is said once, beside
what a longer term holding it includes."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from libraries import library_of

pytestmark = pytest.mark.integration

DUTIES = ["登记", "缴存", "提取", "转移", "封存", "核算", "审计", "公告", "备案", "统计"]
ACTORS = ["单位", "职工", "管理中心", "受委托银行"]
# forty sentences that use the term and say what to do with it, nearer the question's words than the definition
USES = "".join(f"第{i + 1}条 {actor}应当按时办理互助储金的{duty}手续，互助储金的{duty}情况应当公开。\n\n"
               for i, (actor, duty) in enumerate((a, d) for a in ACTORS for d in DUTIES))
DEFINITION = "第四十一条 本办法所称互助储金，是指职工和单位按月缴存、专项用于职工大病医疗救助的长期储蓄资金。\n\n"
MEMBERS = ("第四十二条 非互助储金包括职工个人存款、单位福利费和工会经费。\n\n"
           "第四十三条 互助储金包括职工缴存部分、单位缴存部分和增值收益。\n")
DOCUMENT = ("# 职工互助储金管理办法\n\n2020年6月1日 公布\n\n<!-- INFO END -->\n\n" + USES + DEFINITION + MEMBERS)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    return library_of(tmp_path_factory, model_dir, "definition", {"职工互助储金管理办法.md": DOCUMENT}, top_k=4)


@pytest.mark.parametrize("question", ["什么是互助储金？", "互助储金的定义是什么？"])
def test_the_defining_sentence_answers_however_often_the_term_is_used(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained and "大病医疗救助的长期储蓄资金" in answer.citations[0].text


@pytest.mark.parametrize("question", ["互助储金包括哪些？", "互助储金有哪些？"])
def test_the_sentence_that_says_what_the_term_includes_answers(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained and "职工缴存部分、单位缴存部分和增值收益" in answer.citations[0].text


def test_a_question_that_asks_no_definition_is_not_given_one(assistant: Assistant) -> None:
    answer = assistant.ask("互助储金的封存手续由谁办理？")
    assert not answer.abstained and "封存" in answer.citations[0].text
