"""web/errors.py, web/models.py and web/security.py: codes, typed bodies, which Gradio routes stay open."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from prompts import templates
from web.errors import ASSISTANT_CODES, STATUS, ApiError, validation_detail
from web.models import AskRequest, FeedbackRequest
from web.security import gradio_route_allowed, policy


def test_every_code_has_a_status_and_a_message_template():
    for code in set(STATUS) - ASSISTANT_CODES:  # the assistant's refusals carry their own message
        assert f"error_{code}" in templates(), code
    assert ApiError("some_new_refusal", "说明").status == 422
    error = ApiError("busy", headers={"Retry-After": "1"})
    assert error.body() == {"error": {"code": "busy", "type": "busy", "message": error.message}}
    with pytest.raises(ValueError):
        ApiError("no_such_code")


@pytest.mark.parametrize("body", [
    {"question": 123}, {"question": None}, {"question": "q", "history": "text"}, {"question": "q", "history": [None]},
    {"question": "\ud800"}, {"question": "q", "history": [{"role": "user", "content": "x" * 8001}]},
    {"question": "q", "extra": 1}, {"question": "q", "history": [{"role": "tool", "content": "x"}]},
])
def test_ask_bodies_are_typed(body):
    with pytest.raises(ValidationError) as bad:
        AskRequest.model_validate(body)
    detail = validation_detail(bad.value.errors(include_input=False))
    assert detail and "xxxx" not in detail and "\ud800" not in detail  # names the field, never echoes the input


def test_feedback_bodies_are_typed_and_bounded():
    ok = FeedbackRequest.model_validate({"answer_id": "a" * 32, "vote": "down", "comment": "不完整"})
    assert ok.vote == "down"
    for bad in ({"answer_id": "A" * 32, "vote": "up"}, {"answer_id": "a" * 32, "vote": "meh"},
                {"answer_id": "a" * 32, "vote": "up", "comment": "x" * 1001}, {"answer_id": 5, "vote": "up"}):
        with pytest.raises(ValidationError):
            FeedbackRequest.model_validate(bad)


@pytest.mark.parametrize(("method", "route", "allowed"), [
    ("GET", "/", True), ("GET", "/config", True), ("GET", "/assets/index-abc.js", True),
    ("POST", "/gradio_api/queue/join", True), ("GET", "/gradio_api/queue/data", True),
    ("GET", "/gradio_api/heartbeat/abc123", True), ("POST", "/gradio_api/call/ask", True),
    ("GET", "/gradio_api/call/ask/ev-1", True), ("POST", "/gradio_api/run/predict", True),
    ("POST", "/gradio_api/upload", False), ("GET", "/monitoring", False), ("GET", "/monitoring/KEY", False),
    ("GET", "/gradio_api/file=/etc/passwd", False), ("GET", "/gradio_api/proxy=http://x/", False),
    ("POST", "/gradio_api/call/other", False), ("POST", "/gradio_api/vibe-edit", False),
    ("POST", "/gradio_api/component_server", False), ("GET", "/gradio_api/runs", False), ("DELETE", "/", False),
])
def test_only_the_gradio_routes_the_page_and_client_use_stay_open(method, route, allowed):
    assert gradio_route_allowed(method, route) is allowed


def test_our_pages_get_a_policy_without_inline_code():
    strict = policy("/embed", "'self' https://portal.example")
    assert "'unsafe-inline'" not in strict and "'unsafe-eval'" not in strict
    assert strict.endswith("frame-ancestors 'self' https://portal.example")
    assert "frame-ancestors 'self'" in policy("/", "'self'")
