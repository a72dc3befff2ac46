"""The HNSW search effort (`hnsw_ef_search`) reaches the real Chroma collection: set when it is created,
brought to the configured value when an existing collection is opened, and searches still find each record."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index.records import SentenceRow
from index.store import VectorStore, open_client
from settings import Settings

pytestmark = pytest.mark.integration


def ef_of(store: VectorStore) -> int | None:
    return (store.collection.configuration or {}).get("hnsw", {}).get("ef_search")


def rows(n: int) -> list[SentenceRow]:
    return [SentenceRow(row=i, id=f"v-{i:05d}", doc=1, version="v", n=i, start=0, end=2, paragraph=0, text=f"句{i}",
                        heading=0, section="", chapter="", article="", article_no=0, item="", list_head="", page=0)
            for i in range(n)]


def test_the_configured_effort_is_set_at_creation_and_on_every_open(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    client = open_client(settings)
    created = VectorStore(client, "effort", "m", ef_search=300)
    assert ef_of(created) == 300
    vectors = np.random.default_rng(0).normal(size=(600, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    created.upsert(rows(600), vectors)

    reopened = VectorStore(client, "effort", "m", create=False, ef_search=700)
    assert ef_of(reopened) == 700
    assert ef_of(VectorStore(client, "effort", "m", create=False)) == 700  # no value asked: the stored one stays
    found = [reopened.nearest(vectors[i], 1)[0][0] for i in range(0, 600, 37)]
    assert found == [f"v-{i:05d}" for i in range(0, 600, 37)]


def test_the_assistant_opens_its_store_with_the_settings_effort(tmp_path: Path, seed_settings: Settings) -> None:
    from assistant.wiring import open_store

    shutil.copytree(seed_settings.data_dir, tmp_path / "data", ignore=shutil.ignore_patterns("models"))
    private = seed_settings.model_copy(update={"data_dir": tmp_path / "data"})  # the shared seed index stays as it is
    store = open_store(private.model_copy(update={"hnsw_ef_search": 123}))
    assert store is not None and ef_of(store) == 123
    assert ef_of(open_store(private)) == Settings.model_fields["hnsw_ef_search"].default
