"""Load seed files: every readable UTF-8 text file is a document; the rest are skipped by name."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from .types import SkippedDoc, SourceDoc

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")


def _candidates(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, the folder its name is relative to) for each file under the given paths."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            found += [(f, path) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in SUFFIXES]
        elif path.is_file():
            found.append((path, path.parent))
        else:
            log.warning("Seed path %s does not exist; skipped", path)
    return found


def read_doc(path: Path, root: Path) -> SourceDoc | SkippedDoc:
    """Decode one file, or say why it cannot be indexed."""
    name = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SkippedDoc(name, f"cannot be read ({exc.strerror})")
    if b"\x00" in data[:8192]:
        return SkippedDoc(name, "looks binary (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SkippedDoc(name, f"is not UTF-8 (bad byte at offset {exc.start})")
    if not text.strip("\ufeff \t\r\n"):
        return SkippedDoc(name, "is empty")
    return SourceDoc(path=path, name=name, text=text)


def load_seeds(paths: Iterable[Path]) -> tuple[list[SourceDoc], list[SkippedDoc]]:
    """All indexable documents under `paths`, and the files skipped with a warning naming each."""
    docs: list[SourceDoc] = []
    skipped: list[SkippedDoc] = []
    for path, root in _candidates(paths):
        result = read_doc(path, root)
        if isinstance(result, SkippedDoc):
            log.warning("Skipped seed file %s: it %s", result.name, result.reason)
            skipped.append(result)
        else:
            docs.append(result)
    return docs, skipped
