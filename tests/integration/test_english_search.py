"""An English question's dense search runs toward the question and its Chinese terms together, while every
score the selector and the abstention read stays the question's own (assistant/chain.py, retrieval.py), over
three real laws (conftest.three_laws) with the real glossary and embedding model."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.chain import mean_direction

pytestmark = pytest.mark.integration

QUESTION = "How long may the probation period be if the labour contract runs for two years?"


def test_the_search_direction_adds_candidates_but_scores_stay_the_questions_own(three_laws) -> None:
    retriever = three_laws.retriever
    found = three_laws.candidates(QUESTION)
    assert found.also  # the bridge gave Chinese terms
    own = retriever.embed(QUESTION)
    both = mean_direction(own, retriever.embed(found.also))
    assert float(own @ both) < 0.999  # another direction
    blended = retriever.retrieve(found.searched, 10, vector=both, topic=own)
    alone = retriever.retrieve(found.searched, 10, vector=own)
    scores = {h.record.id: (h.dense, h.dense_z, h.background) for h in alone.hits}
    shared = [h for h in blended.hits if h.record.id in scores]
    assert shared
    for h in shared:
        assert np.allclose((h.dense, h.dense_z, h.background), scores[h.record.id], atol=1e-5)
    assert any("试用期" in h.record.text for h in blended.hits[:5])


def test_the_mean_direction_is_a_unit_vector_halfway() -> None:
    a, b = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)
    m = mean_direction(a, b)
    assert np.isclose(np.linalg.norm(m), 1.0) and np.isclose(m @ a, m @ b)


def test_a_listed_legal_phrase_is_searched_as_its_chinese_term(three_laws) -> None:
    """english_terms.py: "medical treatment period" is 医疗期, which CC-CEDICT's words (医疗, 治疗, 时期) miss."""
    from assistant.english import EnglishBridge

    bridge = three_laws.english
    assert len(bridge.terms) > 0
    plain = EnglishBridge(bridge.glossary, bridge.known, bridge.titles, bridge.vectors)  # the same, with no list
    question = "Can the employer end the contract while the employee is within the medical treatment period?"
    listed = bridge.search_terms(question)
    assert "医疗期" in listed and "医疗期" not in plain.search_terms(question)
    assert "用人单位" in listed  # employer
    answer = three_laws.ask(question)
    assert any("医疗期" in c.text for c in answer.citations)
