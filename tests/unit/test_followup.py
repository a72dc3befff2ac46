"""Follow-up resolution against the chat history (assistant/followup.py), without a model."""
from __future__ import annotations

import pytest

from assistant.followup import is_followup, resolve

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
ITEMS = [
    "建立符合人才特点、激励人才创新的评价制度。",
    "出台体现创新质量、贡献、绩效的人才激励政策。",
    "完善知识产权保护制度机制。",
]


def history(question: str, answer: str = "实施“蓉漂”品牌海外影响力提升推广计划。[1]") -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def quoted(items: list[str]) -> str:
    """An answer as the extractive answerer writes it: each sentence followed by its [n]."""
    return "".join(f"{t}[{n}]" for n, t in enumerate(items, 1))


def test_a_pronoun_led_followup_is_searched_with_the_previous_question() -> None:
    q = "那具体有哪些措施？"
    assert is_followup(q)
    resolved = resolve(q, history(RONGPIAO))
    assert RONGPIAO in resolved and q in resolved
    assert resolved != q


@pytest.mark.parametrize(("q", "n"), [("第二条呢？", 2), ("第2条呢？", 2), ("第三点是什么？", 3), ("第一项呢？", 1)])
def test_an_ordinal_picks_that_item_of_the_previous_answer(q: str, n: int) -> None:
    resolved = resolve(q, history("人才评价要怎么改革？", quoted(ITEMS)))
    assert ITEMS[n - 1] in resolved
    assert all(other not in resolved for i, other in enumerate(ITEMS, 1) if i != n)


def test_an_ordinal_beyond_the_cited_items_falls_back_to_the_previous_question() -> None:
    resolved = resolve("第五条呢？", history("人才评价要怎么改革？", quoted(ITEMS)))
    assert "人才评价要怎么改革？" in resolved
    assert not any(item in resolved for item in ITEMS)


def test_an_ordinal_after_a_single_quoted_sentence_uses_the_previous_question() -> None:
    resolved = resolve("第二条呢？", history(RONGPIAO, quoted(ITEMS[:1])))
    assert RONGPIAO in resolved and ITEMS[0] not in resolved


@pytest.mark.parametrize("q", [
    "人才评价制度要符合什么特点？",
    "基层党建和基层治理是什么关系？",
    "What does the article say about recruitment examinations for civil servants?",
    "Which talent policies does the article mention?",
])
def test_a_standalone_question_after_history_is_not_rewritten(q: str) -> None:
    assert not is_followup(q)
    assert resolve(q, history(RONGPIAO)) == q


@pytest.mark.parametrize("q", [
    "What are the requirements that village cadres must meet?",
    "Which rules apply to cadres that work in villages?",
])
def test_a_relative_that_does_not_make_an_english_question_a_followup(q: str) -> None:
    # "that" here introduces a relative clause, it does not point back at the last turn.
    assert resolve(q, history(RONGPIAO)) == q


@pytest.mark.parametrize("q", ["那具体有哪些措施？", "第二条呢？", "what about its goal?", "具体怎么做？"])
def test_without_history_the_question_is_unchanged(q: str) -> None:
    assert resolve(q, []) == q
    assert resolve(q, [{"role": "assistant", "content": quoted(ITEMS)}]) == q  # no earlier user question


def test_english_followup_is_searched_with_the_previous_question() -> None:
    previous = "What is the Rongpiao brand promotion plan?"
    q = "what about its goal?"
    assert is_followup(q)
    resolved = resolve(q, history(previous, "x[1]"))
    assert previous in resolved and q in resolved


def test_the_latest_standalone_question_is_the_one_resolved_against() -> None:
    turns = history("组织工作以什么为导向？") + history(RONGPIAO)
    resolved = resolve("那具体有哪些措施？", turns)
    assert RONGPIAO in resolved and "组织工作" not in resolved


def test_a_chain_of_followups_keeps_the_original_topic() -> None:
    turns = history(RONGPIAO) + history("那具体有哪些措施？")
    resolved = resolve("还有呢？", turns)
    assert RONGPIAO in resolved


def test_a_long_question_is_never_a_followup() -> None:
    q = "那么" + "人才发展体制机制改革" * 7 + "？"
    assert len(q) > 60
    assert not is_followup(q)


def test_an_ordinal_picks_the_item_of_a_list_the_answer_spelled_out() -> None:
    spelled = "分别是党建引领城乡社区发展治理行动、党建引领乡村振兴行动和党建引领高质量发展行动。"
    resolved = resolve("第二个行动具体要做哪些事？", history("“三大行动”是哪三个？", spelled))
    assert "党建引领乡村振兴行动" in resolved
    assert "城乡社区发展治理行动" not in resolved and "高质量发展行动" not in resolved


def test_an_ordinal_in_traditional_characters_is_understood() -> None:
    spelled = "黨建引領城鄉社區發展治理行動、黨建引領鄉村振興行動和黨建引領高質量發展行動。"
    resolved = resolve("第三個行動裡要組建什麼樣的黨組織？", history("有哪「三大行動」？", spelled))
    assert "党建引领高质量发展行动" in resolved


def test_an_ordinal_counts_the_items_of_the_list_the_answer_spelled_out() -> None:
    answer = "（二）住宅小区和农村居民点应当在生活垃圾收集运输交付点设置可回收物、有害垃圾、湿垃圾、干垃圾四类收集容器；[1]"
    resolved = resolve("第二类具体指什么？", history("上海小区里要放哪几类垃圾桶？", answer))
    assert "有害垃圾" in resolved and "可回收物" not in resolved


@pytest.mark.parametrize("q", ["And a utility model patent?", "or a design patent?", "Also for part-time staff?"])
def test_an_english_question_that_starts_with_and_leans_on_the_previous_turn(q: str) -> None:
    assert is_followup(q)


def test_a_place_the_followup_names_replaces_the_earlier_one() -> None:
    history = [{"role": "user", "content": "在北京，在禁止吸烟的场所抽烟不听劝阻，会被罚多少？"},
               {"role": "assistant", "content": "处五十元罚款。[1]"}]
    for q in ("那上海呢？", "那在上海，抽烟不听劝阻会被罚多少？"):
        resolved = resolve(q, history)
        assert "上海" in resolved and "北京" not in resolved and "禁止吸烟" in resolved
    assert "北京" in resolve("那罚款由哪个部门执行？", history)  # no place named: the earlier one holds


def test_a_follow_up_that_asks_its_own_kind_does_not_ask_the_earlier_amount():
    history = [{"role": "user", "content": "年假最多能休几天？"}, {"role": "assistant", "content": "…年休假5天。[1]"}]
    resolved = resolve("那休息日和法定节假日算在年假里吗？", history)
    assert "年假" in resolved and "几天" not in resolved and "最多" not in resolved
    holidays = [{"role": "user", "content": "春节放几天假？"}]
    assert "几天" in resolve("那国庆节呢？", holidays)  # it asks nothing of its own: the amount is still asked
    assert "几天" in resolve("那国庆节放几天？", holidays)  # it asks an amount itself
