"""How close each hit's document lies to the question (assistant/retrieval.py `_doc_ranks`, index/generation.py
`centroids`), over three real laws: the answerability model reads it (a sentence of a document about something
else can share the question's words; its document as a whole does not)."""
from __future__ import annotations

import math

import pytest

from assistant.features import NAMES
from assistant.index_view import SearchFilter

pytestmark = pytest.mark.integration

QUESTION = "职工因工伤解除劳动合同能拿到什么补偿？"  # its hits come from all three laws


def by_document(hits) -> dict[str, int]:
    ranks: dict[str, set[int]] = {}
    for hit in hits:
        ranks.setdefault(hit.record.short_title, set()).add(hit.doc_rank)
    assert all(len(r) == 1 for r in ranks.values()), ranks  # one rank per document
    return {title: r.pop() for title, r in ranks.items()}


def test_the_document_about_the_question_ranks_first(three_laws) -> None:
    ranks = by_document(three_laws.retriever.retrieve(QUESTION, 10).hits)
    assert sorted(ranks.values()) == [0, 1, 2]  # three documents searched, each at its own place
    assert ranks["工伤保险条例"] == 0


def test_ranks_count_only_the_documents_searched(three_laws) -> None:
    everywhere = by_document(three_laws.retriever.retrieve(QUESTION, 10).hits)
    injury = next(h.record.doc_id for h in three_laws.retriever.retrieve(QUESTION, 10).hits
                  if h.record.short_title == "工伤保险条例")
    ranks = by_document(three_laws.retriever.retrieve(QUESTION, 10, SearchFilter(exclude_docs=(injury,))).hits)
    assert "工伤保险条例" not in ranks
    assert ranks == {title: rank - 1 for title, rank in everywhere.items() if title != "工伤保险条例"}


def test_the_selector_reads_the_rank(three_laws) -> None:
    hits = three_laws.retriever.retrieve(QUESTION, 10).hits
    x = three_laws.answerer.selector.features(QUESTION, hits)
    column = x[:, NAMES.index("doc_rank")]
    assert [round(v, 6) for v in column] == [round(math.log1p(h.doc_rank), 6) for h in hits]
    assert column.max() > 0 and column.min() == 0
