"""Citations: a numbered source sentence with its document, version, structure and context."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .records import Records
from .types import Answer, Citation, Hit, SentenceRecord


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping and touching ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Merged character spans of `text` where any of the terms occurs (case-insensitive)."""
    lowered = text.lower()
    return merged((m.start(), m.end()) for term in terms if term
                  for m in re.finditer(re.escape(term.lower()), lowered))


def make_citation(records: Records, n: int, hit: Hit, terms: Sequence[str], window: int = 1,
                  answer_spans: Sequence[tuple[int, int]] = ()) -> Citation:
    """Citation [n] of a hit, with `window` sentences of context on each side."""
    r = hit.record
    around = {x.sentence: x for x in records.span(r, window, window)} if window else {}
    before = [around.get(r.sentence - i) for i in range(window, 0, -1)]
    after = [around.get(r.sentence + i) for i in range(1, window + 1)]
    return Citation(
        n=n, doc=r.doc, sentence_id=r.id, text=r.text, section=r.section, title=r.title,
        score=round(hit.dense if hit.dense is not None else hit.score, 4),
        highlights=highlight_spans(r.text, terms), answer_spans=list(answer_spans),
        context_before="".join(x.text for x in before if x is not None),
        context_after="".join(x.text for x in after if x is not None),
        doc_id=r.doc_id, short_title=r.short_title, version_date=r.version_date, latest=r.latest,
        chapter=r.chapter, article=r.article, item=r.item, page=r.page, start=r.start, end=r.end,
    )


def quoting(records: Records, question: str, rows: Sequence[SentenceRecord], window: int = 1, separator: str = "",
            notices: Sequence[str] = ()) -> Answer:
    """An answer that quotes `rows` as they are, in order, each cited (an article, a document's headings)."""
    hits = [Hit(record=r, score=1.0, as_is=True) for r in rows]
    citations = [make_citation(records, n, h, [], window) for n, h in enumerate(hits, 1)]
    return Answer(question=question, answer=separator.join(f"{c.text}[{c.n}]" for c in citations),
                  citations=citations, notices=list(notices))
