"""The library as readers see it: documents listed and searched by title, and one document's text
with its sentences' offsets (so a page can show the cited sentence in place)."""
from __future__ import annotations

from pydantic import BaseModel, Field

from index.library import Library
from index.records import DocMeta


class DocumentInfo(BaseModel):
    id: int
    path: str
    title: str
    short_title: str = ""
    category: str = ""
    version_date: str = ""
    latest: bool = True
    status: str = Field(description="indexed | skipped | pending")
    reason: str = Field("", description="Why a skipped file could not be indexed.")
    sentences: int = 0
    articles: int = 0
    pages: int = 0
    format: str = ""
    issuer: str = ""
    doc_number: str = ""
    adopted: str = ""
    amended: str = ""
    effective: str = ""


class SentenceSpan(BaseModel):
    id: str
    start: int
    end: int
    article: str = ""
    page: int = 0


class DocumentText(DocumentInfo):
    text: str
    page_starts: list[int] = Field(default_factory=list)
    spans: list[SentenceSpan] = Field(default_factory=list)


def _info(d: DocMeta) -> dict:
    return {f: getattr(d, f) for f in DocumentInfo.model_fields if hasattr(d, f)} | {"latest": bool(d.latest)}


class Documents:
    def __init__(self, library: Library):
        self.library = library

    def list(self, query: str = "", category: str = "", status: str = "", limit: int = 50,
             offset: int = 0) -> tuple[int, list[DocumentInfo]]:
        """(total matching, one page of them) by title, category and status; newest versions first."""
        where, params = ["1"], []
        if query:
            where.append("(title LIKE ? OR short_title LIKE ? OR path LIKE ?)")
            params += [f"%{query}%"] * 3
        if category:
            where.append("category = ?")
            params.append(category)
        if status:
            where.append("status = ?")
            params.append(status)
        condition = " AND ".join(where)
        total = self.library.con.execute(f"SELECT count(*) FROM documents WHERE {condition}", params).fetchone()[0]
        found = self.library.documents(condition, params, order="status, category, short_title, version_date DESC",
                                       limit=limit, offset=offset)
        return int(total), [DocumentInfo(**_info(d)) for d in found]

    def categories(self) -> list[tuple[str, int]]:
        rows = self.library.con.execute("SELECT category, count(*) FROM documents WHERE status = 'indexed' "
                                        "GROUP BY category ORDER BY category").fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def get(self, doc_id: int) -> DocumentText | None:
        d = self.library.document(doc_id, with_text=True)
        if d is None:
            return None
        rows = self.library.version_rows(d.version) if d.status == "indexed" else []
        starts = [int(x) for x in d.page_starts.split(",") if x]
        return DocumentText(**_info(d), text=d.text, page_starts=starts,
                            spans=[SentenceSpan(id=r.id, start=r.start, end=r.end, article=r.article, page=r.page)
                                   for r in rows])
