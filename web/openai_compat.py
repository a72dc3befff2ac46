"""OpenAI-compatible API under /v1: chat completions (streaming or not) and the model list.

The reply's content is the cited answer with its [n] markers and a sources list
(the closest passages when it abstains); the structured citations travel in an
extra `citations` field of the response and of the final stream chunk. The
last message is the question; earlier user and assistant messages are the
history (system messages are ignored, and the sources list this API appended to
an earlier reply is taken off again). `usage` counts characters, not tokens.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from prompts import render
from assistant.types import Answer, Citation

from .access import principal
from .auth import Principal
from .errors import ApiError
from .models import MAX_MESSAGES, MessageText
from .rest import ERRORS, checked, pieces
from .service import AnswerService, service

router = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])
MODEL_ID = "document-assistant"


class Part(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: MessageText | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: MessageText | Annotated[list[Part], Field(max_length=20)] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, max_tokens, ... are accepted and ignored
    model: Annotated[str, Field(max_length=200)] = MODEL_ID
    messages: Annotated[list[ChatMessage], Field(min_length=1, max_length=4 * MAX_MESSAGES)]
    stream: bool = False
    stream_options: dict | None = None
    n: Annotated[int, Field(ge=1, le=1)] = 1


def sources_block(answer: Answer) -> str:
    listed, heading = (answer.related, "related_heading") if answer.abstained else (answer.citations, "sources_heading")
    lines = [f"[{c.n}] 《{c.title or c.doc}》{' ' + c.section if c.section else ''}：{c.text}" for c in listed]
    return f"\n\n{render(heading)}：\n" + "\n".join(lines) if lines else ""


def without_sources(text: str) -> str:
    """An earlier reply of this API without the sources list it appended."""
    for heading in ("sources_heading", "related_heading"):
        text = text.split(f"\n\n{render(heading)}：\n", 1)[0]
    return text


def conversation(messages: list[ChatMessage]) -> tuple[str, list[dict]]:
    *earlier, last = messages
    if last.role != "user":
        raise ApiError("bad_request", detail="the last message must be the user's question")
    history = [{"role": m.role, "content": without_sources(m.text()) if m.role == "assistant" else m.text()}
               for m in earlier if m.role in ("user", "assistant")]
    return last.text(), history[-MAX_MESSAGES:]


def _cited(items: list[Citation]) -> list[dict]:
    return [c.model_dump() for c in items]


def _extra(answer: Answer) -> dict:
    return {"citations": _cited(answer.citations), "related": _cited(answer.related), "answer_id": answer.id,
            "abstained": answer.abstained}


def completion(answer: Answer, content: str, created: int) -> dict:
    usage = {"prompt_tokens": len(answer.question), "completion_tokens": len(content)}
    return {"id": f"chatcmpl-{answer.id}", "object": "chat.completion", "created": created, "model": MODEL_ID,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "logprobs": None,
                         "finish_reason": "stop"}],
            "usage": {**usage, "total_tokens": sum(usage.values())}, **_extra(answer)}


def chunks(answer: Answer, content: str, created: int, with_usage: bool) -> Iterator[str]:
    head = {"id": f"chatcmpl-{answer.id}", "object": "chat.completion.chunk", "created": created, "model": MODEL_ID}

    def chunk(delta: dict, finish: str | None = None, **extra) -> str:
        body = {**head, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in [*pieces(answer.answer), content[len(answer.answer):]]:
        if piece:
            yield chunk({"content": piece})
    yield chunk({}, "stop", **_extra(answer))
    if with_usage:
        usage = completion(answer, content, created)["usage"]
        yield f"data: {json.dumps({**head, 'choices': [], 'usage': usage}, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


@router.post("/chat/completions", responses=ERRORS, summary="Chat completion: the cited answer to the last message")
async def chat_completions(body: ChatRequest, who: Principal = Depends(principal),
                           svc: AnswerService = Depends(service)):
    question, history = conversation(body.messages)
    answer = checked(await svc.ask(question, history, who, "openai-stream" if body.stream else "openai"))
    content, created = answer.answer + sources_block(answer), int(time.time())
    if not body.stream:
        return completion(answer, content, created)
    with_usage = bool((body.stream_options or {}).get("include_usage"))
    return StreamingResponse(chunks(answer, content, created, with_usage), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/models", summary="The one model this server offers")
async def models():
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "local"}]}
