"""web/limits.py: the token bucket, the bounded pool with its deadline, the body limit."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest

from web.errors import ApiError
from web.limits import BodyLimit, RateLimiter, WorkPool


def test_rate_limiter_allows_a_burst_then_refuses_with_the_wait():
    limiter = RateLimiter(per_minute=3)
    for _ in range(3):
        limiter.check("alice")
    with pytest.raises(ApiError) as refused:
        limiter.check("alice")
    assert refused.value.code == "rate_limited" and refused.value.status == 429
    assert 1 <= int(refused.value.headers["Retry-After"]) <= 20
    limiter.check("bob")  # every client has its own bucket


def test_rate_limiter_refills_over_time_and_zero_switches_it_off():
    limiter = RateLimiter(per_minute=600)  # ten a second
    for _ in range(600):
        limiter.check("k")
    with pytest.raises(ApiError):
        limiter.check("k")
    time.sleep(0.25)
    limiter.check("k")
    off = RateLimiter(per_minute=0)
    for _ in range(1000):
        off.check("k")


def test_rate_limiter_memory_is_bounded():
    limiter = RateLimiter(per_minute=1, max_keys=100)
    for i in range(1000):
        limiter.check(f"client-{i}")
    assert len(limiter._buckets) == 100


def blocker():
    release = threading.Event()
    return release, (lambda: release.wait(10) and "done")


def test_pool_answers_busy_when_workers_and_queue_are_full():
    pool = WorkPool(workers=1, queue_size=1, timeout_s=5)
    release, job = blocker()
    running, queued = pool.submit(job), pool.submit(job)
    with pytest.raises(ApiError) as full:
        pool.submit(job)
    assert full.value.code == "busy" and full.value.status == 503 and full.value.headers["Retry-After"] == "1"
    release.set()
    assert running.result(5) == queued.result(5) == "done"
    assert pool.submit(lambda: 1).result(5) == 1  # slots came back
    pool.shutdown()


def test_pool_deadline_counts_waiting_and_drops_a_question_still_queued():
    pool = WorkPool(workers=1, queue_size=1, timeout_s=0.2)
    release, job = blocker()
    pool.submit(job)
    started = time.monotonic()
    with pytest.raises(ApiError) as late:
        pool.run_sync(lambda: "never started")
    assert late.value.code == "timeout" and late.value.status == 504 and time.monotonic() - started < 1
    assert pool.in_flight == 1  # the queued one was cancelled, so its slot is free again
    release.set()
    pool.shutdown()


def test_pool_run_does_not_block_the_event_loop_and_times_out():
    pool = WorkPool(workers=2, queue_size=2, timeout_s=0.3)

    async def scenario():
        ticks = 0

        async def tick():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        assert await pool.run(lambda: time.sleep(0.1) or 42) == 42
        with pytest.raises(ApiError) as late:
            await pool.run(time.sleep, 1.0)
        ticker.cancel()
        return ticks, late.value.code

    ticks, code = asyncio.run(scenario())
    assert code == "timeout" and ticks >= 10
    pool.shutdown()


def run_asgi(headers, chunks, path="/"):
    sent, calls = [], []

    async def inner(scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        calls.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "headers": headers, "path": path}
    asyncio.run(BodyLimit(inner, max_bytes=100, larger={"/api/v1/documents": 1000})(scope, receive, send))
    return sent[0]["status"], calls


@pytest.mark.parametrize(("headers", "chunks", "status", "passed"), [
    ([(b"content-length", b"50")], [b"x" * 50], 200, True),
    ([(b"content-length", b"500")], [b"x" * 500], 413, False),
    ([(b"content-length", b"nonsense")], [b"x"], 413, False),
    ([], [b"x" * 60, b"x" * 30], 200, True),  # chunked, fits: handed on whole
    ([], [b"x" * 60, b"x" * 60], 413, False),  # chunked, too large: never reaches the app
])
def test_body_limit(headers, chunks, status, passed):
    got, calls = run_asgi(headers, chunks)
    assert got == status and bool(calls) == passed
    if passed:
        assert calls[0] == b"".join(chunks)


def test_body_limit_gives_a_route_its_own_larger_limit():
    big = [(b"content-length", b"900")]
    assert run_asgi(big, [b"x" * 900], path="/api/v1/documents")[0] == 200
    assert run_asgi([], [b"x" * 600, b"x" * 600], path="/api/v1/documents")[0] == 413
    assert run_asgi(big, [b"x" * 900], path="/api/v1/ask")[0] == 413
