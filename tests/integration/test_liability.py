"""A penalty question is answered by the liability article that cites the duty's article by number
(assistant/liability.py): that sentence shares none of the question's words. Real model, index and selector
over a law of our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from libraries import library_of

pytestmark = pytest.mark.integration

LAW = ("# 城市养犬管理条例\n\n2020年6月1日 公布\n\n<!-- INFO END -->\n\n"
       "## 第一章 总则\n\n"
       "第一条 为了规范养犬行为，保障公民健康和人身安全，制定本条例。\n\n"
       "## 第二章 养犬规范\n\n"
       "第五条 携犬出户时，养犬人应当为犬只束犬链，并由成年人牵领。\n\n"
       "第六条 养犬人应当每年为犬只注射狂犬病疫苗。\n\n"
       "第七条 犬只在公共场所排泄的，养犬人应当立即清除粪便。\n\n"
       "## 第三章 法律责任\n\n"
       "第二十条 违反本条例第五条规定的，由公安机关责令改正，处二百元以上五百元以下罚款；"
       "拒不改正的，处五百元以上一千元以下罚款。\n\n"
       "第二十一条 违反本条例第六条规定的，由农业农村部门责令限期改正，处一千元以上三千元以下罚款。\n\n"
       "第二十二条 违反本条例第七条规定的，由城市管理部门责令改正，处五十元以上二百元以下罚款。\n")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    return library_of(tmp_path_factory, model_dir, "liability", {"城市养犬管理条例.md": LAW}, top_k=4)


@pytest.mark.parametrize("question, duty, fine", [
    ("带狗出门不给狗束犬链，会被罚多少钱？", "束犬链", "二百元以上五百元以下"),
    ("养狗不给狗打狂犬疫苗，要罚多少？", "狂犬病疫苗", "一千元以上三千元以下"),
    ("狗在小区里拉屎主人不清理，罚款多少？", "清除粪便", "五十元以上二百元以下"),
])
def test_the_penalty_that_cites_the_duty_s_article_answers(assistant: Assistant, question: str, duty: str,
                                                           fine: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert any(duty in c.text for c in answer.citations) and any(fine in c.text for c in answer.citations)


def test_the_penalty_for_a_further_case_of_the_same_article_stays(assistant: Assistant) -> None:
    # "拒不改正的，处…" continues the penalty for 第五条: no other article's penalty replaces it
    answer = assistant.ask("带狗出门不给狗束犬链，责令改正后还拒不改正，要罚多少？")
    assert not answer.abstained and "五百元以上一千元以下" in answer.citations[0].text


def test_a_question_that_asks_no_penalty_gets_the_duty_alone(assistant: Assistant) -> None:
    answer = assistant.ask("遛狗时要做到什么？")
    assert not answer.abstained and "罚款" not in answer.answer
