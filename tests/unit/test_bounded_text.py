"""Bounded work on user text: jieba sees bounded pieces, follow-ups read bounded history (issue 6 §1)."""
from __future__ import annotations

import jieba
import jieba.posseg
import pytest

from assistant.followup import ANSWER_CHARS, CONTEXT_CHARS, asks_for_parent, cited_sentences, resolve
from index.split import MAX_SENTENCE_CHARS
from index.tokens import _WORD, PIECE_CHARS, STOPWORDS, _t2s, _words, normalise, pieces, tagged, tokenize, words

UNKNOWN = "蓉漂" * 20000  # a long run of characters jieba does not know: quadratic for its HMM


@pytest.fixture
def jieba_inputs(monkeypatch) -> list[int]:
    """The length of every text handed to jieba (the real jieba still does the work)."""
    seen: list[int] = []
    search, pos_cut = jieba.lcut_for_search, jieba.posseg.dt.cut

    def spy_search(text, *args, **kwargs):
        seen.append(len(text))
        return search(text, *args, **kwargs)

    def spy_pos(text, *args, **kwargs):
        seen.append(len(text))
        return pos_cut(text, *args, **kwargs)

    monkeypatch.setattr(jieba, "lcut_for_search", spy_search)
    monkeypatch.setattr(jieba.posseg.dt, "cut", spy_pos)
    forget()
    return seen


def forget() -> None:
    """Segmentations are remembered (index.tokens): each call below must reach jieba."""
    _words.cache_clear()
    tagged.cache_clear()


# --- jieba gets bounded pieces ----------------------------------------------------------------

@pytest.mark.parametrize("text", ["蓉漂" * 1000, "𠀀𠀁" * 1000, "a" * 3000, "第一" * 900 + "。" + "人才" * 300])
def test_jieba_never_sees_more_than_a_piece(jieba_inputs: list[int], text: str) -> None:
    for call in (words, tokenize, tagged):
        forget()
        call(text)
    assert len(jieba_inputs) >= 3 * len(text) // PIECE_CHARS and max(jieba_inputs) <= PIECE_CHARS


def test_pieces_cover_the_text_exactly_and_are_bounded() -> None:
    for text in ("", "短句。", UNKNOWN, ("人才工作，" * 500), "，" * 1000, "a b " * 3000):
        got = list(pieces(text))
        assert "".join(got) == text
        assert all(len(p) <= PIECE_CHARS for p in got)
        assert all(got) or got == [""]


def test_a_piece_ends_after_punctuation_when_there_is_some() -> None:
    clause = "推动人才工作机构专业化专职化建设，"  # 17 characters, a comma at the end
    text = clause * 100
    got = list(pieces(text))
    assert len(got) > 1 and all(p.endswith("，") for p in got)


def test_cutting_at_punctuation_leaves_the_words_unchanged() -> None:
    text = "推动人才工作机构专业化专职化建设，完善“蓉漂”品牌推广计划。" * 60
    assert len(text) > 3 * PIECE_CHARS
    whole = jieba.lcut_for_search(normalise(text).lower())  # one call over the whole text
    assert words(text) == [w for w in (w.strip() for w in whole) if w and _WORD.search(w) and w not in STOPWORDS]


def test_no_indexed_sentence_is_ever_cut_so_stored_tokens_do_not_change() -> None:
    assert PIECE_CHARS >= MAX_SENTENCE_CHARS


def test_normalise_matches_its_character_by_character_definition() -> None:
    # The regex and translate table replace a per-character Python loop; the result must not change.
    import unicodedata

    every = "".join(chr(c) for c in range(0x3001)) + "".join(chr(c) for c in range(0xFF00, 0xFF70))
    controls = "".join(" " if unicodedata.category(c) == "Cc" else c for c in every)
    folded = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c)
                     for c in controls)
    assert normalise(every) == _t2s().convert(folded)
    assert normalise("Ａ\u3000\x00b\x9f") == "A  b "


# --- follow-ups read a bounded part of the history -------------------------------------------

def history(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_cited_sentences_are_the_texts_before_each_marker() -> None:
    assert cited_sentences("甲句。[1]乙句。[2]") == ["甲句。", "乙句。"]
    assert cited_sentences("甲句。[1][2]乙句。[3]尾巴") == ["甲句。", "乙句。"]
    assert cited_sentences(UNKNOWN) == [] and cited_sentences("") == []


@pytest.mark.parametrize("question", ["这属于哪一项工作？", "第二条呢？", "那呢？", "what about it?"])
def test_a_huge_earlier_turn_gives_a_bounded_query(question: str, jieba_inputs: list[int]) -> None:
    turns = history("蓉" * 50000, UNKNOWN + "[1]" + UNKNOWN + "[2]")
    resolved = resolve(question, turns)
    assert question in resolved
    assert len(resolved) <= CONTEXT_CHARS + 1 + len(question)
    assert max(jieba_inputs, default=0) <= PIECE_CHARS


def test_a_long_chain_of_followups_stays_bounded() -> None:
    turns = history("如何提升“蓉漂”品牌的海外影响力？", "实施计划。[1]") + history("那呢？", "x[1]") * 2000
    resolved = resolve("还有呢？", turns)
    assert resolved.startswith("如何提升“蓉漂”品牌的海外影响力？")
    assert len(resolved) <= CONTEXT_CHARS + 1 + len("还有呢？")


def test_the_previous_answer_read_for_a_parent_question_is_cut() -> None:
    previous = asks_for_parent("这属于哪一项工作？", history("x", UNKNOWN))
    assert previous == UNKNOWN[:ANSWER_CHARS]
