"""Errors of the HTTP surfaces: one exception, a stable code per kind, always JSON.

Every error body has the same shape, which OpenAI clients also read:
``{"error": {"code": "busy", "type": "busy", "message": "服务正忙……"}}``.
Codes are stable; messages are templates in prompts/web.toml (refusals of the
question itself reuse the assistant's own texts).
"""
from __future__ import annotations

import json
from collections.abc import Mapping

from prompts import render

STATUS: dict[str, int] = {
    "bad_request": 422,
    "bad_question": 422,
    "bad_history": 422,
    "empty_question": 422,
    "too_long": 422,
    "unauthorised": 401,
    "forbidden": 403,
    "forbidden_origin": 403,
    "upload_closed": 403,
    "admin_off": 403,
    "bad_file": 422,
    "bad_folder": 422,
    "outside_library": 422,
    "file_too_large": 413,
    "not_found": 404,
    "unknown_answer": 404,
    "method_not_allowed": 405,
    "too_large": 413,
    "rate_limited": 429,
    "internal_error": 500,
    "no_index": 503,
    "not_ready": 503,
    "busy": 503,
    "feedback_off": 503,
    "timeout": 504,
}
RETRYABLE = {"busy", "not_ready", "rate_limited", "timeout"}
ASSISTANT_CODES = {"bad_question", "bad_history", "empty_question", "too_long", "no_index"}  # its own messages


class ApiError(Exception):
    """A refusal with a stable `code`; its HTTP status comes from STATUS."""

    def __init__(self, code: str, message: str | None = None, *, headers: Mapping[str, str] | None = None,
                 **values: object):
        if code not in STATUS and message is None:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.message = message if message is not None else render(f"error_{code}", **values)
        self.headers = dict(headers or {})
        super().__init__(f"{code}: {self.message}")

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 422)  # a refusal code the assistant adds later is still a 422

    def body(self) -> dict:
        return {"error": {"code": self.code, "type": self.code, "message": self.message}}

    def encoded(self) -> bytes:
        return json.dumps(self.body(), ensure_ascii=False).encode("utf-8")


def json_response(error: ApiError):
    """The error as a Starlette JSONResponse (imported lazily: the unit tests need no web stack)."""
    from starlette.responses import JSONResponse

    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


async def send_error(send, error: ApiError) -> None:
    """Answer an ASGI request with `error` directly (used by the middlewares)."""
    body = error.encoded()
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in error.headers.items()]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def validation_detail(errors: list[dict], limit: int = 3) -> str:
    """Pydantic's errors as one readable line: `field.path: message; ...` (never the input itself)."""
    parts = []
    for error in errors[:limit]:
        loc = () if error.get("type") == "json_invalid" else error.get("loc", ())
        where = ".".join(str(p) for p in loc if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    if len(errors) > limit:
        parts.append(f"(+{len(errors) - limit})")
    return "; ".join(parts)
