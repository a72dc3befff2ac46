"""The order the assistant returns its hits in (Selector.rerank): the ranker's, except that the fused best
keeps its place unless the ranker rates another at least LEAD_ODDS times as likely."""
import numpy as np
import pytest

from assistant.abstain import AbstentionPolicy
from assistant.answerer import ExtractiveAnswerer
from assistant.features import NAMES
from assistant.records import Records
from assistant.selector import ANSWERABILITY, LEAD_ODDS, Linear, Selector, SelectorModel
from assistant.types import Hit, SentenceRecord
from tests.unit.catalogue import make_library


def model(dense_weight: float) -> SelectorModel:
    """A ranker that scores by dense cosine alone, and an answerability model that is always sure."""
    ranker = np.zeros(len(NAMES))
    ranker[NAMES.index("dense")] = dense_weight
    answerable = np.zeros(len(ANSWERABILITY))
    answerable[0] = 30.0
    plain = lambda n: (np.zeros(n), np.ones(n))  # noqa: E731
    return SelectorModel(Linear(*plain(len(NAMES)), ranker), Linear(*plain(len(ANSWERABILITY)), answerable), 0.1)


def hits(*dense: float) -> list[Hit]:
    out = []
    for i, d in enumerate(dense):
        text = f"第{i}句话的内容。"
        record = SentenceRecord(id=f"s{i}", doc="d.txt", title="d", paragraph=0, sentence=i, start=0,
                                end=len(text), text=text)
        out.append(Hit(record=record, score=1.0 - i / 10, dense=d, rank=i + 1))
    return out


def order(selector: Selector, found: list[Hit]) -> list[str]:
    return [h.record.id for h in selector.rerank("问题是什么？", found)]


def test_the_fused_best_stays_first_unless_the_ranker_is_much_surer_of_another() -> None:
    found = hits(0.80, 0.90, 0.70, 0.85)
    # weight 10: s1 is e^1 (2.7) times as likely as s0, under LEAD_ODDS; the rest follow the ranker
    assert LEAD_ODDS > np.e
    assert order(Selector(model(10.0), lambda w: True), found) == ["s0", "s1", "s3", "s2"]
    # weight 30: e^3 (20) times as likely: s1 leads
    assert order(Selector(model(30.0), lambda w: True), found) == ["s1", "s3", "s0", "s2"]


def test_without_a_trained_model_the_fused_order_is_kept() -> None:
    found = hits(0.80, 0.90, 0.70)
    assert order(Selector(None, lambda w: True), found) == ["s0", "s1", "s2"]


@pytest.mark.parametrize("weight", [10.0, 30.0])
def test_ranking_twice_changes_nothing(weight: float) -> None:
    selector = Selector(model(weight), lambda w: True)
    once = selector.rerank("问题是什么？", hits(0.80, 0.90, 0.70, 0.85))
    assert [h.record.id for h in selector.rank("问题是什么？", once)] == \
        [h.record.id for h in selector.rank("问题是什么？", hits(0.80, 0.90, 0.70, 0.85))]


def test_an_english_question_is_compared_by_the_chinese_terms_it_was_searched_with() -> None:
    """Coverage features of an English question count the Chinese terms searched besides it ('also'): without
    them every Chinese sentence covers none of its words."""
    record = SentenceRecord(id="s0", doc="d.txt", title="d", paragraph=0, sentence=0, start=0, end=13,
                            text="试用期最长不得超过六个月。")
    other = record.model_copy(update={"id": "s1", "text": "劳动者应当遵守劳动纪律。"})
    found = [Hit(record=record, score=1.0, dense=0.8, rank=1), Hit(record=other, score=0.9, dense=0.8, rank=2)]
    selector = Selector(None, lambda w: True)
    column = NAMES.index("cover_sentence")
    question = "How long may the probation period be?"
    assert list(selector.features(question, found)[:, column]) == [0.0, 0.0]
    covered = selector.features(question, found, also="试用期 最长")[:, column]
    assert covered[0] > covered[1]


@pytest.mark.parametrize("weight, quoted", [(10.0, 0), (30.0, 1)])
def test_the_answer_quotes_the_first_hit_shown(tmp_path, weight: float, quoted: int) -> None:
    """The answerer quotes the hit the assistant shows first (Selector.rerank), not the ranker's favourite
    whenever it differs: s1 is quoted only once the ranker rates it LEAD_ODDS times as likely as s0."""
    lines = [(0, "", "第一条 单位应当为职工办理登记。"), (1, "", "第二条 职工可以查询本人的登记信息。")]
    records = Records(make_library(tmp_path, {"条例.md": lines}))
    answerer = ExtractiveAnswerer(records, lambda w: True,
                                  AbstentionPolicy(min_dense=0.0, min_coverage=0.0, min_z=0.0),
                                  Selector(model(weight), lambda w: True), max_sentences=1)
    doc = records.library.by_path("条例.md")
    found = [Hit(record=records.record(records.library.span(doc.id, n, n)[0]), score=1.0 - n / 10, dense=d,
                 rank=n + 1) for n, d in ((0, 0.80), (1, 0.90))]
    answer = answerer.answer("登记怎么办理？", found)
    assert [c.text for c in answer.citations] == [lines[quoted][2]]


def test_a_kept_ranker_gives_features_it_was_not_trained_on_no_weight() -> None:
    import numpy as np

    from assistant.features import NAMES
    from assistant.selector import Linear
    from eval.train_selector import padded

    old = [n for n in NAMES if n != "doc_rank"]
    ranker = Linear(np.arange(len(old), dtype=float), np.full(len(old), 2.0), np.linspace(-1, 1, len(old)))
    wide = padded(ranker, old)
    x_old = np.random.default_rng(0).standard_normal((5, len(old)))
    x_new = np.insert(x_old, NAMES.index("doc_rank"), 7.0, axis=1)  # any value: it must not count
    assert np.allclose(wide(x_new), ranker(x_old))
    assert wide.coef[NAMES.index("doc_rank")] == 0.0
