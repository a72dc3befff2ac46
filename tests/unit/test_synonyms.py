"""The editable list of everyday words and the documents' words for them (assistant/synonyms.py; the search with it
over real laws: tests/integration/test_everyday_words.py)."""
from __future__ import annotations

import logging

from assistant.synonyms import Synonyms
from assistant.wiring import word_list
from settings import Settings

LIST = """# a comment line
员工 劳动者 职工

鱿鱼 海产品
炒鱿鱼 解除劳动合同
年假 年休假 年假
员工 雇员
"""


def test_the_file_format_comments_blank_lines_and_repeated_words() -> None:
    synonyms = Synonyms.parse(LIST)
    assert dict(synonyms.entries) == {"员工": ("劳动者", "职工", "雇员"), "鱿鱼": ("海产品",),
                                      "炒鱿鱼": ("解除劳动合同",), "年假": ("年休假",)}
    assert synonyms.entries[0][0] == "炒鱿鱼"  # the longest first
    assert len(Synonyms.parse("# only\n员工\n年假 年假\n")) == 0  # a word alone or listed as itself says nothing


def test_a_question_searches_the_documents_words_it_lacks() -> None:
    synonyms = Synonyms.parse(LIST)
    assert synonyms.of("员工请年假要提前多久说？") == {"员工": ["劳动者", "职工", "雇员"], "年假": ["年休假"]}
    assert synonyms.of("劳动者的年休假怎么算？") == {}  # the documents' words already: nothing to add
    assert synonyms.of("员工和职工有什么区别？") == {"员工": ["劳动者", "雇员"]}  # only the words it lacks
    assert synonyms.of("ＡＢＣ公司被炒鱿鱼了") == {"炒鱿鱼": ["解除劳动合同"]}  # not 鱿鱼 again inside it
    assert synonyms.of("鱿鱼怎么卖") == {"鱿鱼": ["海产品"]}
    assert synonyms.of("") == {}


def test_a_listed_word_is_known_as_the_organisations_vocabulary() -> None:
    synonyms = Synonyms.parse(LIST)
    assert synonyms.lists("员工") and synonyms.lists("炒鱿鱼")
    assert not synonyms.lists("劳动者") and not synonyms.lists("员")  # a word it lists for, or a part of one


def test_the_shipped_list_is_well_formed() -> None:
    settings = Settings()
    synonyms = word_list(settings.synonyms_file, Synonyms)
    assert len(synonyms) >= 80
    for word, others in synonyms.entries:
        assert word not in others and all(len(w) >= 2 for w in (word, *others)), word
    assert synonyms.of("房东不退押金怎么办？")["房东"] == ["出租人"]


def test_no_file_or_an_unreadable_one_means_no_synonyms(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("QA_SYNONYMS_FILE", "")
    assert Settings().synonyms_file is None and len(word_list(None, Synonyms)) == 0
    with caplog.at_level(logging.WARNING, logger="assistant.wiring"):
        assert len(word_list(tmp_path / "missing.txt", Synonyms)) == 0
    assert "cannot be read" in caplog.text
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    assert len(word_list(tmp_path / "bad.txt", Synonyms)) == 0
