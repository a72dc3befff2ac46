"""A build killed with SIGKILL at a random moment loses nothing: what was served before is still
served whole, and the next build ends complete, with no duplicate or orphaned record.

Each trial starts a real `python -m index build` in a subprocess (small batches, so a build
passes many commit points), kills it after a random delay within the build's duration,
checks that every visible document is complete, then builds again in this process and
checks the three stores hold exactly the expected sentences. Between trials the library
changes (documents edited, added, removed), so killed builds hit first builds, updates
and deletions alike.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from chromadb.errors import NotFoundError
import pytest

from conftest import ROOT
from index.build import build_index
from index.embed import model_label
from index.generation import load_generation
from index.library import Library
from index.prepare import prepare
from index.readers import read_file
from index.store import VectorStore, open_client
from settings import Settings

pytestmark = pytest.mark.integration
TRIALS = 12  # three rounds of the four library changes (add, edit, delete, none)
SEED_TEXT = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
SENTENCES = [s for s in SEED_TEXT.replace("\n", "").split("。") if len(s) > 8]


def document(tag: str, n: int, rng: random.Random) -> str:
    """A document of n distinct sentences drawn from the seed article."""
    lines = [f"测试文档{tag}", "一、第一部分"]
    for i in range(n):
        lines.append(f"第{i + 1}项：{rng.choice(SENTENCES)}，编号{tag}-{i}。")
    return "\n".join(lines) + "\n"


def expected(settings: Settings) -> dict[str, int]:
    """Sentences each file of the seeds folder should have once indexed."""
    out = {}
    for path in sorted(settings.seeds_dir.glob("*.txt")):
        out[path.name] = len(prepare(path.name, "x", read_file(path, max_bytes=2**30)).rows)
    return out


def fresh_chroma() -> None:
    """Chroma keeps one client per path in a process; a killed builder or a wiped folder makes it stale."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def served(settings: Settings) -> tuple[dict[str, int], list[str]]:
    """Per visible document its visible sentence count, and every id the vector store holds."""
    fresh_chroma()
    lib = Library(settings.library_file, readonly=True)
    counts = {d.path: len(lib.version_rows(d.version)) for d in lib.documents("status = 'indexed'")}
    try:
        store = VectorStore(open_client(settings), settings.collection, model_label(settings), create=False)
    except NotFoundError:  # killed before the first write created the collection: nothing may be visible
        assert not counts, f"{sum(counts.values())} sentences visible without a vector store"
        return counts, []
    return counts, store.collection.get(include=[])["ids"]


def assert_complete(settings: Settings, want: dict[str, int]) -> None:
    counts, ids = served(settings)
    assert counts == want
    assert len(ids) == len(set(ids)) == sum(want.values())  # no duplicates, no orphans
    lib = Library(settings.library_file, readonly=True)
    visible = {r.id for d in lib.documents("status = 'indexed'") for r in lib.version_rows(d.version)}
    assert set(ids) == visible and lib.pending() == []
    gen = load_generation(settings.index_dir)
    assert gen.n_live == sum(want.values())
    rows = {r.row for d in lib.documents("status = 'indexed'") for r in lib.version_rows(d.version)}
    live = {int(x) for s, m in zip(gen.segments, gen.live) for x in np.asarray(s.sid)[m]}
    assert live == rows


def change_library(seeds: Path, trial: int, rng: random.Random) -> None:
    if trial % 4 == 1:
        (seeds / f"add{trial}.txt").write_text(document(f"A{trial}", 120, rng), encoding="utf-8")
    elif trial % 4 == 2:
        victim = rng.choice(sorted(seeds.glob("*.txt")))
        victim.write_text(document(f"E{trial}", rng.randint(80, 300), rng), encoding="utf-8")
    elif trial % 4 == 3 and len(list(seeds.glob("*.txt"))) > 3:
        rng.choice(sorted(seeds.glob("add*.txt")) or sorted(seeds.glob("*.txt"))).unlink()


def test_killed_builds_never_lose_or_duplicate_a_sentence(tmp_path: Path, model_dir: Path) -> None:
    rng = random.Random(20261127)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for tag, n in (("甲", 300), ("乙", 250), ("丙", 200)):
        (seeds / f"{tag}.txt").write_text(document(tag, n, rng), encoding="utf-8")
    env = {**os.environ, "QA_SEEDS_DIR": str(seeds), "QA_DATA_DIR": str(tmp_path / "data"),
           "QA_EMBEDDING_MODEL": str(model_dir), "QA_EMBED_GROUP": "64", "QA_SEGMENT_SENTENCES": "150"}
    settings = Settings(seeds_dir=seeds, data_dir=tmp_path / "data", embedding_model=str(model_dir),
                        embed_group=64, segment_sentences=150)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "index", "build", "--quiet"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)
    full = time.perf_counter() - started
    assert_complete(settings, expected(settings))
    kills = 0
    for trial in range(TRIALS):
        change_library(seeds, trial, rng)
        if trial % 2 == 0:  # every other trial starts from nothing: a killed first build
            for child in (tmp_path / "data").iterdir():
                if child.name != "models":
                    subprocess.run(["rm", "-rf", str(child)], check=True)
        before = served(settings)[0] if settings.library_file.exists() else {}
        proc = subprocess.Popen([sys.executable, "-m", "index", "build", "--quiet"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, full))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        if settings.library_file.exists():  # what is visible after the kill is whole
            counts, _ids = served(settings)
            lib = Library(settings.library_file, readonly=True)
            for doc in lib.documents("status = 'indexed'"):
                assert counts[doc.path] == doc.sentences, f"trial {trial}: {doc.path} half visible"
            gone = {p for p in before if not (seeds / p).exists()}
            assert set(before) - set(counts) <= gone, f"trial {trial}: a document stopped being served"
        fresh_chroma()
        report = build_index(settings)
        assert report.verified, f"trial {trial}: {report.vectors} vectors for {report.sentences} sentences"
        assert_complete(settings, expected(settings))
    assert kills >= TRIALS // 2  # most trials really were killed mid-build
