"""Operations: JSON log lines carrying a request id, and Prometheus metrics.

Each request gets an id (a sane incoming X-Request-ID is kept, else a new one),
echoed in the response header and in every log line written while serving it.
Question text reaches the logs only with QA_LOG_QUESTIONS=true; tokens,
passwords and cookies never do (the access line names a principal by its user
name or token fingerprint).
"""
from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from .errors import ApiError, send_error

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
log = logging.getLogger("web.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                "logger": record.name, "message": record.getMessage(), "request_id": request_id.get() or None}
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers, logging.getLogger(name).propagate = [], True


class Metrics:
    """The server's Prometheus metrics, in a registry of its own (several apps may share a process)."""

    def __init__(self, in_flight=None):
        self.registry = r = CollectorRegistry()
        buckets = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        self.stage = Histogram("qa_stage_seconds", "Time per answering stage (Answer.timings)", ["stage"],
                               buckets=buckets, registry=r)
        self.latency = Histogram("qa_request_seconds", "Question latency seen by the server, waiting included",
                                 ["surface"], buckets=buckets, registry=r)
        self.answers = Counter("qa_answers_total", "Answers given", ["surface", "outcome"], registry=r)
        self.abstentions = Counter("qa_abstentions_total", "Answers that abstained", ["surface"], registry=r)
        self.errors = Counter("qa_errors_total", "Refusals and failures by error code", ["code"], registry=r)
        self.votes = Counter("qa_feedback_votes_total", "Feedback votes", ["vote"], registry=r)
        self.http = Counter("qa_http_responses_total", "HTTP responses by status", ["status"], registry=r)
        if in_flight is not None:
            Gauge("qa_questions_in_flight", "Questions running or waiting", registry=r).set_function(in_flight)

    def answered(self, answer, surface: str, seconds: float) -> None:
        for stage, ms in answer.timings.items():
            self.stage.labels(stage).observe(ms / 1e3)
        self.latency.labels(surface).observe(seconds)
        outcome = "refused" if answer.error else "abstained" if answer.abstained else "answered"
        self.answers.labels(surface, outcome).inc()
        if answer.abstained and not answer.error:
            self.abstentions.labels(surface).inc()
        if answer.error:
            self.errors.labels(answer.error).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class RequestLog:
    """Outermost middleware: request id, one access log line, and JSON instead of a traceback."""

    def __init__(self, app, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        incoming = dict(scope.get("headers", [])).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex[:16]
        token = request_id.set(rid)
        scope.setdefault("state", {})["request_id"] = rid
        started, status = time.perf_counter(), 0

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error", extra={"fields": {"path": scope.get("path")}})
            if status == 0:
                status = 500
                await send_error(send_with_id, ApiError("internal_error"))
        finally:
            qa = scope.get("state", {}).get("qa")
            principal = qa.principal.label if qa and qa.principal else None
            self.metrics.http.labels(str(status)).inc()
            log.info("request", extra={"fields": {
                "method": scope.get("method"), "path": scope.get("path"), "status": status,
                "ms": round((time.perf_counter() - started) * 1e3, 1), "client": qa.client if qa else None,
                "principal": principal}})
            request_id.reset(token)
