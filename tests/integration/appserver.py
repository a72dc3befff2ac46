"""Runs `python app.py` in a subprocess for the web tests: free loopback port, wait, always stop."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

import pytest

from conftest import ROOT

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


def wait_until_serving(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"app.py did not answer within {timeout}s:\n{log_tail(log)}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_app(data_dir: Path, model_dir: Path, extra_env: Mapping[str, str] | None = None) -> Iterator[dict]:
    """`app.py` serving `data_dir` with `model_dir` on a free port; yields {"url", "data", "log"}.

    The server's output goes to `data_dir/app.log`; the process is stopped on the way out,
    whatever happened in between.
    """
    port = free_port()
    env = {**os.environ, "QA_PORT": str(port), "QA_HOST": HOST, "QA_DATA_DIR": str(data_dir),
           "QA_EMBEDDING_MODEL": str(model_dir), "QA_SEEDS_DIR": str(ROOT / "seeds"), **(extra_env or {})}
    log = data_dir / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://{HOST}:{port}/"
        wait_until_serving(url, proc, log)
        yield {"url": url, "data": data_dir, "log": log}
    finally:
        stop(proc)
