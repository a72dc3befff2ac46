"""Limits that keep one client or one request from stalling the server.

- `RateLimiter`: a token bucket per client key (user, token or address).
- `WorkPool`: a fixed number of threads for the CPU work, a bounded queue in
  front of them (full: `busy`), and a deadline per question that counts the
  wait (past it: `timeout`). A question still queued at its deadline is
  dropped; one already running keeps its worker until it ends, so the pool
  stays bounded and a stuck question shows up as `busy` for others, never as
  an ever-growing backlog.
- `BodyLimit`: an ASGI middleware refusing bodies over a size with 413 JSON.
"""
from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from .access import route_path
from .errors import ApiError, send_error

T = TypeVar("T")


class RateLimiter:
    """`per_minute` requests per key, in bursts of up to `per_minute`; 0 switches it off."""

    def __init__(self, per_minute: int, max_keys: int = 10_000):
        self.rate, self.capacity, self.max_keys = per_minute / 60.0, float(per_minute), max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Take one token for `key` or raise `rate_limited` with the seconds to wait."""
        if self.capacity <= 0:
            return
        now = time.monotonic()
        with self._lock:
            tokens, seen = self._buckets.pop(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - seen) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.max_keys:  # forget the longest-idle clients first
                self._buckets.popitem(last=False)
        if not allowed:
            wait = max(1, math.ceil((1.0 - tokens) / self.rate))
            raise ApiError("rate_limited", headers={"Retry-After": str(wait)}, seconds=wait)


class WorkPool:
    """`workers` threads, at most `queue_size` questions waiting, `timeout_s` per question."""

    def __init__(self, workers: int, queue_size: int, timeout_s: float):
        self.workers, self.limit, self.timeout_s = workers, workers + queue_size, timeout_s
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="answer")
        self._slots = threading.BoundedSemaphore(self.limit)
        self._lock = threading.Lock()
        self.in_flight = 0

    def submit(self, fn: Callable[..., T], *args: Any) -> Future:
        if not self._slots.acquire(blocking=False):
            raise ApiError("busy", headers={"Retry-After": "1"})
        with self._lock:
            self.in_flight += 1
        try:
            future = self._executor.submit(fn, *args)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        return future

    def _release(self, _future: Future | None) -> None:
        with self._lock:
            self.in_flight -= 1
        self._slots.release()

    def _timeout(self, future: Future) -> ApiError:
        future.cancel()  # frees the slot at once when it had not started yet
        return ApiError("timeout", seconds=f"{self.timeout_s:g}")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` in the pool without blocking the event loop."""
        future = self.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.timeout_s)
        except (asyncio.TimeoutError, TimeoutError):
            raise self._timeout(future) from None

    def run_sync(self, fn: Callable[..., T], *args: Any) -> T:
        """The same from a thread that may block (Gradio's handlers)."""
        future = self.submit(fn, *args)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            raise self._timeout(future) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class BodyLimit:
    """Refuses request bodies over `max_bytes` (or the larger limit given for a route, such as the
    upload route's file size): by Content-Length at once; a body without one (chunked) is read
    first, up to the limit, and handed on only when it fits."""

    def __init__(self, app, max_bytes: int, larger: dict[str, int] | None = None):
        self.app, self.max_bytes, self.larger = app, max_bytes, dict(larger or {})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        limit = self.larger.get(route_path(scope).rstrip("/"), self.max_bytes)
        too_large = ApiError("too_large", limit=limit)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                return await send_error(send, too_large)
            return await self.app(scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                return await send_error(send, too_large)
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
