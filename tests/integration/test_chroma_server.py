"""Chroma as a server (`QA_CHROMA_URL`): a real `chroma run` on a loopback port; the indexer writes
through it, and two separate assistant processes answer from the same index."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from appserver import free_port, stop
from conftest import ROOT
from index.build import build_index
from settings import Settings

pytestmark = pytest.mark.integration
QUESTION = "如何提升“蓉漂”品牌的海外影响力？"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if chroma is None:
        pytest.skip("the chroma command (from the chromadb package) is not installed")
    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen([chroma, "run", "--path", str(folder / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail((folder / "server.log").read_text(errors="replace"))
            time.sleep(0.3)
    else:
        stop(proc)
        pytest.fail("chroma run did not answer within 60 s")
    yield {"url": url, "path": folder / "db"}
    stop(proc)


def ask_in_a_process(settings: Settings, url: str) -> dict:
    env = {**os.environ, "QA_CHROMA_URL": url, "QA_DATA_DIR": str(settings.data_dir),
           "QA_EMBEDDING_MODEL": settings.embedding_model, "QA_SEEDS_DIR": str(settings.seeds_dir)}
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", QUESTION], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_index_and_answer_through_a_chroma_server(chroma_server: dict, tmp_path: Path, model_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", seeds_dir=ROOT / "seeds", embedding_model=str(model_dir),
                        chroma_url=chroma_server["url"])
    report = build_index(settings)
    assert report.verified and report.vectors == report.sentences > 0
    assert not settings.chroma_dir.exists()  # nothing went to an embedded store
    assert any(chroma_server["path"].rglob("chroma.sqlite3"))  # the server persisted the records
    answers = [ask_in_a_process(settings, chroma_server["url"]) for _ in range(2)]
    assert answers[0]["citations"] and not answers[0]["abstained"]
    assert [c["sentence_id"] for c in answers[0]["citations"]] == [c["sentence_id"] for c in answers[1]["citations"]]
    assert "蓉漂" in answers[0]["answer"]
