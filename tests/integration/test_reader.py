"""The reader (assistant/reader.py), its training (eval/train_reader.py) and how the selector uses it: the shipped
weights tell the sentence that answers from one on the same topic, only the top layers and the head are stored,
and the selector reads its ranker's first candidates only, the reader's score moving them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.features import NAMES
from assistant.reader import DEFAULT_READER, READ_LAYERS, Reader, cross_encoder
from assistant.selector import ANSWERABILITY, READER_COLUMNS, Linear, Reading, Selector, SelectorModel
from assistant.types import Hit, SentenceRecord
from eval.train_reader import train

pytestmark = pytest.mark.integration

# Written from the laws' texts for this test (none is a development question): the sentence that answers, and one
# of the same law on the same topic that does not.
CASES = [
    ("劳动合同的试用期最长不得超过多久？",
     "劳动合同法：劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，试用期不得超过"
     "二个月；三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月。",
     "劳动合同法：同一用人单位与同一劳动者只能约定一次试用期。"),
    ("饮酒后驾驶机动车会受到什么处罚？",
     "道路交通安全法：饮酒后驾驶机动车的，处暂扣六个月机动车驾驶证，并处一千元以上二千元以下罚款。",
     "道路交通安全法：机动车驾驶人应当遵守道路交通安全法律、法规的规定，按照操作规范安全驾驶、文明驾驶。"),
    ("法人作品的发表权保护期是多长时间？",
     "著作权法：法人或者非法人组织的作品、著作权（署名权除外）由法人或者非法人组织享有的职务作品，其发表权的保护期为"
     "五十年，截止于作品创作完成后第五十年的12月31日；",
     "著作权法：著作权人可以全部或者部分转让本条第一款第五项至第十七项规定的权利，并依照约定或者本法有关规定获得报酬。"),
]


@pytest.fixture(scope="module")
def reader(model_dir: Path) -> Reader:
    return Reader(str(model_dir), DEFAULT_READER)


def test_the_shipped_reader_prefers_the_sentence_that_answers(reader: Reader):
    for question, right, wrong in CASES:
        scores = reader(question, [right, wrong])
        assert scores[0] > scores[1], question


def test_only_the_top_layers_and_the_head_are_stored(model_dir: Path, tmp_path: Path):
    from safetensors.torch import load_file, save_file

    stored = load_file(str(DEFAULT_READER))
    layers = {int(name.split(".")[3]) for name in stored if name.startswith("bert.encoder.layer.")}
    assert layers == set(range(12 - READ_LAYERS, 12))
    assert {"head.weight", "head.bias"} <= set(stored)
    assert all(v.dtype.is_floating_point and v.element_size() == 2 for v in stored.values())  # fp16
    partial = tmp_path / "partial.safetensors"
    save_file({k: v for k, v in stored.items() if k != "head.bias"}, str(partial))
    with pytest.raises(ValueError, match="other weights"):
        cross_encoder(str(model_dir)).load_trained(partial)
    with pytest.raises(FileNotFoundError, match="train_reader"):
        Reader(str(model_dir), tmp_path / "missing.safetensors")


def test_training_moves_the_answering_sentence_up(model_dir: Path):
    net = cross_encoder(str(model_dir))
    trainable = {n for n, p in net.named_parameters() if p.requires_grad}
    assert trainable == set(net.trained_state())
    question, right, wrong = CASES[0]
    train(net, [(question, right, 1.0), (question, wrong, 0.0)] * 8, epochs=3, batch=4)
    net.eval()
    scores = net([question, question], [right, wrong]).detach().numpy()
    assert scores[0] > scores[1]


def law_hits(*texts_and_dense: tuple[str, float]) -> list[Hit]:
    out = []
    for i, (text, dense) in enumerate(texts_and_dense):
        title, sentence = text.split("：", 1)
        record = SentenceRecord(id=f"s{i}", doc=f"{title}.md", title=title, short_title=title, paragraph=0,
                                sentence=i, start=0, end=len(sentence), text=sentence)
        out.append(Hit(record=record, score=1.0 - i / 10, dense=dense, rank=i + 1))
    return out


def test_the_selector_reads_its_first_candidates_and_follows_the_reader(reader: Reader):
    question, right, wrong = CASES[1]
    other = "道路交通安全法：国家对机动车实行登记制度。"
    found = law_hits((wrong, 0.90), (right, 0.88), (other, 0.80))
    ranker = np.zeros(len(NAMES))
    ranker[NAMES.index("dense")] = 1.0  # by dense cosine alone: the wrong sentence first
    names = ANSWERABILITY + READER_COLUMNS
    answerable = np.zeros(len(names))
    answerable[names.index("read_top")] = 1.0
    plain = lambda n: (np.zeros(n), np.ones(n))  # noqa: E731
    model = SelectorModel(Linear(*plain(len(NAMES)), ranker), Linear(*plain(len(names)), answerable), 0.1,
                          Reading(weight=5.0, top=2))
    with pytest.raises(ValueError, match="reader"):
        Selector(model, lambda word: True)
    selector = Selector(model, lambda word: True, reader=reader)
    read = selector.read(question, found, selector.features(question, found))
    assert not np.isnan(read[:2]).any() and np.isnan(read[2])  # the third is not read
    ranked = selector.rank(question, found)
    assert ranked[0].record.text == right.split("：", 1)[1]
    without = Selector(SelectorModel(model.ranker, Linear(*plain(len(ANSWERABILITY)), np.zeros(len(ANSWERABILITY))),
                                     0.1), lambda word: True)
    assert without.rank(question, found)[0].record.text == wrong.split("：", 1)[1]


def test_scores_are_remembered_and_each_passage_read_once(reader: Reader):
    from assistant import reader as module

    module.forget_readings()
    question, right, wrong = CASES[0]
    first = reader(question, [right, wrong, right])
    assert first[0] == first[2] and len(module._READ) == 2
    assert np.array_equal(reader(question, [wrong, right]), first[[1, 0]])
    assert len(module._READ) == 2


def test_a_question_as_long_as_the_guard_allows_is_read(reader: Reader):
    from settings import Settings

    question = ("试用期" * 200)[:Settings().max_question_chars]
    scores = reader(question, [CASES[0][1], CASES[0][2]])
    assert scores.shape == (2,) and np.isfinite(scores).all()
