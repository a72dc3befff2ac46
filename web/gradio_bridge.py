"""What the Gradio page and its gradio_client API call: the AnswerService, with Gradio's shapes.

- `ask` / `vote` for the page's own (private) handlers;
- `api_ask(question, history)` -> the Answer as a dict (`/ask` for gradio_client);
- `api_feedback(answer_id, vote)` -> {"ok", "replaced", "message"} (`/feedback`).
Inputs are checked with the same models as the REST API; a refusal of any kind
comes back as an Answer whose `error` is the stable code and whose `answer` is the
message. Feedback errors raise gr.Error("code: message").
"""
from __future__ import annotations

import gradio as gr
from pydantic import ValidationError

from prompts import render
from assistant.types import Answer

from .auth import Principal
from .errors import ApiError, validation_detail
from .models import AskRequest, FeedbackRequest
from .service import AnswerService


def caller(request: gr.Request | None) -> Principal:
    """The principal the access middleware found for this Gradio request."""
    raw = getattr(request, "request", None) if request is not None else None
    found = raw.scope.get("state", {}).get("qa") if raw is not None else None
    if found is None or found.principal is None:
        return Principal("anonymous", "gradio")
    return found.principal


def refusal(question: object, error: ApiError) -> Answer:
    return Answer(question=question if isinstance(question, str) else "", answer=error.message, abstained=True,
                  error=error.code)


class GradioBridge:
    def __init__(self, service: AnswerService):
        self.service = service

    def _ask(self, question: object, history: object, request: gr.Request | None, surface: str) -> Answer:
        try:
            body = AskRequest.model_validate({"question": question, "history": history or []})
        except ValidationError as exc:
            return refusal(question, ApiError("bad_request", detail=validation_detail(exc.errors(include_input=False))))
        try:
            return self.service.ask_blocking(body.question, body.history_dicts(), caller(request), surface,
                                             body.search())
        except ApiError as error:
            return refusal(question, error)

    def ask(self, question: str, history: list[dict], request: gr.Request | None = None) -> Answer:
        return self._ask(question, history, request, "page")

    def vote(self, answer_id: str, vote: str, request: gr.Request | None = None) -> str:
        try:
            replaced = self.service.vote(answer_id, vote, caller(request))
        except ApiError as error:
            return error.message
        return render("feedback_replaced" if replaced else "feedback_thanks")

    def api_ask(self, question: str, history: list[dict] | None = None, request: gr.Request = None) -> dict:
        """Answer `question` (history: earlier {"role", "content"} messages); returns the Answer as a dict."""
        return self._ask(question, history, request, "gradio-api").model_dump()

    def api_feedback(self, answer_id: str, vote: str, request: gr.Request = None) -> dict:
        """Vote "up" or "down" on an answer this server gave (its `id`); a second vote replaces the first."""
        try:
            body = FeedbackRequest.model_validate({"answer_id": answer_id, "vote": vote})
            replaced = self.service.vote(body.answer_id, body.vote, caller(request))
        except ValidationError as exc:
            error = ApiError("bad_request", detail=validation_detail(exc.errors(include_input=False)))
            raise gr.Error(f"{error.code}: {error.message}", print_exception=False) from None
        except ApiError as error:  # a refusal, not a fault: no traceback in the log
            raise gr.Error(f"{error.code}: {error.message}", print_exception=False) from None
        message = render("feedback_replaced" if replaced else "feedback_thanks")
        return {"ok": True, "replaced": replaced, "message": message}
