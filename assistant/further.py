"""Searches beside the question's own, whose hits are ranked after its candidates.

- The lower tiers of authority: the question is searched in the highest tier (laws and regulations); the best
  few sentences of the lower tiers (judicial interpretations, department rules) follow, so they answer what the
  laws do not say without crowding out the laws they restate (settings.category_tiers).
- The form that answers a question about a term: "什么是X？" also searches "所称X，是指" (definitions.py), "X有哪些？"
  also searches "X包括" (inclusions.py); a sentence found is kept only when it has that form.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from .definitions import asked_term, defines, defining_query
from .inclusions import includes, including_query, listed_term
from .index_view import SearchFilter
from .types import Hit

LOWER_TIER_HITS = 3  # sentences of the lower tiers searched beside the highest tier's
FORMED_HITS = 3  # sentences of the answering form searched for beside a question about a term


def after(hits: list[Hit], more: Sequence[Hit]) -> list[Hit]:
    """The hits of a further search that `hits` lack, ranked after them."""
    seen = {h.record.id for h in hits}
    extra = [h for h in more if h.record.id not in seen]
    return [h.model_copy(update={"rank": len(hits) + i}) for i, h in enumerate(extra, 1)]


class FurtherSearches:
    """The further searches of one library; holds only the retriever and the tiers (no per-question state)."""

    def __init__(self, retriever: Any, tiers: Sequence[Sequence[str]]):
        self.retriever, self.tiers = retriever, tiers

    def lower_tiers(self, text: str, wider: SearchFilter, hits: list[Hit], vector=None, topic=None) -> list[Hit]:
        """The best few sentences of the lower tiers for the search `text` within `wider`, after `hits`."""
        lower = replace(wider, categories=tuple(c for tier in self.tiers[1:] for c in tier))
        found = self.retriever.retrieve(text, LOWER_TIER_HITS, lower, vector=vector, topic=topic)
        return after(hits, found.hits)

    def of_form(self, query: str, search: SearchFilter, hits: list[Hit]) -> list[Hit]:
        """For a question about a term, the sentences of the form that answers it (none for other questions)."""
        if term := asked_term(query):
            return self._formed(defining_query(term), partial(defines, term), search, hits)
        if term := listed_term(query):
            return self._formed(including_query(term), partial(includes, term), search, hits)
        return []

    def _formed(self, text: str, answers: Callable[[str], bool], search: SearchFilter, hits: list[Hit]) -> list[Hit]:
        found = self.retriever.retrieve(text, FORMED_HITS, search)
        return after(hits, [h for h in found.hits if answers(h.record.text)])
