"""The Chinese terms an English question adds to the search (assistant/english.py, real CC-CEDICT)."""
from pathlib import Path

import pytest

from assistant.english import EnglishBridge, Glossary, _forms
from assistant.references import Titles
from index.library import Library
from index.records import DocMeta


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary()


def anything(word: str) -> bool:
    return True


@pytest.mark.parametrize(("word", "form"), [("witnesses", "witness"), ("taxes", "tax"), ("employees", "employee"),
                                            ("laying", "lay"), ("recorded", "record"), ("status", "status")])
def test_a_word_is_looked_up_by_its_base_form(word: str, form: str) -> None:
    assert form in _forms(word)


def test_the_translation_found_in_the_nearest_sentences_is_chosen(glossary: Glossary) -> None:
    question = "How many days of leave does a worker get?"
    context = ["职工累计工作已满1年不满10年的，年休假5天。", "国家法定休假日、休息日不计入年休假的假期。"]
    documents = "".join(context) + "劳动者离开用人单位时告别同事。"

    def known(word: str) -> bool:
        return word in documents

    assert "休假" in glossary.translate(question, known, context=context)
    assert "休假" not in glossary.translate(question, known)  # "leave" is first 告别 and 离开 in the dictionary


def test_a_translation_counts_only_as_a_whole_word_of_a_sentence(glossary: Glossary) -> None:
    # 高职 (an "employee" gloss's head) is only a character pair of 提高职工, not a word of it
    terms = glossary.translate("What does an employee get?", anything, context=["用人单位应当提高职工的工资。"] * 3)
    assert "高职" not in terms


def test_the_word_after_how_is_asked_not_named(glossary: Glossary) -> None:
    long = {zh for group in glossary.candidates("a long period", anything) for zh in group}
    asked = {zh for group in glossary.candidates("How long is the period?", anything) for zh in group}
    assert "悠久" in long and "悠久" not in asked
    assert asked & long == {zh for group in glossary.candidates("period", anything) for zh in group} & long


def test_a_place_named_in_pinyin_is_searched_in_chinese(glossary: Glossary, tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    for title in ("上海市公共场所控制吸烟条例", "深圳市控制吸烟条例", "中华人民共和国劳动法"):
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}",
                                title=title, short_title=title))
    bridge = EnglishBridge(glossary, anything, Titles(library))
    assert bridge.places_named("In Shanghai, what is the fine for smoking?") == ["上海"]
    assert bridge.places_named("What does Shenzhen's regulation say?") == ["深圳"]
    assert bridge.places_named("What is the fine for smoking?") == []
    assert bridge.search_text("In Shanghai, what is the fine?").split()[-3] == "上海"


def test_will_after_a_determiner_is_a_noun_and_otherwise_a_stop_word(glossary: Glossary) -> None:
    noun = {zh for group in glossary.candidates("Who keeps a will?", anything, 24) for zh in group}
    modal = {zh for group in glossary.candidates("Who will keep it?", anything, 24) for zh in group}
    assert "遗嘱" in noun
    assert "遗嘱" not in modal
