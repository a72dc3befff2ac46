"""An item quoted for a yes/no question comes with its list head, which says what holds for it
(ExtractiveAnswerer._as_list over a real catalogue)."""
from pathlib import Path

import pytest

from assistant.abstain import AbstentionPolicy, evidence
from assistant.answerer import ExtractiveAnswerer
from assistant.records import Records
from assistant.selector import Selector
from assistant.types import Hit
from index.library import Library
from index.records import DocMeta, SentenceRow

HEAD = "第二十四条 在下列情况下使用作品，可以不经著作权人许可，不向其支付报酬："
ITEM = "（一）为个人学习、研究或者欣赏，使用他人已经发表的作品；"
FINE_HEAD = "第九十一条 负有领导责任的，依照下列规定处以罚款："
FINE_ITEM = "（二）发生较大事故，处上一年年收入百分之四十的罚款；"


@pytest.fixture()
def answerer(tmp_path: Path) -> ExtractiveAnswerer:
    library = Library(tmp_path / "library.sqlite")
    doc_id = library.ensure_document("law.md")
    lines = [(24, "", HEAD), (24, "（一）", ITEM), (91, "", FINE_HEAD), (91, "（二）", FINE_ITEM)]
    rows = [SentenceRow(row=0, id=f"v1-{n:05d}", doc=doc_id, version="v1", n=n, start=0, end=len(t), paragraph=n,
                        text=t, heading=0, section="", chapter="", article=f"第{a}条", article_no=a, item=item,
                        list_head=lines[n - 1][2] if item else "", page=0) for n, (a, item, t) in enumerate(lines)]
    library.stage(doc_id, "v1", rows)
    library.publish(DocMeta(id=doc_id, path="law.md", status="indexed", version="v1", title="law", short_title="law",
                            sentences=len(rows)))
    return ExtractiveAnswerer(Records(library), lambda w: True,
                              AbstentionPolicy(min_dense=0.0, min_coverage=0.0, min_z=0.0), Selector(None, lambda w: True))


def quoted(answerer: ExtractiveAnswerer, question: str, n: int) -> list[str]:
    row = answerer.records.library.span(answerer.records.library.by_path("law.md").id, n, n)[0]
    hit = Hit(record=answerer.records.record(row), score=1.0, rank=1)
    chosen, _more = answerer._as_list(question, hit, [hit], evidence(question, [hit], lambda w: True))
    return [h.record.text for h in chosen]


def test_an_item_answering_a_yes_no_question_comes_with_its_head(answerer: ExtractiveAnswerer) -> None:
    assert quoted(answerer, "为了自己学习使用别人已经发表的文章，需要给作者付钱吗？", 1) == [HEAD, ITEM]


def test_an_item_holding_the_amount_asked_for_is_quoted_alone(answerer: ExtractiveAnswerer) -> None:
    assert quoted(answerer, "出了较大事故，负责人要被罚多少？", 3) == [FINE_ITEM]
