"""The one path every surface takes to an answer: rate limit, readiness, pool, deadline, bookkeeping.

REST, the OpenAI-compatible API, the widget and the Gradio page all call
`AnswerService.ask` (or `ask_blocking` from a worker thread), so a question costs
the same and is limited the same whichever door it came through.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from assistant.types import Answer
from starlette.requests import Request

from settings import Settings

from .auth import Principal
from .errors import ApiError
from .feedback import FeedbackStore
from .limits import RateLimiter, WorkPool
from .observability import Metrics

log = logging.getLogger("web.answers")


def _filter(search: object | None) -> tuple:
    return () if search is None else (search,)


class NotReady(Exception):
    """Raised by the assistant provider while the index is being built or loaded."""


class AnswerService:
    def __init__(self, settings: Settings, provider: Callable[[], object]):
        self.settings, self.provider = settings, provider
        self.pool = WorkPool(settings.workers, settings.queue_size, settings.question_timeout_s)
        self.asks = RateLimiter(settings.rate_limit_per_minute)
        self.writes = RateLimiter(settings.write_rate_limit_per_minute)
        self.feedback = FeedbackStore(settings.feedback_file)
        self.metrics = Metrics(in_flight=lambda: self.pool.in_flight)

    def assistant(self):
        """The loaded Assistant, or `not_ready` while it loads."""
        try:
            return self.provider()
        except NotReady:
            raise ApiError("not_ready", headers={"Retry-After": "2"}) from None

    def _admit(self, principal: Principal):
        self.asks.check(principal.label)
        return self.assistant()

    async def ask(self, question: str, history: Sequence[dict], principal: Principal, surface: str,
                  search: object | None = None) -> Answer:
        """`search`: the assistant's SearchFilter (None: its default)."""
        started = time.perf_counter()
        try:
            assistant = self._admit(principal)
            answer = await self.pool.run(assistant.ask, question, list(history), *_filter(search))
        except ApiError as error:
            raise self._refused(error, surface) from None
        return self._answered(answer, principal, surface, started)

    def ask_blocking(self, question: str, history: Sequence[dict], principal: Principal, surface: str,
                     search: object | None = None) -> Answer:
        """The same from a thread that may wait (Gradio runs its handlers in threads)."""
        started = time.perf_counter()
        try:
            assistant = self._admit(principal)
            answer = self.pool.run_sync(assistant.ask, question, list(history), *_filter(search))
        except ApiError as error:
            raise self._refused(error, surface) from None
        return self._answered(answer, principal, surface, started)

    def _refused(self, error: ApiError, surface: str) -> ApiError:
        self.metrics.errors.labels(error.code).inc()
        log.info("refused", extra={"fields": {"surface": surface, "code": error.code}})
        return error

    def _answered(self, answer: Answer, principal: Principal, surface: str, started: float) -> Answer:
        seconds = time.perf_counter() - started
        user = principal.label if principal.kind != "anonymous" else None
        self.feedback.remember(answer, user)
        self.metrics.answered(answer, surface, seconds)
        fields = {"surface": surface, "answer_id": answer.id, "abstained": answer.abstained, "code": answer.error,
                  "citations": len(answer.citations), "ms": round(seconds * 1e3, 1)}
        if self.settings.log_questions:
            fields["question"] = answer.question
        log.info("answered", extra={"fields": fields})
        return answer

    def vote(self, answer_id: str, vote: str, principal: Principal, comment: str = "") -> bool:
        """Record a vote on an answer this server gave; True when it replaced an earlier vote."""
        user = principal.label if principal.kind != "anonymous" else None
        try:
            self.writes.check(principal.label)
            replaced = self.feedback.vote(answer_id, vote, user, comment)
        except ApiError as error:
            raise self._refused(error, "feedback") from None
        self.metrics.votes.labels(vote).inc()
        return replaced

    def close(self) -> None:
        self.pool.shutdown()


def service(request: Request) -> AnswerService:
    """FastAPI dependency: the app's AnswerService."""
    return request.app.state.service
