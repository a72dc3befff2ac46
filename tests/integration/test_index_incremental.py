"""Incremental indexing with the real model and a real Chroma store in a temporary data folder.

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

import pytest

from settings import Settings
from index.build import build_index
from conftest import MODEL, ROOT
from index.embed import model_label
from index.load import load_seeds
from index.split import split_document
from index.store import SentenceStore

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
    """Every record in the store: id -> {text, meta, vector}."""
    store = SentenceStore(settings.chroma_dir, settings.collection, model_label(settings))
    got = store.collection.get(include=["documents", "metadatas", "embeddings"])
    return {i: {"text": t, "meta": m, "vector": [float(x) for x in v]}
            for i, t, m, v in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])}


def expected_sentences(seeds: Path) -> dict[str, list]:
    docs, _ = load_seeds([seeds])
    return {d.name: split_document(d) for d in docs}


def test_first_build_embeds_every_sentence(env: dict) -> None:
    report = build_index(env["settings"])
    expected = expected_sentences(env["seeds"])
    assert sorted(report.updated) == sorted(expected) == sorted([SEED.name, SMALL])
    assert report.unchanged == [] and report.removed == [] and report.skipped == []
    assert report.embedded == sum(len({s.text for s in sents}) for sents in expected.values())
    assert report.sentences == sum(len(sents) for sents in expected.values())
    assert report.documents == 2
    records = stored(env["settings"])
    assert set(records) == {s.id for sents in expected.values() for s in sents}
    for sents in expected.values():
        for s in sents:
            meta = records[s.id]["meta"]
            assert records[s.id]["text"] == s.text
            assert (meta["doc"], meta["start"], meta["end"], meta["section"]) == (s.doc, s.start, s.end, s.section)
    assert json.loads(env["settings"].build_record.read_text(encoding="utf-8"))["sentences"] == report.sentences
    env["ids"]["first"] = records


def test_second_build_embeds_nothing_and_keeps_ids(env: dict) -> None:
    report = build_index(env["settings"])
    assert report.embedded == 0
    assert sorted(report.unchanged) == sorted([SEED.name, SMALL]) and report.updated == []
    after = stored(env["settings"])
    before = env["ids"]["first"]
    assert set(after) == set(before)
    assert all(after[i]["vector"] == pytest.approx(before[i]["vector"]) for i in before)


def test_editing_one_sentence_re_embeds_only_that_sentence(env: dict) -> None:
    path = env["seeds"] / SMALL
    text = path.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text
    path.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    old_texts = {r["text"] for r in env["ids"]["first"].values() if r["meta"]["doc"] == SMALL}
    new_small = expected_sentences(env["seeds"])[SMALL]
    changed = {s.text for s in new_small} - old_texts
    assert changed == {NEW_SENTENCE}

    report = build_index(env["settings"])
    assert report.embedded == len(changed)
    assert report.updated == [SMALL] and report.unchanged == [SEED.name]

    after = stored(env["settings"])
    before = env["ids"]["first"]
    seed_before = {i for i, r in before.items() if r["meta"]["doc"] == SEED.name}
    assert seed_before <= set(after)  # the other document's ids did not move
    small_after = {r["text"]: r for r in after.values() if r["meta"]["doc"] == SMALL}
    assert set(small_after) == {s.text for s in new_small}
    assert OLD_SENTENCE not in small_after
    # unchanged sentences kept their vectors; offsets follow the new file
    old_vectors = {r["text"]: r["vector"] for r in before.values() if r["meta"]["doc"] == SMALL}
    for s in new_small:
        got = small_after[s.text]
        assert path.read_text(encoding="utf-8")[got["meta"]["start"] : got["meta"]["end"]] == s.text
        if s.text in old_vectors:
            assert got["vector"] == pytest.approx(old_vectors[s.text])
    assert len(after) == len(before)


def test_deleting_a_file_removes_its_sentences(env: dict) -> None:
    before = stored(env["settings"])
    small_count = sum(r["meta"]["doc"] == SMALL for r in before.values())
    assert small_count > 0
    (env["seeds"] / SMALL).unlink()
    report = build_index(env["settings"])
    assert report.removed == [SMALL] and report.embedded == 0
    after = stored(env["settings"])
    assert len(after) == len(before) - small_count == report.sentences
    assert not any(r["meta"]["doc"] == SMALL for r in after.values())
    assert report.documents == 1


def test_a_broken_file_is_skipped_by_name_while_others_index(env: dict) -> None:
    (env["seeds"] / "broken.txt").write_bytes("成都市人才工作要坚持党管人才原则。".encode("gbk"))
    (env["seeds"] / "third.txt").write_text("第三份文档只有一句话。", encoding="utf-8")
    report = build_index(env["settings"])
    assert len(report.skipped) == 1 and report.skipped[0].startswith("broken.txt")
    assert report.updated == ["third.txt"] and report.unchanged == [SEED.name]
    assert report.embedded == 1 and report.documents == 2
    docs = {r["meta"]["doc"] for r in stored(env["settings"]).values()}
    assert docs == {SEED.name, "third.txt"}


def status(settings: Settings) -> subprocess.CompletedProcess:
    env = {**os.environ, "QA_DATA_DIR": str(settings.data_dir), "QA_SEEDS_DIR": str(settings.seeds_dir),
           "QA_EMBEDDING_MODEL": settings.embedding_model}
    return subprocess.run([sys.executable, "-m", "index", "status"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_status_prints_the_counts_and_the_model(env: dict) -> None:
    result = status(env["settings"])
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["model"] == str(MODEL)
    assert record["sentences"] == len(stored(env["settings"]))
    assert record["documents"] == 2
    assert record["skipped"] and record["skipped"][0].startswith("broken.txt")


def test_status_without_an_index_says_how_to_build_one(tmp_path: Path, env: dict) -> None:
    empty = Settings(data_dir=tmp_path / "data", seeds_dir=env["seeds"], embedding_model=str(MODEL))
    result = status(empty)
    assert result.returncode == 1
    assert "python -m index build" in result.stdout
