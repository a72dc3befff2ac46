"""A real catalogue (SQLite) filled with hand-made sentences, for unit tests that need records."""
from __future__ import annotations

from pathlib import Path

from assistant.types import Hit, SentenceRecord
from index.library import Library
from index.records import DocMeta, SentenceRow


def make_library(folder: Path, docs: dict[str, list[tuple[int, str, str]]]) -> Library:
    """`docs`: path -> [(paragraph, section, text)]; every document is published as indexed."""
    library = Library(folder / "library.sqlite")
    for path, lines in docs.items():
        version = f"v{abs(hash(path)) % 10**8:08d}"
        doc_id = library.ensure_document(path)
        rows = [SentenceRow(row=0, id=f"{version}-{n:05d}", doc=doc_id, version=version, n=n, start=0, end=len(t),
                            paragraph=p, text=t, heading=0, section=sec, chapter="", article="", article_no=0,
                            item="", list_head="", page=0) for n, (p, sec, t) in enumerate(lines)]
        library.stage(doc_id, version, rows)
        library.publish(DocMeta(id=doc_id, path=path, status="indexed", version=version, title=path,
                                short_title=path, sentences=len(rows)))
    return library


def rated(i: int, text: str, probability: float) -> Hit:
    """A candidate sentence `s{i}` of one document, ranked i + 1, with the selector's probability."""
    record = SentenceRecord(id=f"s{i}", doc="d.md", title="d", paragraph=i, sentence=i, start=0, end=len(text),
                            text=text)
    return Hit(record=record, score=1.0 - i / 10, probability=probability, rank=i + 1)


def ids(hits: list[Hit]) -> list[str]:
    return [h.record.id for h in hits]


def plain_answerer(folder: Path, lines: list[tuple[int, str, str]]):
    """An extractive answerer with no selector and no thresholds over one document made of `lines`."""
    from assistant.abstain import AbstentionPolicy
    from assistant.answerer import ExtractiveAnswerer
    from assistant.records import Records
    from assistant.selector import Selector

    records = Records(make_library(folder, {"doc.md": lines}))
    return ExtractiveAnswerer(records, lambda w: True, AbstentionPolicy(min_dense=0.0, min_coverage=0.0, min_z=0.0),
                              Selector(None, lambda w: True))
