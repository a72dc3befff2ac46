"""An item whose next item holds an amount is not answered by it: the next item is another case. The sentence of
its article that cites it by number gives the figure (ExtractiveAnswerer._typed over a real catalogue)."""
from pathlib import Path

import pytest

from assistant.abstain import AbstentionPolicy, evidence
from assistant.answerer import ExtractiveAnswerer
from assistant.records import Records
from assistant.selector import Selector
from assistant.types import Hit
from index.library import Library
from index.records import DocMeta, SentenceRow

HEAD = "第二十四条 有下列情形之一的，可以推定经营者具有市场支配地位："
LINES = [  # 反垄断法 第二十四条 (item, text)
    ("", HEAD),
    ("（一）", "（一）一个经营者在相关市场的市场份额达到二分之一的；"),
    ("（二）", "（二）两个经营者在相关市场的市场份额合计达到三分之二的；"),
    ("（三）", "（三）三个经营者在相关市场的市场份额合计达到四分之三的。"),
    ("", "有前款第二项、第三项规定的情形，其中有的经营者市场份额不足十分之一的，不应当推定该经营者具有市场支配地位。"),
]
QUESTION = "两个经营者的份额合计达到三分之二时，其中份额低于多少的经营者不应被推定具有支配地位？"


@pytest.fixture()
def answerer(tmp_path: Path) -> ExtractiveAnswerer:
    library = Library(tmp_path / "library.sqlite")
    doc_id = library.ensure_document("law.md")
    rows = [SentenceRow(row=0, id=f"v1-{n:05d}", doc=doc_id, version="v1", n=n, start=0, end=len(t), paragraph=n,
                        text=t, heading=0, section="", chapter="", article="第二十四条", article_no=24, item=item,
                        list_head=HEAD if item else "", page=0) for n, (item, t) in enumerate(LINES)]
    library.stage(doc_id, "v1", rows)
    library.publish(DocMeta(id=doc_id, path="law.md", status="indexed", version="v1", title="law", short_title="law",
                            sentences=len(rows)))
    policy = AbstentionPolicy(min_dense=0.0, min_coverage=0.0, min_z=0.0)
    return ExtractiveAnswerer(Records(library), lambda w: True, policy, Selector(None, lambda w: True))


def test_the_sentence_citing_the_item_gives_the_figure_not_the_next_item(answerer: ExtractiveAnswerer) -> None:
    library = answerer.records.library
    row = library.span(library.by_path("law.md").id, 2, 2)[0]
    hit = Hit(record=answerer.records.record(row), score=1.0, probability=0.8, rank=1)
    chosen, _more = answerer._typed(QUESTION, evidence(QUESTION, [hit], lambda w: True), [hit])
    assert [h.record.text for h in chosen] == [LINES[2][1], LINES[4][1]]
