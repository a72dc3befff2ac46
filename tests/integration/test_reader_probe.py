"""The reader probe's cross-encoder (eval/reader_probe.py): adapters start as the identity, only they and the
score head train, and a few steps on a toy pair move the scores the right way."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from eval.reader_probe import ADAPTED_LAYERS, build_reader, training_pairs, train

pytestmark = pytest.mark.integration


def test_adapters_start_as_the_frozen_layer_and_alone_train(model_dir: Path):
    import torch

    reader, low_rank = build_reader(str(model_dir))
    adapters = [m for m in reader.modules() if isinstance(m, low_rank)]
    assert len(adapters) == 5 * ADAPTED_LAYERS
    x = torch.randn(3, adapters[0].base.in_features)
    assert torch.allclose(adapters[0](x), adapters[0].base(x))
    trainable = {n.split(".")[-1] for n, p in reader.named_parameters() if p.requires_grad}
    assert trainable == {"down", "up", "weight", "bias"}  # weight and bias: the score head's only
    frozen = sum(p.numel() for p in reader.parameters() if not p.requires_grad)
    assert sum(p.numel() for p in reader.parameters() if p.requires_grad) < frozen / 100


def test_training_moves_the_answering_sentence_up(model_dir: Path):
    reader, _ = build_reader(str(model_dir))
    question = "试用期最长多久？"
    right, wrong = "劳动合同法：试用期最长不得超过六个月。", "劳动合同法：用人单位应当建立职工名册备查。"
    pairs = [(question, right, 1.0), (question, wrong, 0.0)] * 8
    train(reader, pairs, epochs=3, batch=4)
    reader.eval()
    scores = reader([question, question], [right, wrong]).detach().numpy()
    assert scores[0] > scores[1]


def test_training_pairs_take_gold_best_others_and_left_out_copies():
    class Record:
        def __init__(self, text):
            self.text, self.title, self.short_title = text, "某法", "某法"

    class Hit:
        def __init__(self, text):
            self.record = Record(text)

    hits = [Hit(t) for t in "甲乙丙丁"]
    y = np.array([0.0, 1.0, 0.0, 0.0])
    scores = np.array([3.0, 2.0, 1.0, 0.0])
    answerable = (None, "问", hits, (None, y, True, None), scores)
    left_out = (None, "问", hits, (None, np.zeros(4), False, None), scores)
    pairs = training_pairs([answerable, left_out], negatives=2, left_out=1)
    assert pairs == [("问", "某法：乙", 1.0), ("问", "某法：甲", 0.0), ("问", "某法：丙", 0.0), ("问", "某法：甲", 0.0)]
