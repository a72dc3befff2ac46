"""An English name of a law found among the catalogue's titles (assistant/english.py, real CC-CEDICT)."""
from pathlib import Path

import pytest

from assistant.english import EnglishBridge, Glossary, gapped_titles, law_named, title_first, title_guesses
from assistant.references import Titles
from index.library import Library
from index.records import DocMeta

TITLES = ("劳动法", "劳动合同法", "个人所得税法", "全国年节及纪念日放假办法", "保险法", "社会保险法", "证券法", "国家安全法",
          "教育法", "学前教育法", "环境保护法", "消费者权益保护法", "未成年人保护法")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary()


@pytest.fixture()
def titles(tmp_path: Path) -> Titles:
    library = Library(tmp_path / "library.sqlite")
    for title in TITLES:
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}", title=title,
                                short_title=title))
    return Titles(library)


def test_a_part_of_a_title_is_held_however_long(titles: Titles) -> None:
    assert titles.holds("劳动") and titles.holds("个人所得税") and titles.holds("全国年节及纪念日放假")
    assert not titles.holds("劳工") and not titles.holds("全国年节及纪念日休假")


@pytest.mark.parametrize(("question", "title"), [
    ("What does Article 110 of the Labour Law say?", "劳动法"),
    ("What does the Labor Contract Law say about probation?", "劳动合同法"),
    ("What does the Personal Income Tax Law say about rates?", "个人所得税法"),
    ("What does Article 9 of the Social Insurance Law say?", "社会保险法"),  # social: 社会性, the noun 社会
])
def test_an_english_name_is_built_from_translations_that_fit_a_title(
        glossary: Glossary, titles: Titles, question: str, title: str) -> None:
    guesses = title_guesses(glossary, question, fits=titles.holds)
    assert title in guesses
    assert all(titles.holds(g[:-1]) for g in guesses if len(g) > 1)  # nothing that fits no title is kept


def test_without_the_titles_labour_is_not_translated_as_in_the_law(glossary: Glossary) -> None:
    # CC-CEDICT lists 劳动 for "labor" only after a dozen other words (分娩, 劳力, 劳工…)
    assert "劳动法" not in title_guesses(glossary, "What does Article 110 of the Labour Law say?")


def test_the_longest_title_an_english_name_builds_is_the_one_it_names(glossary: Glossary, titles: Titles) -> None:
    guesses = title_guesses(glossary, "What does Article 9 of the Social Insurance Law say?", fits=titles.holds)
    assert max((g for g in guesses if g in TITLES), key=len) == "社会保险法"  # not 保险法, another law


@pytest.mark.parametrize(("name", "title"), [
    ("Social Insurance Law", "社会保险法"),
    ("Securities Law", "证券法"),  # 证券 and 国家安全 are both a longer gloss's meaning of "security"
    ("Education Law", "教育法"),  # 学前教育 ("preschool education") is a longer gloss's
    ("Labour Law", "劳动法"),  # 劳动 only through "physical labor": still found
])
def test_the_law_an_english_name_refers_to(glossary: Glossary, titles: Titles, name: str, title: str) -> None:
    bridge = EnglishBridge(glossary, lambda w: True, titles)
    assert bridge.reference_text(f"What does Article 9 of the {name} say?") == f"{title}第9条"


def test_a_capitalised_name_is_not_taken_for_a_law_named_by_fewer_of_its_words(glossary: Glossary,
                                                                                titles: Titles) -> None:
    bridge = EnglishBridge(glossary, lambda w: True, titles)
    # "protection" alone builds 环境保护法 (environmental protection); "Fire Protection" names another law
    assert bridge.reference_text("What does Article 2 of the Fire Protection Law say?") == ""
    assert bridge.reference_text("What does Article 2 of the Environmental Protection Law say?") == "环境保护法第2条"
    assert bridge.reference_text("What does Article 39 of the PRC Labour Contract Law say?") == "劳动合同法第39条"


def test_a_letter_that_lower_cases_to_two_does_not_break_the_name_reading(glossary: Glossary, titles: Titles) -> None:
    bridge = EnglishBridge(glossary, lambda w: True, titles)
    assert bridge.reference_text("İİ What does Article 9 of the Social Insurance Law say?") == "社会保险法第9条"


@pytest.mark.parametrize(("question", "name"), [
    ("What does Article 2 of the Fire Protection Law say?", "Fire Protection Law"),
    ("What does Article 19 of the PRC Labor Contract Law say?", "Labor Contract Law"),
    ("What does China's Civil Code Article 1047 say?", "Civil Code"),
    ("What does Article 5 of the Law say?", ""),  # no name
    ("What does article 3 say about wages?", ""),
])
def test_the_english_name_of_a_cited_law(question: str, name: str) -> None:
    assert law_named(question) == name


def test_a_name_with_and_and_the_listed_phrases_of_its_words(glossary: Glossary, tmp_path: Path) -> None:
    """CC-CEDICT alone has no 调解 for "mediation" (劝解, 调和) and 劳动 only far down "labor"'s list; the listed
    phrases (english_terms.py) give them, and "and" joins what a Chinese title writes side by side."""
    from assistant.english_terms import EnglishTerms

    library = Library(tmp_path / "library.sqlite")
    for title in ("劳动争议调解仲裁法", "仲裁法", "行政复议法", "刑法"):
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}", title=title,
                                short_title=title))
    terms = EnglishTerms.parse("labor dispute = 劳动争议\nmediation = 调解\nadministrative reconsideration = 行政复议\n")
    bridge = EnglishBridge(glossary, lambda w: True, Titles(library), terms=terms)
    unlisted = EnglishBridge(glossary, lambda w: True, Titles(library))
    named = "Under China's Labor Dispute Mediation and Arbitration Law, what is the limitation period?"
    assert bridge.reference_text(named) == "劳动争议调解仲裁法"
    assert unlisted.reference_text(named) == "仲裁法"  # the name's last words only, without the list
    assert bridge.reference_text("Under the Administrative Reconsideration Law, within how many days?") == "行政复议法"
    assert bridge.reference_text("What does Article 20 of the Criminal Law say?") == "刑法第20条"  # two characters


def test_a_name_that_leaves_out_part_of_the_title(glossary: Glossary, titles: Titles) -> None:
    bridge = EnglishBridge(glossary, lambda w: True, titles)
    # "Consumer Protection Law" builds 消费者保护法; the title says 消费者权益保护法
    assert bridge.reference_text("What are the chapters of the Consumer Protection Law?") == "消费者权益保护法"
    assert bridge.reference_text("What does Article 2 of the Fire Protection Law say?") == ""  # not 环境保护法


def test_a_guess_with_characters_put_in_at_one_place_only() -> None:
    names = {"消费者权益保护法", "环境保护法", "劳动合同法", "劳动法"}
    assert gapped_titles(["消费者保护法"], names) == ["消费者权益保护法"]
    assert gapped_titles(["消费保护者法"], names) == []  # the characters out of order
    assert gapped_titles(["劳法"], names) == []  # too short a guess to stretch
    assert gapped_titles(["消费者法"], names) == []  # four characters put in: not a gap, another name
    assert sorted(gapped_titles(["劳动合同法"], names | {"劳动合同工法", "劳动用合同法"})) == ["劳动合同工法", "劳动用合同法"]


@pytest.mark.parametrize(("question", "reordered"), [
    ("What does the Law on the Protection of Minors say?", "What does the Minors Protection Law say?"),
    ("Under the Law on the Administration of Tax Collection, what is the late fee?",
     "Under the Tax Collection Administration Law, what is the late fee?"),
    ("What does Article 3 of the Law on Mediation and Arbitration of Labor Disputes say?",
     "What does Article 3 of the Labor Disputes Mediation and Arbitration Law say?"),
    ("What does the Law of the People's Republic of China on Work Safety require?",
     "What does the Work Safety Law require?"),
    ("What does the Labour Law say?", "What does the Labour Law say?"),  # already in the title's order
])
def test_an_official_name_read_in_the_titles_order(question: str, reordered: str) -> None:
    assert title_first(question) == reordered


def test_a_law_named_law_on(glossary: Glossary, titles: Titles) -> None:
    bridge = EnglishBridge(glossary, lambda w: True, titles)
    assert bridge.reference_text("What does Article 2 of the Law on the Protection of Minors say?") == "未成年人保护法第2条"


def test_and_inside_a_listed_phrase_of_a_title(glossary: Glossary, tmp_path: Path) -> None:
    """"rights and interests" is one listed phrase (权益): the title is built with it as well as with "and" left out."""
    from assistant.english_terms import EnglishTerms

    library = Library(tmp_path / "library.sqlite")
    for title in ("消费者权益保护法", "妇女权益保障法", "环境保护法"):
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}", title=title,
                                short_title=title))
    question = "What does Article 2 of the Law on the Protection of Consumer Rights and Interests say?"
    without = EnglishBridge(glossary, lambda w: True, Titles(library))
    assert without.reference_text(question) != "消费者权益保护法第2条"
    terms = EnglishTerms.parse("rights and interests = 权益\n")
    bridge = EnglishBridge(glossary, lambda w: True, Titles(library), terms=terms)
    assert bridge.reference_text(question) == "消费者权益保护法第2条"
