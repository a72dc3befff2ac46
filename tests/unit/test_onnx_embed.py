"""The onnxruntime embedder on a tiny hand-built graph: batching, order, prefixes, truncation, threads.

The graph looks every token up in a small table, averages over the attention mask and
normalises, like the exported model does; the tokenizer is a real `tokenizers` word-level
one. Nothing here needs the real model.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from index.onnx_embed import OnnxEmbeddings, onnxruntime_runner, padded_batches

VOCAB = ["<s>", "<pad>", "</s>", "<unk>", "q:", "p:", *"甲乙丙丁戊己庚辛壬癸"]
DIM = 8


def _write_tokenizer(folder: Path, max_tokens: int) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(VOCAB)}, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": max_tokens}))


def _write_graph(path: Path, table: np.ndarray) -> None:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Gather", ["table", "input_ids"], ["tok"]),
        helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["m", "axis2"], ["m3"]),
        helper.make_node("Mul", ["tok", "m3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["m3", "axis1"], ["count"], keepdims=0),
        helper.make_node("Div", ["summed", "count"], ["mean"]),
        helper.make_node("LpNormalization", ["mean"], ["embedding"], axis=1, p=2),
    ]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["b", DIM])],
        initializer=[numpy_helper.from_array(table, "table"),
                     numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
                     numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1")],
    )
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    folder = tmp_path_factory.mktemp("tiny-onnx")
    table = np.random.default_rng(0).normal(size=(len(VOCAB), DIM)).astype(np.float32)
    _write_tokenizer(folder, max_tokens=6)
    _write_graph(folder / "model.onnx", table)
    return folder, table


def expected(table: np.ndarray, text: str, max_words: int = 4) -> np.ndarray:
    """What the graph should give: mean of <s>, the first words (truncated) and </s>, normalised."""
    ids = [0, *[VOCAB.index(w) for w in text.split()][:max_words], 2]
    v = table[ids].mean(0)
    return v / np.linalg.norm(v)


def embedder(tiny: tuple[Path, np.ndarray], batch_size: int = 2) -> OnnxEmbeddings:
    folder, _ = tiny
    return OnnxEmbeddings(folder, onnxruntime_runner(folder / "model.onnx", 1), "q: ", "p: ", batch_size)


def test_batches_are_length_sorted_padded_and_masked() -> None:
    ids = [[0, 5, 6, 2], [0, 2], [0, 7, 2], [0, 8, 9, 10, 11, 2]]
    batches = list(padded_batches(ids, batch_size=2))
    assert [b[0] for b in batches] == [[1, 2], [0, 3]]
    _, input_ids, mask = batches[0]
    assert input_ids.tolist() == [[0, 2, 1], [0, 7, 2]]
    assert mask.tolist() == [[1, 1, 0], [1, 1, 1]]
    assert batches[1][1].shape == (2, 6) and batches[1][2].sum() == 10


def test_vectors_come_back_in_input_order_across_batches(tiny) -> None:
    texts = ["甲 乙 丙", "丁", "戊 己", "庚 辛 壬 癸", "甲", "乙 丙"]
    got = np.array(embedder(tiny).embed_documents(texts))
    want = np.array([expected(tiny[1], "p: " + t) for t in texts])
    assert got.shape == (6, DIM)
    np.testing.assert_allclose(got, want, atol=1e-6)


def test_query_and_passage_prefixes_differ(tiny) -> None:
    e = embedder(tiny)
    np.testing.assert_allclose(e.embed_query("甲 乙"), expected(tiny[1], "q: 甲 乙"), atol=1e-6)
    assert not np.allclose(e.embed_query("甲 乙"), e.embed_documents(["甲 乙"])[0])


def test_long_texts_are_truncated_at_the_folders_max_length(tiny) -> None:
    e = embedder(tiny)
    long = "甲 乙 丙 丁 戊 己 庚 辛"  # "p:" + 8 words: cut to 4 words between <s> and </s>
    np.testing.assert_allclose(e.embed_documents([long])[0], expected(tiny[1], "p: " + long), atol=1e-6)
    np.testing.assert_allclose(e.embed_documents([long])[0], e.embed_documents(["甲 乙 丙 丁"])[0], atol=1e-6)


def test_empty_input_and_unknown_words(tiny) -> None:
    e = embedder(tiny)
    assert e.embed_documents([]) == []
    np.testing.assert_allclose(e.embed_query("未知"), expected(tiny[1], "q: <unk>"), atol=1e-6)


def test_one_instance_serves_concurrent_threads(tiny) -> None:
    e = embedder(tiny, batch_size=3)
    jobs = [["甲 乙", "丙", "丁 戊 己"][i % 3:] + ["庚"] * (i % 4) for i in range(40)]
    serial = [e.embed_documents(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(e.embed_documents, jobs))
    for a, b in zip(serial, parallel):
        np.testing.assert_allclose(a, b, atol=1e-7)
