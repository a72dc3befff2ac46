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
                                            ("laying", "lay"), ("recorded", "record"), ("status", "status"),
                                            ("women", "woman"), ("children", "child")])
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


def test_an_ing_word_gets_the_meanings_of_its_base_form_before_longer_glosses_ending_in_it(glossary: Glossary) -> None:
    # "smoking" is only the end of glosses ("no smoking" 禁止吸烟); "smoke" is 吸烟 outright
    group = glossary.candidates("smoking", anything)[0]
    assert group[0] == "吸烟"
    context = ["在禁止吸烟场所吸烟的，责令改正。", "个人在禁止吸烟场所吸烟且不听劝阻的，处以罚款。", "吸烟者应当停止吸烟。"]
    assert "吸烟" in glossary.translate("What fine applies to smoking here?", anything, context=context)


def test_a_meaning_only_a_longer_gloss_gives_is_still_offered(glossary: Glossary) -> None:
    # "present" as in "be present" (在场) comes after the word's own glosses, and the context can still choose it
    group = {zh for g in glossary.candidates("present", anything, 24) for zh in g}
    assert "在场" in group and "出席" in group
    context = ["应当有两个以上见证人在场见证。", "代书遗嘱应当有两个以上见证人在场见证。"]
    assert "在场" in glossary.translate("Who must be present?", anything, context=context)


def test_an_irregular_plural_is_translated_as_its_singular(glossary: Glossary) -> None:
    women = {zh for group in glossary.candidates("women", anything, 24) for zh in group}
    assert {"妇女", "女性"} & women
