"""Runs `python app.py` in a subprocess for the web tests: free loopback port, wait, always stop."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

import pytest

from conftest import ROOT

HOST = "127.0.0.1"
# Debian's chromium for the browser tests (driven by Playwright; never `playwright install`).
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def free_port(host: str = HOST) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


def copy_index(source: Path, data: Path) -> Path:
    """A private copy of a built index (catalogue, stores, build record) in `data`, so writes stay there."""
    skip = shutil.ignore_patterns("models", "gradio-tmp", "*.log", "feedback.jsonl*", "users.txt")
    shutil.copytree(source, data, ignore=skip, dirs_exist_ok=True)
    return data


def wait_until(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    """Until `url` answers 200 (the process must stay up meanwhile)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer 200 within {timeout}s:\n{log_tail(log)}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_app(data_dir: Path, model_dir: Path, extra_env: Mapping[str, str] | None = None,
                ready: bool = True) -> Iterator[dict]:
    """`app.py` serving `data_dir` with `model_dir` on a free port; yields {"url", "port", "data", "log", "proc"}.

    Waits for /api/v1/healthz, and with `ready` for /api/v1/readyz too (index loaded, model warm).
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
        root = env.get("QA_ROOT_PATH", "").rstrip("/")
        wait_until(f"{url}api/v1/healthz", proc, log)
        if ready:
            wait_until(f"{url}api/v1/readyz", proc, log)
        yield {"url": url, "port": port, "data": data_dir, "log": log, "root": root, "proc": proc}
    finally:
        stop(proc)


def log_records(log: Path) -> list[dict]:
    """The server's JSON log lines (other output skipped)."""
    records = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return records


def request_records(log: Path, request_id: str, messages: set[str], timeout: float = 10.0) -> list[dict]:
    """The log records of one request, once all `messages` are among them (or the timeout has passed).

    The access record is written after the response has gone out, so a test that reads the log
    right after its request can be ahead of the server.
    """
    deadline = time.monotonic() + timeout
    while True:
        mine = [rec for rec in log_records(log) if rec.get("request_id") == request_id]
        if {rec.get("message") for rec in mine} >= messages or time.monotonic() > deadline:
            return mine
        time.sleep(0.1)
