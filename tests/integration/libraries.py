"""A small library of a test's own documents, indexed with the real model, for the answering tests."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant
from index.build import build_index
from settings import Settings


def library_of(tmp_path_factory: pytest.TempPathFactory, model_dir: Path, name: str, files: dict[str, str],
               **settings: Any) -> Assistant:
    """An assistant over `files` (path relative to the library folder -> Markdown text); every file indexed."""
    seeds = tmp_path_factory.mktemp(name)
    for rel, text in files.items():
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        (seeds / rel).write_text(text, encoding="utf-8")
    built = Settings(data_dir=tmp_path_factory.mktemp(f"{name}-data"), seeds_dir=seeds,
                     embedding_model=str(model_dir), **settings)
    assert build_index(built).skipped == []
    return Assistant.from_settings(built)
