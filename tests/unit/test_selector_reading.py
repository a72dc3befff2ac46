"""The selector's use of the reader's scores (assistant/selector.py) and the training side's bookkeeping
(eval/train_reader.py, eval/train_selector.py): weights round-trip with their reading, scores the reader did not
give fill in at its lowest, cross-fitted scores are looked up for the ranker's first candidates only, and a question
and its leave-out copy train in the same half."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.features import NAMES
from assistant.selector import ANSWERABILITY, READER_COLUMNS, Linear, Reading, SelectorModel, filled
from eval.train_reader import half, training_pairs
from eval.train_selector import crossfit_reads


def plain(coef: np.ndarray) -> Linear:
    return Linear(np.zeros(len(coef)), np.ones(len(coef)), coef)


def reading_model(read_top_weight: float = 1.0) -> SelectorModel:
    names = ANSWERABILITY + READER_COLUMNS
    answerable = np.zeros(len(names))
    answerable[names.index("read_top")] = read_top_weight
    ranker = np.zeros(len(NAMES))
    ranker[NAMES.index("dense")] = 1.0
    return SelectorModel(plain(ranker), plain(answerable), 0.3, Reading(weight=2.0, top=3))


def test_weights_round_trip_with_their_reading(tmp_path: Path):
    path = tmp_path / "selector.json"
    reading_model().save(path)
    loaded = SelectorModel.load(path)
    assert loaded is not None and loaded.reading == Reading(weight=2.0, top=3)
    assert loaded.answerability[-2:] == READER_COLUMNS
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reading"] = None  # reader columns without a reader: not usable
    path.write_text(json.dumps(data), encoding="utf-8")
    assert SelectorModel.load(path) is None


def test_the_reader_moves_the_order_and_the_answerability():
    model = reading_model()
    x = np.zeros((3, len(NAMES)))
    x[:, NAMES.index("dense")] = [0.9, 0.8, 0.7]
    agrees = np.eye(3, dtype=bool)  # no candidate agrees with another
    with pytest.raises(ValueError, match="reader"):
        model.score(x, agrees)
    share, sure = model.score(x, agrees, np.array([-3.0, 2.0, np.nan]))
    assert int(np.argmax(share)) == 1  # 0.8 + 2 * 2.0 beats 0.9 + 2 * -3.0
    _share, unsure = model.score(x, agrees, np.array([-3.0, -2.0, np.nan]))
    assert sure > 0.8 > unsure


def test_reading_for_the_order_only_leaves_the_answerability_as_without_the_reader(tmp_path: Path):
    ranker = np.zeros(len(NAMES))
    ranker[NAMES.index("dense")] = 1.0
    answerable = np.zeros(len(ANSWERABILITY))
    answerable[ANSWERABILITY.index("top_dense")] = 3.0
    plain_model = SelectorModel(plain(ranker), plain(answerable), 0.3)
    ordering = SelectorModel(plain(ranker), plain(answerable), 0.3, Reading(weight=2.0, top=3, answerability=False))
    assert ordering.answerability == ANSWERABILITY
    x = np.zeros((3, len(NAMES)))
    x[:, NAMES.index("dense")] = [0.9, 0.8, 0.7]
    agrees = np.eye(3, dtype=bool)
    share, p = ordering.score(x, agrees, np.array([-3.0, 2.0, np.nan]))
    assert int(np.argmax(share)) == 1 and p == plain_model.score(x, agrees)[1]
    path = tmp_path / "selector.json"
    ordering.save(path)
    loaded = SelectorModel.load(path)
    assert loaded.reading == ordering.reading and loaded.score(x, agrees, np.array([-3.0, 2.0, np.nan]))[1] == p


def test_unread_candidates_take_the_lowest_score_read():
    assert filled(np.array([1.5, np.nan, -0.5])).tolist() == [1.5, -0.5, -0.5]


def test_cross_fitted_scores_are_taken_for_the_rankers_first_candidates(tmp_path: Path):
    class Record:
        def __init__(self, i: int):
            self.id = f"s{i}"

    class Found:
        def __init__(self, i: int):
            self.record = Record(i)

    path = tmp_path / "crossfit.json"
    path.write_text(json.dumps({"top": 10, "scores": {"laws-subset|q1-lo": {"s0": 1.0, "s1": 2.0, "s2": 3.0}}}),
                    encoding="utf-8")
    ranker = np.zeros(len(NAMES))
    ranker[NAMES.index("dense")] = 1.0
    x = np.zeros((3, len(NAMES)))
    x[:, NAMES.index("dense")] = [0.2, 0.9, 0.5]
    reads = crossfit_reads(path, "laws-subset", plain(ranker), top=2)
    read = reads("q1-lo", [Found(i) for i in range(3)], x)
    assert np.isnan(read[0]) and read[1:].tolist() == [2.0, 3.0]
    with pytest.raises(SystemExit, match="train_reader"):
        reads("q2", [Found(0)], x[:1])


def test_a_question_and_its_leave_out_copy_train_in_one_half():
    ids = [f"laws-dev-{i:03d}" for i in range(40)]
    assert all(half(i) == half(f"{i}-lo") for i in ids)
    assert {half(i) for i in ids} == {0, 1}


def test_training_pairs_take_gold_best_others_and_left_out_copies():
    class Record:
        def __init__(self, text):
            self.text, self.title, self.short_title = text, "某法", "某法"

    class Found:
        def __init__(self, text):
            self.record = Record(text)

    found = [Found(t) for t in "甲乙丙丁"]
    y = np.array([0.0, 1.0, 0.0, 0.0])
    scores = np.array([3.0, 2.0, 1.0, 0.0])
    answerable = (None, "问", found, (None, y, True, None), scores)
    left_out = (None, "问", found, (None, np.zeros(4), False, None), scores)
    pairs = training_pairs([answerable, left_out], negatives=2, left_out=1)
    assert pairs == [("问", "某法：乙", 1.0), ("问", "某法：甲", 0.0), ("问", "某法：丙", 0.0), ("问", "某法：甲", 0.0)]
