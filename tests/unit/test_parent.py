"""'这属于哪一项工作？': the line a sentence sits under, and when a follow-up asks for it."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.followup import asks_for_parent
from assistant.records import Records
from catalogue import make_library

SECTION = "一、测试章节"
# (paragraph, text): a heading, then a paragraph whose short topic lines each head a longer sentence.
LINES = [
    (0, SECTION),
    (1, "突出标准规范夯实基层党建基础。"),
    (1, "扩大基层各领域有效覆盖。"),
    (1, "以经济社会发展最活跃的新领域、新阶层、新组织、新区域为重点,探索设立跨区域产业党组织。"),
    (1, "加强基层骨干队伍建设。"),
    (1, "推行“两委”班子成员交叉任职,深化“百镇千村头雁孵化”工程,加强村(社区)干部教育管理、培养储备。"),
    (2, "新时代组织工作肩负着服务中心大局的职责使命,要坚持向中心聚焦、为大局聚力。"),
]


@pytest.fixture()
def records(tmp_path: Path) -> list:
    library = make_library(tmp_path, {"d.txt": [(p, SECTION, t) for p, t in LINES]})
    found = Records(library)
    return found, [found.by_ids([f"{r.id}"])[r.id] for r in library.version_rows(library.documents()[0].version)]


def test_a_sentence_sits_under_the_nearest_topic_line_before_it(records) -> None:
    c, recs = records
    assert c.parent(recs[5]).text == "加强基层骨干队伍建设。"
    assert c.parent(recs[3]).text == "扩大基层各领域有效覆盖。"


def test_without_a_topic_line_the_section_heading_is_the_parent(records) -> None:
    c, recs = records
    assert c.parent(recs[6]).text == SECTION


def test_belongs_to_questions_after_an_answer_point_at_that_answer() -> None:
    history = [{"role": "user", "content": "“百镇千村头雁孵化”工程是什么？"},
               {"role": "assistant", "content": "深化“百镇千村头雁孵化”工程。[1]"}]
    assert asks_for_parent("这属于哪一项工作？", history) == "深化“百镇千村头雁孵化”工程。[1]"
    assert asks_for_parent("這句話出自哪個行動？", history) is not None
    assert asks_for_parent("这属于哪一项工作？", []) is None  # nothing to point at
    assert asks_for_parent("人才工作要把什么摆在重要位置？", history) is None
