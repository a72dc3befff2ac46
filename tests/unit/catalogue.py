"""A real catalogue (SQLite) filled with hand-made sentences, for unit tests that need records."""
from __future__ import annotations

from pathlib import Path

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
