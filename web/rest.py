"""REST API under /api/v1: ask, ask as a server-sent-event stream, feedback, health.

A question the assistant refuses (empty_question, too_long, no_index) is an
error response with that code, like every other refusal; an answer that
abstains is a normal answer with `abstained: true` and the closest passages
in `related`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from prompts import render
from assistant.documents import DocumentText
from assistant.types import Answer

from .access import principal
from .auth import Principal
from .errors import ApiError
from .models import AskRequest, DocumentPage, FeedbackReply, FeedbackRequest, Whoami
from .service import AnswerService, service

router = APIRouter(prefix="/api/v1", tags=["REST"])
ERRORS = {code: {"description": f"JSON error `{code}`"} for code in (401, 422, 429, 503, 504)}
_AFTER_MARKERS = re.compile(r"(?<=\])(?=[^\[])")


def pieces(text: str) -> list[str]:
    """The answer cut after each group of [n] markers: one piece per quoted sentence."""
    return _AFTER_MARKERS.split(text)


def checked(answer: Answer) -> Answer:
    """The answer, or its refusal as an ApiError (the message is the assistant's own text)."""
    if answer.error:
        raise ApiError(answer.error, answer.answer)
    return answer


@router.post("/ask", response_model=Answer, responses=ERRORS, summary="Answer a question with cited sentences")
async def ask(body: AskRequest, who: Principal = Depends(principal), svc: AnswerService = Depends(service)):
    return checked(await svc.ask(body.question, body.history_dicts(), who, "rest", body.search()))


def sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(answer: Answer) -> Iterator[str]:
    """notice*, answer+ (one per quoted sentence and its markers), citations, done."""
    for notice in answer.notices:
        yield sse("notice", {"text": notice})
    for piece in pieces(answer.answer):
        yield sse("answer", {"text": piece})
    yield sse("citations", {"citations": [c.model_dump() for c in answer.citations],
                            "related": [c.model_dump() for c in answer.related]})
    yield sse("done", {"id": answer.id, "abstained": answer.abstained, "resolved_question": answer.resolved_question,
                       "timings": answer.timings})


@router.post("/ask/stream", responses={200: {"content": {"text/event-stream": {}}}, **ERRORS},
             summary="The same answer as server-sent events: notice, answer, citations, done")
async def ask_stream(body: AskRequest, who: Principal = Depends(principal), svc: AnswerService = Depends(service)):
    answer = checked(await svc.ask(body.question, body.history_dicts(), who, "rest-stream", body.search()))
    return StreamingResponse(answer_events(answer), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/feedback", response_model=FeedbackReply, responses=ERRORS, summary="Vote on an answer")
def feedback(body: FeedbackRequest, who: Principal = Depends(principal), svc: AnswerService = Depends(service)):
    """Runs in a worker thread: recording may rewrite the feedback file."""
    replaced = svc.vote(body.answer_id, body.vote, who, body.comment)
    message = render("feedback_replaced" if replaced else "feedback_thanks")
    return FeedbackReply(ok=True, replaced=replaced, message=message)


@router.get("/healthz", summary="The process is alive")
async def healthz():
    return {"status": "ok"}


@router.get("/readyz", responses={503: ERRORS[503]}, summary="The index is loaded and the model warm")
async def readyz(svc: AnswerService = Depends(service)):
    generation = svc.assistant().view.current()
    if generation is None or not generation.n_live:
        raise ApiError("no_index", render("no_index"))
    return {"status": "ready", "sentences": generation.n_live}


@router.get("/whoami", response_model=Whoami, summary="Who the server takes the caller for")
async def whoami(who: Principal = Depends(principal)):
    return Whoami(kind=who.kind, name=who.name, admin=who.admin)


@router.get("/documents", response_model=DocumentPage, responses=ERRORS, summary="The library: documents by title")
async def documents(q: str = "", category: str = "", status: str = "", limit: int = Query(50, ge=1, le=500),
                    offset: int = Query(0, ge=0), who: Principal = Depends(principal),
                    svc: AnswerService = Depends(service)):
    total, found = svc.assistant().documents.list(q[:200], category[:100], status[:20], limit, offset)
    return DocumentPage(total=total, documents=found)


@router.get("/documents/{doc_id}", response_model=DocumentText, responses={404: {"description": "not_found"}, **ERRORS},
            summary="One document: its text and each sentence's offsets (citations point into this text)")
async def document(doc_id: int, who: Principal = Depends(principal), svc: AnswerService = Depends(service)):
    found = svc.assistant().documents.get(doc_id)
    if found is None:
        raise ApiError("not_found", render("document_missing", id=doc_id))
    return found
