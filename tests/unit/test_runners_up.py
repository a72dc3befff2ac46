"""Close runners-up quoted beside the best sentence come from its document (ExtractiveAnswerer._chosen over a real
catalogue): a sentence of another law that shares a word of the question is another law's rule, not more of
the answer."""
from pathlib import Path

from assistant.abstain import AbstentionPolicy
from assistant.answerer import ExtractiveAnswerer
from assistant.records import Records
from assistant.selector import Selector
from assistant.types import Hit
from tests.unit.catalogue import make_library

WORK_INJURY = [(0, "", "职工因工死亡，其近亲属按照下列规定从工伤保险基金领取丧葬补助金。"),
               (1, "", "丧葬补助金为6个月的统筹地区上年度职工月平均工资。")]
UNEMPLOYMENT = [(0, "", "失业人员在领取失业保险金期间死亡的，向其遗属发给一次性丧葬补助金和抚恤金。")]


def answerer(tmp_path: Path) -> ExtractiveAnswerer:
    records = Records(make_library(tmp_path, {"工伤保险条例.md": WORK_INJURY, "失业保险条例.md": UNEMPLOYMENT}))
    return ExtractiveAnswerer(records, lambda w: True, AbstentionPolicy(min_dense=0.0, min_coverage=0.0, min_z=0.0),
                              Selector(None, lambda w: True))


def hit(a: ExtractiveAnswerer, path: str, n: int, probability: float) -> Hit:
    doc = a.records.library.by_path(path)
    record = a.records.record(a.records.library.span(doc.id, n, n)[0])
    return Hit(record=record, score=probability, probability=probability, rank=1)


def test_a_close_runner_up_of_another_document_is_not_quoted(tmp_path: Path) -> None:
    a = answerer(tmp_path)
    best = hit(a, "工伤保险条例.md", 1, 0.40)
    other_law = hit(a, "失业保险条例.md", 0, 0.38)  # close, and holds 死亡, a word of the question the best lacks
    same_law = hit(a, "工伤保险条例.md", 0, 0.36)
    quoted = [h.record.text for h in a._chosen("职工因工死亡，丧葬补助金发多少？", [best, other_law, same_law])]
    assert quoted == [WORK_INJURY[0][2], WORK_INJURY[1][2]]
    assert UNEMPLOYMENT[0][2] not in quoted


TALENT = [(0, "", "健全“蓉城人才绿卡”体系，集成提供政务、商务、医疗、教育等优质服务。"),
          (1, "", "实施人才安居工程，加快建设人力资源服务产业园。")]


def test_a_list_question_quotes_a_runner_up_rated_well_below_the_best(tmp_path: Path) -> None:
    """"有哪些举措？" over prose: the measures spread over sentences, so a runner-up the selector rates at
    LIST_SHARE of the best (not KEEP_SHARE) is quoted too when it holds a word of the question the best lacks."""
    records = Records(make_library(tmp_path, {"人才.md": TALENT}))
    a = ExtractiveAnswerer(records, lambda w: True, AbstentionPolicy(min_dense=0.0, min_coverage=0.0, min_z=0.0),
                           Selector(None, lambda w: True))
    best, runner_up = hit(a, "人才.md", 0, 0.50), hit(a, "人才.md", 1, 0.25)  # half the best: under KEEP_SHARE
    listed = [h.record.text for h in a._chosen("为了留住人才，在服务和安居上有哪些举措？", [best, runner_up])]
    assert listed == [TALENT[0][2], TALENT[1][2]]
    single = [h.record.text for h in a._chosen("在服务和安居上靠什么留住人才？", [best, runner_up])]
    assert single == [TALENT[0][2]]
