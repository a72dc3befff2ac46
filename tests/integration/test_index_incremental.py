"""Incremental indexing with the real model, a real Chroma store and the catalogue in a temporary folder.

The tests run in file order over one seeds folder (a copy of the seed document plus a
small document of our own), each one changing it and building again, so every build
after the first goes through the incremental path.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import MODEL, ROOT
from index.build import build_index
from index.embed import model_label
from index.generation import current_name, load_generation
from index.library import Library
from index.store import VectorStore, open_client
from settings import Settings

pytestmark = pytest.mark.integration

SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
SMALL = "small.txt"
SMALL_TEXT = (
    "人才工作测试文档\n"
    "一、测试章节\n"
    "第一句讲人才引进的做法。第二句讲人才培养的要求。\n"
    "第三句讲人才评价的标准。第四句讲人才服务的保障。\n"
)
OLD_SENTENCE, NEW_SENTENCE = "第二句讲人才培养的要求。", "第二句讲青年人才培养的具体要求和办法。"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> dict:
    seeds = tmp_path_factory.mktemp("seeds")
    data = tmp_path_factory.mktemp("data")
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / SMALL).write_text(SMALL_TEXT, encoding="utf-8")
    settings = Settings(data_dir=data, seeds_dir=seeds, embedding_model=str(model_dir))
    return {"seeds": seeds, "data": data, "settings": settings, "ids": {}}


def stored(settings: Settings) -> dict[str, dict]:
    """Every record in the vector store: id -> {text, meta, vector}."""
    store = VectorStore(open_client(settings), settings.collection, model_label(settings), create=False)
    got = store.collection.get(include=["documents", "metadatas", "embeddings"])
    return {i: {"text": t, "meta": m, "vector": np.asarray(v, dtype=np.float32)}
            for i, t, m, v in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])}


def visible(settings: Settings) -> dict[str, dict]:
    """Every sentence the catalogue serves: id -> {text, doc path, start, end}."""
    lib = Library(settings.library_file, readonly=True)
    docs = {d.id: lib.document(d.id, with_text=True) for d in lib.documents("status = 'indexed'")}
    out = {}
    for doc in docs.values():
        for r in lib.version_rows(doc.version):
            assert doc.text[r.start:r.end] == r.text  # offsets index the stored text exactly
            out[r.id] = {"text": r.text, "doc": doc.path, "row": r.row}
    return out


def assert_consistent(settings: Settings) -> None:
    """Vector store, catalogue and lexical index hold exactly the same sentences."""
    records, sentences = stored(settings), visible(settings)
    assert set(records) == set(sentences)
    assert all(records[i]["text"] == s["text"] for i, s in sentences.items())
    gen = load_generation(settings.index_dir)
    live = np.concatenate([np.asarray(s.sid)[m] for s, m in zip(gen.segments, gen.live)]) if gen.segments else []
    assert sorted(int(x) for x in live) == sorted(s["row"] for s in sentences.values())


def test_first_build_embeds_every_sentence(env: dict) -> None:
    report = build_index(env["settings"])
    assert sorted(report.updated) == [SEED.name, SMALL]
    assert report.unchanged == [] and report.removed == [] and report.skipped == []
    sentences = visible(env["settings"])
    assert report.sentences == len(sentences) == report.vectors and report.verified
    assert report.embedded == len({(s["doc"], s["text"]) for s in sentences.values()})
    assert report.documents == 2
    assert_consistent(env["settings"])
    assert json.loads(env["settings"].build_record.read_text(encoding="utf-8"))["sentences"] == report.sentences
    env["ids"]["first"] = stored(env["settings"])


def test_second_build_embeds_nothing_and_changes_nothing(env: dict) -> None:
    generation = current_name(env["settings"].index_dir)
    report = build_index(env["settings"])
    assert report.embedded == 0 and report.updated == []
    assert sorted(report.unchanged) == [SEED.name, SMALL]
    assert current_name(env["settings"].index_dir) == generation  # no new generation either
    after, before = stored(env["settings"]), env["ids"]["first"]
    assert set(after) == set(before)
    assert all(np.allclose(after[i]["vector"], before[i]["vector"]) for i in before)


def test_editing_one_sentence_re_embeds_only_that_sentence(env: dict) -> None:
    before_visible = visible(env["settings"])
    seed_ids = {i for i, s in before_visible.items() if s["doc"] == SEED.name}
    path = env["seeds"] / SMALL
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    report = build_index(env["settings"])
    assert report.embedded == 1
    assert report.updated == [SMALL] and report.unchanged == [SEED.name]
    after = stored(env["settings"])
    assert seed_ids <= set(after)  # the other document's ids did not move
    small = {s["text"]: i for i, s in visible(env["settings"]).items() if s["doc"] == SMALL}
    assert NEW_SENTENCE in small and OLD_SENTENCE not in small
    first = env["ids"]["first"]
    old_vectors = {first[i]["text"]: first[i]["vector"] for i, s in before_visible.items() if s["doc"] == SMALL}
    for text, i in small.items():
        if text in old_vectors:  # unchanged sentences reuse their vectors
            assert np.allclose(after[i]["vector"], old_vectors[text])
    assert len(after) == len(first)
    assert_consistent(env["settings"])


def test_deleting_a_file_removes_its_sentences(env: dict) -> None:
    before = visible(env["settings"])
    small_count = sum(s["doc"] == SMALL for s in before.values())
    assert small_count > 0
    (env["seeds"] / SMALL).unlink()
    report = build_index(env["settings"])
    assert report.removed == [SMALL] and report.embedded == 0
    after = visible(env["settings"])
    assert len(after) == len(before) - small_count == report.sentences == report.vectors
    assert {s["doc"] for s in after.values()} == {SEED.name} and report.documents == 1
    assert_consistent(env["settings"])


def test_broken_files_are_skipped_by_name_while_others_index(env: dict) -> None:
    (env["seeds"] / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip" * 10)
    (env["seeds"] / "notes.xyz").write_text("不支持的格式", encoding="utf-8")
    (env["seeds"] / "gbk.txt").write_bytes("成都市人才工作要坚持党管人才原则。".encode("gbk"))
    (env["seeds"] / "third.txt").write_text("第三份文档只有一句话。", encoding="utf-8")
    report = build_index(env["settings"])
    assert sorted(line.split(":")[0] for line in report.skipped) == ["broken.docx", "notes.xyz"]
    assert sorted(report.updated) == ["gbk.txt", "third.txt"] and report.unchanged == [SEED.name]
    assert {s["doc"] for s in visible(env["settings"]).values()} == {SEED.name, "gbk.txt", "third.txt"}
    assert any(s["text"] == "成都市人才工作要坚持党管人才原则。" for s in visible(env["settings"]).values())
    again = build_index(env["settings"])  # skipped files are not read again while unchanged
    assert again.skipped == [] and sorted(again.skipped_unchanged) == ["broken.docx", "notes.xyz"]


def status(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QA_DATA_DIR": str(settings.data_dir), "QA_SEEDS_DIR": str(settings.seeds_dir),
           "QA_EMBEDDING_MODEL": settings.embedding_model}
    return subprocess.run([sys.executable, "-m", "index", "status", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_status_reads_the_stores_and_lists_skipped_files(env: dict) -> None:
    result = status(env["settings"], "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["healthy"] and found["model"] == str(MODEL)
    assert found["sentences"] == found["vectors"] == len(visible(env["settings"])) and found["documents"] == 3
    assert sorted(s["path"] for s in found["skipped"]) == ["broken.docx", "notes.xyz"]
    table = status(env["settings"])
    assert table.returncode == 0 and "broken.docx" in table.stdout and str(found["sentences"]) in table.stdout


def test_status_without_an_index_says_how_to_build_one(tmp_path: Path, env: dict) -> None:
    empty = Settings(data_dir=tmp_path / "data", seeds_dir=env["seeds"], embedding_model=str(MODEL))
    result = status(empty)
    assert result.returncode == 1
    assert "python -m index build" in result.stdout
