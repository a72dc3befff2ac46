"""List heads and their items (assistant/lists.py over a real catalogue), including a head some laws close with a
semicolon and finish in a second sentence."""
from pathlib import Path

import pytest

from assistant.lists import is_list_head, list_of, opens_a_head
from assistant.records import Records
from index.library import Library
from index.records import DocMeta, SentenceRow

LINES = [  # (item, text), all in 第九十一条
    ("", "第九十一条 对事故发生负有领导责任的，依照下列规定处以罚款；"),
    ("", "属于国家工作人员的，并依法给予处分:"),
    ("（一）", "（一）发生一般事故，处上一年年收入百分之三十的罚款；"),
    ("（二）", "（二）发生较大事故，处上一年年收入百分之四十的罚款；"),
    ("", "第九十二条 违反本法规定的，责令改正；"),
]


def catalogue(tmp_path: Path, lines: list[tuple[str, str]], paragraphs: list[int], head: str) -> Records:
    """One law's sentences (item, text) in the given paragraphs, the last in the next article."""
    library = Library(tmp_path / "library.sqlite")
    doc_id = library.ensure_document("law.md")
    last = len(lines) - 1
    rows = [SentenceRow(row=0, id=f"v1-{n:05d}", doc=doc_id, version="v1", n=n, start=0, end=len(t),
                        paragraph=paragraphs[n], text=t, heading=0, section="", chapter="", article="",
                        article_no=92 if n == last else 91, item=item, list_head=head if item else "", page=0)
            for n, (item, t) in enumerate(lines)]
    library.stage(doc_id, "v1", rows)
    library.publish(DocMeta(id=doc_id, path="law.md", status="indexed", version="v1", title="law", short_title="law",
                            sentences=len(rows)))
    return Records(library)


@pytest.fixture()
def records(tmp_path: Path) -> Records:
    return catalogue(tmp_path, LINES, list(range(len(LINES))), LINES[1][1])


def record(records: Records, n: int):
    return records.record(records.library.span(records.library.by_path("law.md").id, n, n)[0])


def test_a_head_may_end_with_a_semicolon_when_it_points_at_what_follows(records: Records) -> None:
    assert is_list_head(record(records, 0)) and is_list_head(record(records, 1))
    assert not is_list_head(record(records, 2)) and not is_list_head(record(records, 4))


def test_the_items_of_a_two_sentence_head_follow_its_second_half(records: Records) -> None:
    head, items = list_of(records, record(records, 0))
    assert head.text == LINES[0][1]
    assert [r.text for r in items] == [LINES[1][1], LINES[2][1], LINES[3][1]]


SPLIT = [  # 产品质量法 第四十条: one line the splitter cuts at its semicolon
    ("", "第九十一条 售出的产品有下列情形之一的，销售者应当负责修理、更换、退货；"),
    ("", "给购买产品的消费者造成损失的，销售者应当赔偿损失："),
    ("（一）", "（一）不具备产品应当具备的使用性能而事先未作说明的；"),
    ("（二）", "（二）不符合在产品或者其包装上注明采用的产品标准的；"),
    ("", "第九十二条 生产者应当对其生产的产品质量负责。"),
]


def test_the_first_half_of_a_head_cut_at_its_semicolon_opens_the_list(tmp_path: Path) -> None:
    split = catalogue(tmp_path, SPLIT, [0, 0, 1, 2, 3], SPLIT[1][1])
    first = record(split, 0)
    assert not is_list_head(first) and opens_a_head(split, first)
    head, items = list_of(split, first)
    assert head.text == SPLIT[0][1] and [r.text for r in items] == [t for _, t in SPLIT[1:4]]
    assert not opens_a_head(split, record(split, 2))  # an item, no head
