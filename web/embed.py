"""The embeddable chat: /widget.js (the floating button), /embed (the chat page it frames) and their files.

A plain `<iframe src="https://…/qa/embed?title=…">` works as well as the script.
Which sites may frame /embed is the CSP frame-ancestors list (QA_EMBED_ORIGINS).
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from string import Template

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from prompts import render

from .errors import ApiError

router = APIRouter(tags=["widget"], include_in_schema=False)
FILES = Path(__file__).resolve().parent / "widget"
STATIC = {"embed.js": "text/javascript; charset=utf-8", "embed.css": "text/css; charset=utf-8"}


@lru_cache(maxsize=None)
def _read(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8")


def page_texts() -> dict[str, str]:
    return {"sources": render("sources_heading"), "related": render("related_heading"),
            "pending": render("app_pending"), "error": render("error_internal_error"),
            "up": render("embed_vote_up"), "down": render("embed_vote_down")}


def embed_page(title: str, limit: int) -> str:
    values = {"title": title, "texts": json.dumps(page_texts(), ensure_ascii=False), "limit": str(limit),
              "placeholder": render("question_placeholder"), "send": render("app_send")}
    return Template(_read("embed.html")).substitute({k: html.escape(v, quote=True) for k, v in values.items()})


@router.get("/embed", response_class=HTMLResponse)
def embed(request: Request, title: str = Query("", max_length=60)) -> HTMLResponse:
    limit = request.app.state.settings.max_question_chars
    return HTMLResponse(embed_page(title.strip() or render("embed_title"), limit),
                        headers={"Cache-Control": "no-cache"})


@router.get("/widget.js")
def widget_js() -> Response:
    texts = {"title": render("embed_title"), "open": render("embed_open"), "close": render("embed_close")}
    script = _read("widget.js").replace("__TEXTS__", json.dumps(texts, ensure_ascii=False))
    return Response(script, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "max-age=300"})


@router.get("/widget/{name}")
def widget_file(name: str) -> Response:
    if name not in STATIC:
        raise ApiError("not_found")
    return Response(_read(name), media_type=STATIC[name], headers={"Cache-Control": "max-age=300"})
