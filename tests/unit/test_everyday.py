"""The everyday words' meanings (real CC-CEDICT) and the notice that names the documents' words a quote holds
(assistant/everyday.py; the search itself, with the embedding model: tests/integration/test_everyday_words.py)."""
from assistant.english import Glossary
from assistant.everyday import EverydayWords, merged, notice_pairs


def test_a_word_both_listed_and_found_keeps_the_words_of_both() -> None:
    listed, found = {"租房": ["租赁", "承租"], "员工": ["劳动者"]}, {"租房": ["出租", "租赁"], "借钱": ["借款"]}
    both = merged(listed, found)
    assert both == {"租房": ["租赁", "承租", "出租"], "员工": ["劳动者"], "借钱": ["借款"]}
    # the quote holds the list's word: the notice names it (the embedding's alone used to replace the list's)
    assert notice_pairs(both, ["租赁期限不得超过二十年。"]) == "租房→租赁"
    assert merged(listed) == listed and merged() == {}


def test_notice_pairs_name_only_the_words_the_quotes_hold() -> None:
    replaced = {"抽烟": ["吸烟", "控烟"], "借钱": ["借款"]}
    assert notice_pairs(replaced, ["禁止吸烟。", "借款合同应当采用书面形式。"]) == "抽烟→吸烟；借钱→借款"
    assert notice_pairs(replaced, ["控烟工作由卫生部门负责。"]) == "抽烟→控烟"
    assert notice_pairs(replaced, ["无关的句子。"]) == ""


def test_meanings_come_from_the_glossary() -> None:
    meanings = EverydayWords(Glossary(), lambda w: True, lambda words: None).meanings()
    assert meanings["抽烟"] & meanings["吸烟"]  # both "to smoke"
    assert not meanings["产检"] & meanings.get("产假", frozenset())
