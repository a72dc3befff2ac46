"""The catalogue (index/library.py): a version becomes visible all at once, the old one goes with it,
and what a killed build leaves half-written stays invisible and is listed for removal."""
from __future__ import annotations

from pathlib import Path

from index.library import Library
from index.records import DocMeta, SentenceRow


def rows(doc: int, version: str, texts: list[str]) -> list[SentenceRow]:
    return [SentenceRow(row=0, id=f"{version}-{n:05d}", doc=doc, version=version, n=n, start=0, end=len(t),
                        paragraph=0, text=t, heading=0, section="", chapter="", article="第一条", article_no=1,
                        item="", list_head="", page=0) for n, t in enumerate(texts)]


def test_staged_sentences_are_invisible_until_published(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite")
    doc = lib.ensure_document("a.md")
    staged = lib.stage(doc, "v1", rows(doc, "v1", ["一。", "二。"]))
    assert lib.rows_by_row(staged) == {} and lib.pending() == [("v1", doc)]
    lib.publish(DocMeta(id=doc, path="a.md", status="indexed", version="v1", sentences=2))
    assert [r.text for r in lib.rows_by_row(staged).values()] == ["一。", "二。"]
    assert lib.pending() == [] and lib.counts() == (1, 2)


def test_publishing_a_new_version_hides_the_old_and_lists_it_for_removal(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite")
    doc = lib.ensure_document("a.md")
    old = lib.stage(doc, "v1", rows(doc, "v1", ["旧。"]))
    lib.publish(DocMeta(id=doc, path="a.md", status="indexed", version="v1", sentences=1))
    new = lib.stage(doc, "v2", rows(doc, "v2", ["新一。", "新二。"]))
    assert [r.text for r in lib.rows_by_row(old + new).values()] == ["旧。"]  # v2 not yet visible
    assert lib.publish(DocMeta(id=doc, path="a.md", status="indexed", version="v2", sentences=2)) == "v1"
    assert [r.text for r in lib.rows_by_row(old + new).values()] == ["新一。", "新二。"]
    assert lib.pending() == [("v1", doc)] and lib.version_rows("v1") == []
    assert [r.text for r in lib.article(doc, 1)] == ["新一。", "新二。"]
    lib.forget_pending("v1")
    assert lib.pending() == []


def test_restaging_after_a_crash_replaces_the_partial_rows(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite")
    doc = lib.ensure_document("a.md")
    lib.stage(doc, "v1", rows(doc, "v1", ["一。"]))  # a build killed after this
    again = lib.stage(doc, "v1", rows(doc, "v1", ["一。", "二。"]))
    assert len(again) == 2 and len(lib.version_rows("v1")) == 2


def test_removing_a_document_hides_it_and_lists_its_vectors_for_removal(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite")
    doc = lib.ensure_document("a.md")
    staged = lib.stage(doc, "v1", rows(doc, "v1", ["一。"]))
    lib.publish(DocMeta(id=doc, path="a.md", status="indexed", version="v1", sentences=1))
    assert lib.remove_document(doc) == "v1"
    assert lib.rows_by_row(staged) == {} and lib.by_path("a.md") is None and lib.pending() == [("v1", doc)]
    assert lib.ensure_document("b.md") != doc  # ids are never reused


def test_a_read_only_catalogue_answers_reads(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite")
    doc = lib.ensure_document("a.md")
    lib.stage(doc, "v1", rows(doc, "v1", ["一。"]))
    lib.publish(DocMeta(id=doc, path="a.md", status="indexed", version="v1", sentences=1))
    lib.checkpoint()
    (tmp_path / "lib.sqlite").chmod(0o444)
    reader = Library(tmp_path / "lib.sqlite", readonly=True)
    assert reader.counts() == (1, 1)
