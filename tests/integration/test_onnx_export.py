"""The ONNX export on a tiny random BERT: same vectors as sentence-transformers, once, atomically.

A two-layer model with random weights and a character vocabulary goes through the same
torch export and int8 quantisation as the real model, in seconds; the real model's
fidelity is checked in ``test_onnx_fidelity``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from index.onnx_embed import OnnxEmbeddings, onnxruntime_runner
from index.onnx_model import FP32, FP32_EMB8, INT8, MARKER, export_onnx

pytestmark = pytest.mark.integration

CHARS = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你")
TEXTS = ["中国人", "我们在这里", "他有一个大国", "你也可以来", "对于生成的作用", "地上"]


def _tiny_model(folder: Path) -> Path:
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    vocab = ["<s>", "<pad>", "</s>", "<unk>", *CHARS]
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=1)
    BertModel(config).save_pretrained(str(folder))
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(vocab)}, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
        "pad_token": "<pad>", "model_max_length": 64}))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 64, "do_lower_case": False}))
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
               {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": 32, "pooling_mode_mean_tokens": True}))
    (folder / "2_Normalize").mkdir()
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("tiny") / "tiny-bert")


def _stamp(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_export_reproduces_sentence_transformers(tiny: Path, tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer

    out = export_onnx(tiny, tmp_path / "tiny-onnx")
    reference = SentenceTransformer(str(tiny), device="cpu").encode(TEXTS, normalize_embeddings=True)
    for graph, floor in ((FP32, 0.9999), (FP32_EMB8, 0.999), (INT8, 0.9)):
        got = OnnxEmbeddings(out, onnxruntime_runner(out / graph, 1), "", "", batch_size=4).encode(TEXTS)
        cosines = (got * reference).sum(1)
        assert cosines.min() >= floor, (graph, cosines)
    assert json.loads((out / MARKER).read_text())["files"] == sorted(
        [FP32, FP32_EMB8, INT8, "sentence_bert_config.json", "tokenizer.json"])


def test_second_export_does_nothing(tiny: Path, tmp_path: Path) -> None:
    out = export_onnx(tiny, tmp_path / "tiny-onnx")
    before = _stamp(out)
    assert export_onnx(tiny, out) == out
    assert _stamp(out) == before  # same files, not rewritten
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_interrupted_export_is_redone(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "tiny-onnx"
    out.mkdir()
    (out / FP32).write_bytes(b"half a graph")  # a run killed before the marker was written
    export_onnx(tiny, out)
    assert (out / MARKER).is_file() and (out / FP32).stat().st_size > 1000
    runner = onnxruntime_runner(out / FP32, 1)
    assert runner(np.array([[0, 5, 2]]), np.array([[1, 1, 1]])).shape == (1, 32)


def test_a_changed_model_is_exported_again(tiny: Path, tmp_path: Path) -> None:
    import shutil

    model = shutil.copytree(tiny, tmp_path / "copy")
    out = export_onnx(model, tmp_path / "copy-onnx")
    first = (out / FP32).read_bytes()
    from safetensors.numpy import load_file, save_file

    weights = load_file(str(model / "model.safetensors"))
    name = next(k for k in weights if k.endswith("word_embeddings.weight"))
    weights[name] = weights[name] * 2
    save_file(weights, str(model / "model.safetensors"), metadata={"format": "pt"})
    os.utime(model / "model.safetensors")
    export_onnx(model, out)
    assert (out / FP32).read_bytes() != first
