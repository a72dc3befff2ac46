"""List heads and their items (assistant/lists.py over a real catalogue), including a head some laws close with a
semicolon and finish in a second sentence."""
from pathlib import Path

import pytest

from assistant.lists import is_list_head, list_of
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


@pytest.fixture()
def records(tmp_path: Path) -> Records:
    library = Library(tmp_path / "library.sqlite")
    doc_id = library.ensure_document("law.md")
    rows = [SentenceRow(row=0, id=f"v1-{n:05d}", doc=doc_id, version="v1", n=n, start=0, end=len(t), paragraph=n,
                        text=t, heading=0, section="", chapter="", article="", article_no=92 if n == 4 else 91,
                        item=item, list_head=LINES[1][1] if item else "", page=0)
            for n, (item, t) in enumerate(LINES)]
    library.stage(doc_id, "v1", rows)
    library.publish(DocMeta(id=doc_id, path="law.md", status="indexed", version="v1", title="law", short_title="law",
                            sentences=len(rows)))
    return Records(library)


def record(records: Records, n: int):
    return records.record(records.library.span(records.library.by_path("law.md").id, n, n)[0])


def test_a_head_may_end_with_a_semicolon_when_it_points_at_what_follows(records: Records) -> None:
    assert is_list_head(record(records, 0)) and is_list_head(record(records, 1))
    assert not is_list_head(record(records, 2)) and not is_list_head(record(records, 4))


def test_the_items_of_a_two_sentence_head_follow_its_second_half(records: Records) -> None:
    head, items = list_of(records, record(records, 0))
    assert head.text == LINES[0][1]
    assert [r.text for r in items] == [LINES[1][1], LINES[2][1], LINES[3][1]]
