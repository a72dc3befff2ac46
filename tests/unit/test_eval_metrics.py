"""Pure metric functions of the eval harness, on tiny inputs whose answers are worked out by hand."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.types import Answer, Citation, Hit, SentenceRecord
from eval.aggregate import aggregate
from eval.controls import EDIT_UNIT, edited, shuffled, spliced
from eval.dataset import Question, contains_fact, is_gold
from eval.evidence import margin
from eval.gate import check_gate, evaluate_gate, load_thresholds
from eval.metrics import (
    Claim,
    claim_support,
    containment,
    first_gold_rank,
    hit_at,
    reciprocal_rank,
    split_claims,
    unit_containment,
)
from eval.scoring import score_question


def hit(text: str, number: int = 0) -> Hit:
    record = SentenceRecord(id=f"s{number}", doc="d.txt", title="d", paragraph=0, sentence=number,
                            start=0, end=len(text), text=text)
    return Hit(record=record, score=1.0)


def cite(n: int, text: str) -> Citation:
    return Citation(n=n, doc="d.txt", sentence_id=f"c{n}", text=text, section="", score=1.0)


# --- gold matching ------------------------------------------------------------------

def test_is_gold_both_directions_and_whitespace() -> None:
    assert is_gold("要坚持 以党的政治建设为统领。", ["以党的政治建设为统领"])  # gold inside sentence
    assert is_gold("政治建设", ["以党的政治建设为统领"])  # sentence inside gold
    assert not is_gold("服务中心大局", ["以党的政治建设为统领"])
    assert not is_gold("   ", ["以党"])  # an empty sentence is never gold
    assert contains_fact("打造一支 懂城市、会经济的队伍", ["懂城市"])
    assert not contains_fact("打造一支队伍", ["懂城市", ""])


# --- ranks ----------------------------------------------------------------------------

def test_rank_hits_and_reciprocal_rank() -> None:
    texts = ["甲", "乙含金句", "金句"]
    rank = first_gold_rank(texts, ["金句"])
    assert rank == 2
    assert (hit_at(rank, 1), hit_at(rank, 5)) == (False, True)
    assert reciprocal_rank(rank) == 0.5
    assert first_gold_rank(["x"] * 10 + ["金句"], ["金句"]) is None  # rank 11 is beyond MRR@10
    assert reciprocal_rank(None) == 0.0 and not hit_at(None, 5)


# --- claims and containment -------------------------------------------------------------

def test_split_claims_assigns_markers_to_the_text_before_them() -> None:
    claims = split_claims("甲乙丙。[1] 丁戊己[2][3]。尾巴文字")
    assert claims == [Claim("甲乙丙。", (1,)), Claim("丁戊己", (2, 3)), Claim("尾巴文字", ())]
    # one marker group covers every sentence since the previous group
    assert split_claims("一二三。四五六。[1, 2]") == [Claim("一二三。", (1, 2)), Claim("四五六。", (1, 2))]


def test_containment_chinese_bigrams_and_english_word_bigrams() -> None:
    # 组织工作 -> 组织 织工 工作; the source has 组织 and 工作 but not 织工
    assert containment("组织工作[1]", ["组织建设工作"]) == pytest.approx(2 / 3)
    # (the quick) (quick brown) (brown fox): the source lacks (the quick)
    assert containment("The quick brown fox.", ["a quick brown fox jumps"]) == pytest.approx(2 / 3)
    assert containment("党", ["党员"]) == 1.0  # one unit: checked as a unigram
    assert containment("组织工作", []) == 0.0


def test_grounding_controls() -> None:
    claim = list("扩大基层覆盖")
    # the middle unit 层 is replaced: 基层 and 层覆 are lost, 3 of 5 bigrams remain
    assert edited(claim) == list("扩大基") + [EDIT_UNIT] + list("覆盖")
    assert unit_containment(edited(claim), ["扩大基层覆盖"]) == pytest.approx(3 / 5)
    # 6 units: round(6 / 4) = 2 replaced by the other text's units, cycled
    assert spliced(claim, ["甲"]) == list("扩大基层") + ["甲", "甲"]
    mixed = shuffled(claim, random.Random(1))
    assert sorted(mixed) == sorted(claim)
    assert unit_containment(mixed, ["扩大基层覆盖"], n=1) == 1.0  # unigrams cannot see the order
    assert margin({"cited": 1.0, "edited": 0.9, "spliced": 0.2, "shuffled": 0.0}) == pytest.approx(0.7)


def test_claim_support_needs_markers_known_citations_and_threshold() -> None:
    cited = {1: "组织工作的政治性和导向性", 2: "无关的句子"}
    assert claim_support(Claim("组织工作的政治性", (1,)), cited) == (1.0, True)
    assert claim_support(Claim("组织工作的政治性", ()), cited)[1] is False  # no marker
    assert claim_support(Claim("组织工作的政治性", (1, 9)), cited)[1] is False  # [9] cites nothing
    score, grounded = claim_support(Claim("组织工作的规范性", (2,)), cited)
    assert score == 0.0 and not grounded


# --- aggregation over hand-made rows ---------------------------------------------------------

def test_aggregate_on_five_hand_made_questions() -> None:
    q1 = Question(id="q1", question="?", gold=["甲乙丙丁"], facts=["乙丙"])
    q2 = Question(id="q2", question="?", gold=["戊己庚辛"], facts=["戊己", "壬癸"])
    q3 = Question(id="q3", question="?", gold=["天地玄黄"], facts=["天地"])
    q4 = Question(id="q4", question="?", tags=["unanswerable"])
    q5 = Question(id="q5", question="?", tags=["unanswerable"])
    rows = [
        # gold at rank 2; one gold citation, one grounded claim, fact found
        score_question(q1, Answer(question="?", answer="甲乙丙丁。[1]", citations=[cite(1, "甲乙丙丁。")]),
                       [hit("无关句子", 0), hit("甲乙丙丁。", 1)], config="t"),
        # gold at rank 1; citations: one gold, one neither gold nor fact; two grounded claims; 1 of 2 facts
        score_question(q2, Answer(question="?", answer="戊己庚辛。[1] 子丑寅卯。[2]",
                                  citations=[cite(1, "戊己庚辛。"), cite(2, "子丑寅卯。")]),
                       [hit("戊己庚辛。")], config="t"),
        # gold not retrieved; abstained (a false rejection)
        score_question(q3, Answer(question="?", answer="没有找到。", abstained=True), [hit("无关")], config="t"),
        # unanswerable, abstained (correct)
        score_question(q4, Answer(question="?", answer="没有找到。", abstained=True), [], config="t"),
        # unanswerable, answered with a claim its citation does not support
        score_question(q5, Answer(question="?", answer="宇宙洪荒。[1]", citations=[cite(1, "日月盈昃。")]),
                       [], config="t"),
    ]
    m = aggregate(rows)
    assert m["hit_at_1"] == pytest.approx(1 / 3)  # ranks 2, 1, none
    assert m["hit_at_5"] == pytest.approx(2 / 3)
    assert m["mrr_at_10"] == pytest.approx((0.5 + 1 + 0) / 3)
    assert m["citation_precision"] == pytest.approx(2 / 3)  # q1, q2 citations: 2 of 3 good
    assert m["citation_recall"] == pytest.approx(2 / 3)  # q1, q2 yes; q3 abstained
    assert m["grounding"] == pytest.approx(3 / 4)  # q1 1 + q2 2 grounded, q5 1 not
    assert m["key_fact_coverage"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert m["negative_rejection"] == 0.5
    assert m["false_rejection"] == pytest.approx(1 / 3)
    assert rows[1].failed == ["citation_precision", "key_fact_coverage"]
    assert rows[4].failed == ["rejection", "grounding"]


def test_a_leave_out_copy_answered_with_the_originals_facts_counts_as_restated() -> None:
    from eval.leave_out import leave_out_questions

    q1 = Question(id="q1", question="?", gold=["甲乙丙丁"], facts=["乙丙"], docs=["a.md"])
    q2 = Question(id="q2", question="?", gold=["戊己庚辛"], facts=["戊己"], docs=["b.md"])
    lo1, lo2 = leave_out_questions([q1, q2])
    rows = [
        score_question(q1, Answer(question="?", answer="甲乙丙丁。[1]", citations=[cite(1, "甲乙丙丁。")]),
                       [hit("甲乙丙丁。")], config="t"),
        score_question(q2, Answer(question="?", answer="戊己庚辛。[1]", citations=[cite(1, "戊己庚辛。")]),
                       [hit("戊己庚辛。")], config="t"),
        # another document says the same: answered, with the original's fact cited
        score_question(lo1, Answer(question="?", answer="乙丙也如此。[1]", citations=[cite(1, "乙丙也如此。")]),
                       [hit("乙丙也如此。")], config="t"),
        # answered from a sentence without the fact
        score_question(lo2, Answer(question="?", answer="子丑寅卯。[1]", citations=[cite(1, "子丑寅卯。")]),
                       [hit("子丑寅卯。")], config="t"),
    ]
    m = aggregate(rows)
    assert m["leave_out_rejection"] == 0.0
    assert m["leave_out_restated"] == 0.5


# --- gate ---------------------------------------------------------------------------------------

def test_check_gate_min_max_missing_and_boundaries() -> None:
    thresholds = {"min": {"hit_at_5": 0.97, "grounding": 0.999}, "max": {"false_rejection": 0.05}}
    assert check_gate({"hit_at_5": 0.97, "grounding": 1.0, "false_rejection": 0.05}, thresholds) == []
    failures = check_gate({"hit_at_5": 0.5, "grounding": None, "false_rejection": 0.2}, thresholds)
    assert [(f.metric, f.kind) for f in failures] == [("hit_at_5", "min"), ("grounding", "min"),
                                                      ("false_rejection", "max")]
    assert len(evaluate_gate({}, thresholds)) == 3


def test_thresholds_file_is_valid_and_strict(tmp_path: Path) -> None:
    thresholds = load_thresholds()
    assert set(thresholds["max"]) == {"false_rejection"}
    assert set(thresholds["min"]) == {"hit_at_5", "mrr_at_10", "citation_precision", "grounding", "negative_rejection",
                                      "english.hit_at_5", "english.mrr_at_10"}
    assert all(0.0 <= v <= 1.0 for table in thresholds.values() for v in table.values())
    bad = tmp_path / "bad.toml"
    bad.write_text("[minimum]\nhit_at_5 = 0.9\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_thresholds(bad)


def test_the_gate_checks_a_tag_of_its_own() -> None:
    from eval.gate import evaluate_gate, tag_metrics

    en = Question(id="e1", question="?", gold=["甲乙丙丁"], tags=["english"])
    zh = Question(id="z1", question="?", gold=["戊己庚辛"])
    rows = [score_question(en, Answer(question="?", answer="没有。", abstained=True), [hit("无关")], config="t"),
            score_question(zh, Answer(question="?", answer="戊己庚辛。[1]", citations=[cite(1, "戊己庚辛。")]),
                           [hit("戊己庚辛。")], config="t")]
    metrics = {**aggregate(rows), **tag_metrics(rows)}
    assert metrics["hit_at_5"] == 0.5 and metrics["english.hit_at_5"] == 0.0
    checks = evaluate_gate(metrics, {"min": {"hit_at_5": 0.5, "english.hit_at_5": 0.5}, "max": {}})
    assert [c.passed for c in checks] == [True, False]
