"""English legal phrases read from a list before CC-CEDICT translates the rest (assistant/english_terms.py; with
real laws and the real glossary: tests/integration/test_english_search.py)."""
from __future__ import annotations

from assistant.english_terms import EnglishTerms
from assistant.wiring import word_list
from settings import Settings

LIST = """# comment = 不是
deed tax = 契税
tax = 税
Statute of Limitations = 诉讼时效
no chinese =
labour contract = 劳动合同
labor contracts = 合同
"""


def test_the_file_format_and_the_phrase_keys() -> None:
    terms = EnglishTerms.parse(LIST)
    assert dict(terms.entries) == {"deed tax": ("契税",), "tax": ("税",), "statute of limitation": ("诉讼时效",),
                                   "labor contract": ("劳动合同", "合同")}  # British spelling, plural: one phrase
    assert terms.entries[0][0] == "statute of limitation"  # the longest first


def test_a_listed_phrase_is_its_words_and_leaves_the_rest_to_translate() -> None:
    terms = EnglishTerms.parse(LIST)
    found, rest = terms.find("What is the deed tax rate when the statute of limitations has run?")
    assert found == ["契税", "诉讼时效"]  # in the question's order
    assert "deed" not in rest and "limitation" not in rest and "rate" in rest
    assert rest.split().count("the") >= 3  # each phrase leaves a stop word: the words around it are not joined
    assert terms.find("What tax applies?")[0] == ["税"]
    assert terms.find("A taxi driver") == ([], "a taxi driver")  # whole words only
    assert terms.find("") == ([], "")


def test_the_shipped_list_and_no_list(monkeypatch) -> None:
    terms = word_list(Settings().english_terms_file, EnglishTerms)
    assert len(terms) >= 100
    assert terms.find("How long is the probation period under a labour contract?")[0] == ["试用期", "劳动合同"]
    assert all(key == key.lower() and chinese for key, chinese in terms.entries)
    monkeypatch.setenv("QA_ENGLISH_TERMS_FILE", "")
    assert Settings().english_terms_file is None and len(word_list(None, EnglishTerms)) == 0
