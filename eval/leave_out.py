"""Leave the answer out: ask each answerable question again with the documents that answer it
filtered out of the search. The honest answer is then "not found" (issue: abstain when the
documents only talk around the question)."""
from __future__ import annotations

from typing import Any

from assistant.index_view import SearchFilter
from eval.dataset import UNANSWERABLE, Question

LEAVE_OUT = "leave_out"


def leave_out_questions(questions: list[Question]) -> list[Question]:
    """Each answerable question that names its documents, as an unanswerable copy (id + '-lo')."""
    return [q.model_copy(update={"id": f"{q.id}-lo", "tags": [*q.tags, UNANSWERABLE, LEAVE_OUT], "gold": [],
                                 "facts": []})
            for q in questions if q.answerable and q.docs]


def search_without_answer(assistant: Any, question: Question) -> SearchFilter:
    """The default search minus the question's documents (by their catalogue ids)."""
    if LEAVE_OUT not in question.tags:
        return SearchFilter()
    ids = []
    for path in question.docs:
        doc = assistant.library.by_path(path)
        if doc is not None:
            ids.append(doc.id)
    return SearchFilter(exclude_docs=tuple(sorted(ids)))
