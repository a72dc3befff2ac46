"""Everyday words the documents never use are searched as the documents' own words (assistant/everyday.py), and
the listed everyday words as the words the list gives (assistant/synonyms.py), with the real CC-CEDICT glossary and
embedding model, over three real laws (conftest.three_laws)."""
from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.everyday import EverydayWords

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def everyday(three_laws) -> EverydayWords:
    return three_laws.everyday


@pytest.fixture(scope="module")
def unlisted(three_laws) -> Assistant:
    """The same index with no synonyms list: the words searched come from the embedding alone."""
    return Assistant.from_settings(three_laws.settings.model_copy(update={"synonyms_file": None}))


def test_only_words_the_documents_lack_are_looked_up(everyday) -> None:
    unknown = everyday.unknown("单位不给员工交社保，劳动者可以解除劳动合同吗？")
    assert "社保" in unknown
    assert "劳动者" not in unknown and "劳动合同" not in unknown  # the laws' own words


def test_the_documents_word_the_embedding_puts_closest_is_searched_too(unlisted) -> None:
    question = "单位不给交社保，员工能不能辞职？"
    found = unlisted.candidates(question)
    added = found.searched.removeprefix(found.query).split()
    assert "社会保险" in added and all(unlisted.everyday.known(w) for w in added)
    assert found.also == ""  # searched, not taken for the question's own words
    assert any("社会保险" in h.record.text for h in found.hits[:5])
    plain = "用人单位未依法缴纳社会保险费的，劳动者可以解除劳动合同吗？"
    assert unlisted.candidates(plain).searched == unlisted.candidates(plain).query


def test_a_synonym_must_be_in_the_nearest_sentences_and_close_in_the_embedding(everyday) -> None:
    context = ["在禁止吸烟场所吸烟的，处五十元罚款。", "任何人不得在禁止吸烟场所吸烟。", "女职工生育享受98天产假。",
               "产假期间的生育津贴由生育保险基金支付。"]
    assert everyday.terms(["抽烟"], context) == {"抽烟": ["吸烟"]}  # shares a character and a CC-CEDICT meaning
    assert everyday.terms(["抽烟"], context[:1]) == {}  # in one sentence only: no evidence it is the word used
    assert everyday.terms(["产检"], context) == {}  # a shared character (产假) is not a shared meaning


def test_the_answer_says_which_documents_word_its_quote_holds(unlisted) -> None:
    answer = unlisted.ask("单位不给员工交社保，员工可以解除劳动合同吗？")
    assert not answer.abstained
    assert any("社会保险" in c.text for c in answer.citations)
    assert "按文档用语查找：社保→社会保险" in answer.notices
    plain = unlisted.ask("用人单位未依法为劳动者缴纳社会保险费的，劳动者可以解除劳动合同吗？")
    assert not any(n.startswith("按文档用语") for n in plain.notices)


def test_a_listed_word_the_documents_also_use_searches_the_listed_words(three_laws, unlisted) -> None:
    question = "竞业的期限最长是多久？"  # 竞业 occurs in these laws, so it is no unknown word
    assert three_laws.everyday.unknown(question) == []
    found = three_laws.candidates(question)
    assert found.searched == f"{found.query} 竞业限制"  # the list's word, after the question
    assert unlisted.candidates(question).searched == found.query
    answer = three_laws.ask(question)
    assert any("竞业限制期限，不得超过二年" in c.text for c in answer.citations)
    assert "按文档用语查找：竞业→竞业限制" in answer.notices
