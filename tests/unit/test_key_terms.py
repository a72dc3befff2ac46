"""Terms of art a question names (assistant/key_terms.py): which words count, and when one stands in a text."""
from __future__ import annotations

from assistant.key_terms import _cover, stands_in, terms_of_art


def everywhere(word: str) -> bool:
    return True


def test_a_rare_noun_the_documents_use_is_a_term_of_art() -> None:
    assert terms_of_art("契税的税率是多少？", everywhere) == ("契税",)
    assert terms_of_art("實際交的定金和約定的數額不一樣怎麼算？", everywhere) == ("定金",)  # traditional script


def test_a_word_the_documents_never_use_is_left_to_the_missing_words_check() -> None:
    assert terms_of_art("契税的税率是多少？", lambda word: False) == ()


def test_everyday_words_are_not_terms_of_art() -> None:
    # 朋友, 小区, 房子 are common in general Chinese: laws name such cases in their own words
    assert terms_of_art("朋友住的小区房子能不能出租？", everywhere) == ()


def test_a_set_phrase_of_words_is_judged_by_its_rare_words() -> None:
    assert _cover("物业公司") == ["物业", "公司"]
    assert _cover("居住权") == []  # 权 alone is no word of two characters
    assert terms_of_art("物业公司能不能用停水停电的办法催交物业费？", everywhere) == ("物业费",)
    assert terms_of_art("出了工伤事故，单位要在多少天内申请？", everywhere) == ("工伤",)


def test_a_term_stands_in_a_text_whole_or_by_half_its_character_pairs() -> None:
    assert stands_in("契税", "契税税率为百分之三至百分之五。")
    assert not stands_in("契税", "个人所得税的税率为百分之二十。")
    assert stands_in("立遗嘱", "遗嘱人可以撤回、变更自己所立的遗嘱。")  # 遗嘱: one of its two pairs
    assert not stands_in("居住权", "居民委员会应当协助。")
