"""A short sentence is quoted itself when it states a rule; only a topic line gives way to the sentence after it
(ExtractiveAnswerer._chosen over a real catalogue)."""
from pathlib import Path

import pytest

from assistant.answerer import ExtractiveAnswerer
from assistant.types import Hit
from tests.unit.catalogue import plain_answerer

LINES = [
    (0, "", "深化新思想教育培训。"),  # a topic line: the next sentence says how
    (0, "", "分层分类开展党员干部教育培训，推动学习贯彻走深走实，持续用力、久久为功。"),
    (1, "", "退回商品的运费由消费者承担；"),  # a rule, though as short
    (1, "", "经营者和消费者另有约定的，按照约定。"),
    (2, "", "停工留薪期一般不超过12个月。"),  # a rule with a figure
    (2, "", "伤情严重或者情况特殊，经设区的市级劳动能力鉴定委员会确认，可以适当延长。"),
]


@pytest.fixture()
def answerer(tmp_path: Path) -> ExtractiveAnswerer:
    return plain_answerer(tmp_path, LINES)


def quoted(answerer: ExtractiveAnswerer, n: int) -> str:
    doc = answerer.records.library.by_path("doc.md")
    record = answerer.records.record(answerer.records.library.span(doc.id, n, n)[0])
    return answerer._chosen("问题", [Hit(record=record, score=1.0, rank=1)])[0].record.text


def test_a_topic_line_gives_way_to_the_sentence_after_it(answerer: ExtractiveAnswerer) -> None:
    assert quoted(answerer, 0) == LINES[1][2]


@pytest.mark.parametrize("n", [2, 4])
def test_a_short_rule_is_quoted_itself(answerer: ExtractiveAnswerer, n: int) -> None:
    assert quoted(answerer, n) == LINES[n][2]
