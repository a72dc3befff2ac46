"""A law's header lines (before its first article) go last unless the question asks about the law itself."""
from pathlib import Path

import pytest

from assistant.preamble import preamble_last
from assistant.records import Records
from assistant.types import Hit
from index.library import Library
from index.records import DocMeta, SentenceRow

LAW = [  # (article_no, text)
    (0, "住房公积金管理条例"),
    (0, "2002年3月24日 《国务院关于修改〈住房公积金管理条例〉的决定》第一次修订"),
    (1, "第一条 为了加强对住房公积金的管理，维护住房公积金所有者的合法权益，制定本条例。"),
    (15, "第十五条 新参加工作的职工从参加工作的第二个月开始缴存住房公积金。"),
]
ARTICLE_FREE = ["人才是第一资源。", "2002年3月24日，城市出台了人才新政。"]


def publish(library: Library, path: str, lines: list[tuple[int, str]]) -> None:
    doc_id = library.ensure_document(path)
    version = f"v{doc_id}"
    rows = [SentenceRow(row=0, id=f"{version}-{n:05d}", doc=doc_id, version=version, n=n, start=0, end=len(t),
                        paragraph=n, text=t, heading=0, section="", chapter="", article="", article_no=a, item="",
                        list_head="", page=0) for n, (a, t) in enumerate(lines)]
    library.stage(doc_id, version, rows)
    library.publish(DocMeta(id=doc_id, path=path, status="indexed", version=version, title=path, short_title=path,
                            sentences=len(rows)))


@pytest.fixture()
def records(tmp_path: Path) -> Records:
    library = Library(tmp_path / "library.sqlite")
    publish(library, "住房公积金管理条例.md", LAW)
    publish(library, "article.md", [(0, t) for t in ARTICLE_FREE])
    return Records(library)


def hits(records: Records, path: str) -> list[Hit]:
    doc = records.library.by_path(path)
    rows = records.library.span(doc.id, 0, 10)
    return [Hit(record=records.record(r), score=1.0 - r.n / 10, rank=r.n + 1) for r in rows]


def test_a_header_line_goes_after_the_articles(records: Records) -> None:
    found = hits(records, "住房公积金管理条例.md")
    order = [h.record.text[:6] for h in preamble_last("应届生从什么时候开始交住房公积金？", found, records)]
    assert order == ["第一条 为了", "第十五条 新", "住房公积金管", "2002年3"]
    assert [records.in_preamble(h.record) for h in found] == [True, True, False, False]


def test_a_question_about_the_law_itself_keeps_its_header(records: Records) -> None:
    found = hits(records, "住房公积金管理条例.md")
    assert preamble_last("住房公积金管理条例是哪一年修订的？", found, records) == found


def test_a_document_without_articles_has_no_header_block(records: Records) -> None:
    found = hits(records, "article.md")
    assert not any(records.in_preamble(h.record) for h in found)
    assert preamble_last("人才新政什么时候出台？", found, records) == found
