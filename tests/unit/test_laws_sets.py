"""The library question sets (eval/laws*.jsonl, eval/seed_english.jsonl) and their checker.

The first tests read the real corpus (../shared/corpus/laws beside the repository, or
$QA_LAWS_DIR) and skip with a message when it is absent. The others run the checker on
a two-file corpus written here, so each rule is shown to catch what it is meant to catch.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.check_sets import (
    EVAL_DIR,
    LIBRARY_SETS,
    REPO,
    SUBSET_FILE,
    check_file,
    check_question,
    check_seed_english,
    in_subset,
    laws_dir,
    load_subset,
)
from eval.lawtext import count_sentences, read_law
from eval.set_rules import check_minimums, overlap

CORPUS = laws_dir()
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"library corpus not found at {CORPUS} (set QA_LAWS_DIR to the laws folder to run these checks)",
)


# --- the real sets against the real corpus ---------------------------------------------

@needs_corpus
@pytest.mark.parametrize("name", LIBRARY_SETS)
def test_library_set_matches_the_corpus_and_meets_its_minimums(name: str) -> None:
    problems, counts = check_file(EVAL_DIR / name, CORPUS, load_subset())
    assert problems == [], "\n".join(problems[:20])
    assert counts["subset"] / counts["total"] >= 0.70


def test_seed_english_questions_quote_the_seed_article() -> None:
    problems, counts = check_seed_english(EVAL_DIR / "seed_english.jsonl", REPO / "seeds")
    assert problems == [], "\n".join(problems)
    assert counts["english"] >= 15


@pytest.mark.parametrize("first, second", [(a, b) for i, a in enumerate(LIBRARY_SETS) for b in LIBRARY_SETS[i + 1:]])
def test_the_library_sets_share_no_question(first: str, second: str) -> None:
    assert overlap(EVAL_DIR / first, EVAL_DIR / second) == []


@needs_corpus
def test_subset_entries_exist_and_stay_within_the_sentence_budget() -> None:
    total = 0
    for entry in load_subset():
        path = CORPUS / entry
        assert path.exists(), entry
        files = [path] if path.is_file() else sorted(path.rglob("*.md"))
        total += sum(count_sentences(f) for f in files)
    assert 20_000 < total <= 40_000


# --- the checker on a corpus written here ----------------------------------------------

LAW = """# 中华人民共和国示例法

2020年1月1日 第一次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了示范，制定本法。

第二条 **试用期**不得超过六个月；劳动合同期限不满三个月的，不得约定试用期。

\u200b

第三条 用人单位有下列情形之一的，劳动者可以解除劳动合同：

（一）未及时足额支付劳动报酬的；

（二）未依法缴纳社会保险费的。

第三条之一 本条是插入的条文，不算第三条。
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "社会法").mkdir()
    (tmp_path / "社会法" / "示例法(2020-01-01).md").write_text(LAW, encoding="utf-8")
    (tmp_path / "行政法").mkdir()
    (tmp_path / "行政法" / "示例法(2020-01-01).md").write_text(LAW, encoding="utf-8")
    return tmp_path


DOC = "社会法/示例法(2020-01-01).md"
SUBSET = ["社会法"]


def question(**fields: object) -> dict:
    base = {"id": "T1", "question": "试用期最长多久？", "gold": ["试用期不得超过六个月"], "facts": ["六个月"],
            "tags": ["literal"], "docs": [DOC], "subset": True}
    return {**base, **fields}


def test_markdown_marks_zero_width_lines_and_inserted_articles_are_parsed(corpus: Path) -> None:
    law = read_law(corpus / DOC)
    assert "第二条 试用期不得超过六个月；" in law.sentences
    assert all("\u200b" not in s and "**" not in s for s in law.sentences)
    assert list(law.articles) == ["第一条", "第二条", "第三条", "第三条之一"]
    assert law.articles["第三条"].sentences[-1] == "（二）未依法缴纳社会保险费的。"
    assert law.find("中华人民共和国示例法") == "中华人民共和国示例法"


def test_a_sound_question_has_no_problem(corpus: Path) -> None:
    assert check_question(question(), corpus, SUBSET) == []


@pytest.mark.parametrize("gold, message", [
    (["试用期不得超过七个月"], "gold not in any named doc"),
    (["不得超过六个月；劳动合同期限"], "gold not in any named doc"),  # crosses a sentence end
    (["六个月"], "shorter than 8"),
])
def test_gold_must_lie_inside_one_sentence_and_be_long_enough(corpus: Path, gold: list[str], message: str) -> None:
    problems = check_question(question(gold=gold), corpus, SUBSET)
    assert any(message in p for p in problems), problems


def test_facts_must_appear_in_a_gold_sentence(corpus: Path) -> None:
    assert check_question(question(facts=["试用期", "六个月"]), corpus, SUBSET) == []
    problems = check_question(question(facts=["三个月"]), corpus, SUBSET)  # the next sentence, not the gold one
    assert any("fact not in a gold sentence" in p for p in problems)
    problems = check_question(question(facts=["社会保险费"]), corpus, SUBSET)
    assert any("fact not in a gold sentence" in p for p in problems)


def test_subset_flag_follows_where_the_gold_can_be_found(corpus: Path) -> None:
    outside = question(docs=["行政法/示例法(2020-01-01).md"])
    assert any("subset should be False" in p for p in check_question(outside, corpus, SUBSET))
    assert check_question({**outside, "subset": False}, corpus, SUBSET) == []
    # a copy inside the subset is enough to answer there
    both = question(docs=["行政法/示例法(2020-01-01).md", DOC])
    assert check_question(both, corpus, SUBSET) == []
    assert in_subset(DOC, SUBSET) and not in_subset("社会法X/a.md", SUBSET)


def test_article_lookup_must_quote_every_sentence_of_its_article(corpus: Path) -> None:
    full = ["用人单位有下列情形之一的，劳动者可以解除劳动合同", "（一）未及时足额支付劳动报酬的", "（二）未依法缴纳社会保险费的"]
    ok = question(gold=full, facts=["劳动报酬"], tags=["article"], article="第三条")
    assert check_question(ok, corpus, SUBSET) == []
    short = {**ok, "gold": full[:2]}
    assert any("not covered by gold" in p for p in check_question(short, corpus, SUBSET))
    stray = {**ok, "gold": full + ["本条是插入的条文，不算第三条"]}
    assert any("gold outside 第三条" in p for p in check_question(stray, corpus, SUBSET))


def test_missing_article_questions_must_name_an_article_the_law_lacks(corpus: Path) -> None:
    missing = question(gold=[], facts=[], tags=["unanswerable", "missing_article"], article="第九十九条")
    assert check_question(missing, corpus, SUBSET) == []
    existing = {**missing, "article": "第二条"}
    assert any("exists" in p for p in check_question(existing, corpus, SUBSET))


@pytest.mark.parametrize("fields, message", [
    ({"tags": ["unanswerable"], "gold": [], "facts": []}, "without a subtype"),
    ({"tags": ["unanswerable", "near_miss"]}, "with gold or facts"),
    ({"tags": ["liter"]}, "unknown tag"),
    ({"tags": ["followup"]}, "history"),
    ({"tags": ["article"]}, "'article' field"),
    ({"docs": ["社会法/没有这部法.md"]}, "doc not in the corpus"),
    ({"subset": "yes"}, "not bool"),
])
def test_shape_rules(corpus: Path, fields: dict, message: str) -> None:
    problems = check_question(question(**fields), corpus, SUBSET)
    assert any(message in p for p in problems), problems


def test_a_set_file_reports_bad_json_repeated_ids_and_shortfalls(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "laws.jsonl"
    line = json.dumps(question(), ensure_ascii=False)
    path.write_text(line + "\n" + line + "\n{not json\n", encoding="utf-8")
    problems, counts = check_file(path, corpus, SUBSET)
    assert any("repeated id" in p for p in problems)
    assert any("not JSON" in p for p in problems)
    assert any("at least 160 needed" in p for p in problems)
    assert counts["total"] == 2 and counts["subset"] == 2


def test_minimums_include_the_subset_share() -> None:
    counts = Counter(total=100, subset=60, article=30)
    problems = check_minimums("laws_dev.jsonl", counts)
    assert any("subset share 0.60" in p for p in problems)
    assert not any("tagged article" in p for p in problems)


def test_the_subset_file_lists_the_four_folders() -> None:
    entries = load_subset(SUBSET_FILE)
    assert {"社会法", "民法商法", "民法典", "经济法"} <= set(entries)
    assert len(entries) == len(set(entries))
