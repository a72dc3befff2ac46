"""Load test of the REST API on loopback: closed-loop users asking eval questions, level by level.

    .venv/bin/python bench/load.py                       # 1, 5, 20, 50 users, 60 s each
    .venv/bin/python bench/load.py --seconds 10 --users 1,20

First it measures what one process computes: `Assistant.ask` called back to back
in this process, in as many threads as the server has workers, for the same time
(the reference for the throughput target: what the server adds is HTTP, JSON,
the event loop and the queue).
Then it starts `python app.py` on a free 127.0.0.1 port (rate limits off, else the
server's own settings from env / .env) and, for each level, runs that many users
that each send the next question as soon as the last one is answered. It reports
throughput, p50 / p95 / max latency, errors by code, and the server's peak RSS.
Every level stops after --seconds; the server is stopped at the end. Only
loopback targets are accepted (--url must be 127.0.0.0/8, ::1 or localhost).
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

QUESTIONS = ROOT / "eval" / "questions.jsonl"
MAX_REQUESTS_PER_LEVEL = 200_000


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def questions() -> list[dict]:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"question": r["question"], "history": r.get("history", [])} for r in rows]


def loopback(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise SystemExit(f"refusing to load {host!r}: only loopback targets are allowed")
    return url.rstrip("/") + "/"


def single_process(seconds: float, asked: list[dict]) -> dict:
    """What one process computes: `Assistant.ask` back to back in this process, in as many threads as
    the server has workers and with the same torch threads each (app.split_cores), no HTTP."""
    from concurrent.futures import ThreadPoolExecutor

    from app import split_cores
    from assistant import Assistant
    from settings import Settings

    settings = split_cores(Settings())
    assistant = Assistant.from_settings(settings)
    assistant.ask(asked[0]["question"])
    stop_at = time.perf_counter() + seconds

    def worker(n: int) -> list[float]:
        latencies, i = [], n * 7
        while time.perf_counter() < stop_at:
            q = asked[i % len(asked)]
            t = time.perf_counter()
            assistant.ask(q["question"], q["history"])
            latencies.append(time.perf_counter() - t)
            i += 1
        return latencies

    started = time.perf_counter()
    with ThreadPoolExecutor(settings.workers) as pool:
        latencies = [x for part in pool.map(worker, range(settings.workers)) for x in part]
    elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "throughput": len(latencies) / elapsed, "workers": settings.workers,
            "torch_threads": settings.torch_threads, "p50_ms": percentile(latencies, 50) * 1e3,
            "p95_ms": percentile(latencies, 95) * 1e3}


def rss_mb(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def level(url: str, users: int, seconds: float, asked: list[dict], pid: int | None) -> dict:
    import httpx

    latencies: list[float] = []
    errors: Counter[str] = Counter()
    peak = [rss_mb(pid)]
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)

    async def user(n: int, client: httpx.AsyncClient) -> None:
        i = n * 7
        while time.monotonic() < stop_at and len(latencies) + sum(errors.values()) < MAX_REQUESTS_PER_LEVEL:
            t = time.perf_counter()
            try:
                r = await client.post("api/v1/ask", json=asked[i % len(asked)])
                code = None if r.status_code == 200 else r.json().get("error", {}).get("code", str(r.status_code))
            except (httpx.HTTPError, ValueError) as exc:
                code = type(exc).__name__
            if code is None:
                latencies.append(time.perf_counter() - t)
            else:
                errors[code] += 1
            i += 1

    async def watch() -> None:
        while time.monotonic() < stop_at:
            peak.append(rss_mb(pid))
            await asyncio.sleep(0.5)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(watch(), *(user(n, client) for n in range(users)))
        elapsed = time.perf_counter() - started
    ok = len(latencies)
    return {"users": users, "requests": ok + sum(errors.values()), "throughput": ok / elapsed,
            "p50_ms": percentile(latencies, 50) * 1e3 if ok else float("nan"),
            "p95_ms": percentile(latencies, 95) * 1e3 if ok else float("nan"),
            "max_ms": max(latencies) * 1e3 if ok else float("nan"), "errors": dict(errors),
            "rss_mb": max(peak)}


def start_server() -> tuple[subprocess.Popen, str]:
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "QA_HOST": "127.0.0.1", "QA_PORT": str(port), "QA_RATE_LIMIT_PER_MINUTE": "0"}
    (ROOT / "data").mkdir(exist_ok=True)
    log = open(ROOT / "data" / "load-server.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url + "api/v1/readyz", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"the server did not get ready; see {log.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", default="1,5,20,50", help="comma-separated concurrency levels")
    parser.add_argument("--seconds", type=float, default=60, help="duration of each level (and of the reference)")
    parser.add_argument("--url", help="a server already running on loopback (default: start one)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    asked = questions()
    reference = single_process(args.seconds, asked)
    print(f"one process, back to back in {reference['workers']} threads (torch threads {reference['torch_threads']}): "
          f"{reference['throughput']:.1f} q/s, p50 {reference['p50_ms']:.1f} ms, p95 {reference['p95_ms']:.1f} ms "
          f"({reference['requests']} questions)", flush=True)
    proc, url = (None, loopback(args.url)) if args.url else start_server()
    rows = []
    try:
        print("| users | requests | throughput q/s | vs one process | p50 ms | p95 ms | max ms | errors "
              "| server RSS MB |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
        for users in (int(u) for u in args.users.split(",")):
            row = asyncio.run(level(url, users, args.seconds, asked, proc.pid if proc else None))
            row["vs_reference"] = row["throughput"] / reference["throughput"]
            rows.append(row)
            errors = ", ".join(f"{k} {v}" for k, v in row["errors"].items()) or "0"
            print(f"| {users} | {row['requests']} | {row['throughput']:.1f} | {row['vs_reference']:.0%} | "
                  f"{row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['max_ms']:.0f} | {errors} | {row['rss_mb']:.0f} |",
                  flush=True)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
    if args.json:
        args.json.write_text(json.dumps({"reference": reference, "levels": rows}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
