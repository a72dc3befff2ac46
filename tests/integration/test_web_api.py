"""The REST API (/api/v1) of a real `python app.py` on loopback, called with httpx.

The server is conftest.py's `web_server` (sign-in off, rate limits off). Every
refusal must be JSON with its stable code, never HTML or a traceback.
"""
from __future__ import annotations

import json

import httpx
import pytest

from appserver import request_records
from prompts import render
from settings import Settings

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"


@pytest.fixture(scope="module")
def http(web_server):
    with httpx.Client(base_url=web_server["url"], timeout=30) as client:
        yield client


def error_code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    body = response.json()
    assert set(body["error"]) == {"code", "type", "message"} and body["error"]["message"]
    assert "Traceback" not in response.text
    return body["error"]["code"]


def test_ask_returns_the_cited_answer_with_an_id(http):
    r = http.post("/api/v1/ask", json={"question": RONGPIAO})
    assert r.status_code == 200
    answer = r.json()
    assert len(answer["id"]) == 32 and answer["error"] is None and not answer["abstained"]
    assert any(RONGPIAO_SENTENCE in c["text"] for c in answer["citations"]) and "[1]" in answer["answer"]
    assert r.headers["x-request-id"]


def test_follow_up_uses_the_history(http):
    history = [{"role": "user", "content": RONGPIAO}, {"role": "assistant", "content": "……"}]
    answer = http.post("/api/v1/ask", json={"question": "具体怎么做？", "history": history}).json()
    assert answer["resolved_question"] and answer["resolved_question"] != "具体怎么做？"


def test_filters_restrict_the_search_to_some_documents(http):
    everywhere = http.post("/api/v1/ask", json={"question": RONGPIAO}).json()
    elsewhere = http.post("/api/v1/ask", json={"question": RONGPIAO, "filters": {"categories": ["无此类别"]}}).json()
    assert everywhere["citations"] and not everywhere["abstained"]
    assert elsewhere["abstained"] and elsewhere["citations"] == []
    r = http.post("/api/v1/ask", json={"question": RONGPIAO, "filters": {"date_from": "2020/01/01"}})
    assert (r.status_code, error_code(r)) == (422, "bad_request")


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"question": "   \n "}, 422, "empty_question"),
    ({"question": "蓉漂" * 300}, 422, "too_long"),
    ({"question": 123}, 422, "bad_request"),
    ({"question": None}, 422, "bad_request"),
    ({"question": "x", "history": "earlier"}, 422, "bad_request"),
    ({"question": "x", "history": [None]}, 422, "bad_request"),
    ({"question": "x", "history": [{"role": "system", "content": "x"}]}, 422, "bad_request"),
    ({"question": "x", "history": [{"role": "user", "content": "x"}] * 51}, 422, "bad_request"),
    ({"question": "x", "filters": {"doc": "a"}}, 422, "bad_request"),
    ({}, 422, "bad_request"),
])
def test_bad_questions_are_refused_with_a_stable_code(http, body, status, code):
    r = http.post("/api/v1/ask", json=body)
    assert (r.status_code, error_code(r)) == (status, code)


def test_broken_json_and_lone_surrogates_are_bad_requests(http):
    for raw in ('{"question": "\\ud800蓉漂"}', '{"question": ', "question=蓉漂"):
        r = http.post("/api/v1/ask", content=raw.encode(), headers={"content-type": "application/json"})
        assert (r.status_code, error_code(r)) == (422, "bad_request"), raw
    r = http.post("/api/v1/ask", json={"question": RONGPIAO})
    assert r.status_code == 200  # and the server keeps serving


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("GET", "/api/v1/ask", 405, "method_not_allowed"),
    ("DELETE", "/api/v1/feedback", 405, "method_not_allowed"),
    ("GET", "/api/v1/nothing-here", 404, "not_found"),
    ("POST", "/api/v2/ask", 404, "not_found"),
    ("GET", "/v1/chat/completions", 405, "method_not_allowed"),
    ("GET", "/v1/engines", 404, "not_found"),
    ("GET", "/monitoring", 404, "not_found"),
    ("GET", "/gradio_api/upload_progress", 404, "not_found"),
    ("GET", "/gradio_api/file=/etc/passwd", 404, "not_found"),
    ("GET", "/gradio_api/proxy=http://127.0.0.1:1/", 404, "not_found"),
    ("POST", "/gradio_api/run-history/connect", 404, "not_found"),
    ("GET", "/embedded", 404, "not_found"),
    ("GET", "/widget/other.js", 404, "not_found"),
])
def test_unknown_routes_and_closed_gradio_routes_answer_json(http, method, path, status, code):
    r = http.request(method, path)
    assert (r.status_code, error_code(r)) == (status, code)


def test_the_upload_route_refuses_and_keeps_nothing(http, web_server):
    files = {"files": ("big.bin", b"x" * 10_000, "application/octet-stream")}
    r = http.post("/gradio_api/upload", files=files, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and error_code(r) == "forbidden_origin"
    r = http.post("/gradio_api/upload", files=files)
    assert r.status_code == 403 and error_code(r) == "upload_closed"
    temp = web_server["data"] / "gradio-tmp"
    assert not temp.exists() or not any(p.is_file() for p in temp.rglob("*"))


def test_stream_sends_notice_answer_citations_done(http):
    history = [{"role": "user", "content": RONGPIAO}, {"role": "assistant", "content": "……"}]
    events = []
    with http.stream("POST", "/api/v1/ask/stream", json={"question": "具体怎么做？", "history": history}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in r.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    names = [n for n, _ in events]
    assert names[0] == "notice" and names[-2:] == ["citations", "done"] and "answer" in names
    done = events[-1][1]
    full = http.post("/api/v1/ask", json={"question": "具体怎么做？", "history": history}).json()
    assert "".join(d["text"] for n, d in events if n == "answer") == full["answer"]
    assert [c["sentence_id"] for c in events[-2][1]["citations"]] == [c["sentence_id"] for c in full["citations"]]
    assert len(done["id"]) == 32 and done["id"] != full["id"]


def test_stream_refusals_are_json_errors_before_any_event(http):
    r = http.post("/api/v1/ask/stream", json={"question": ""})
    assert (r.status_code, error_code(r)) == (422, "empty_question")


def test_a_changed_vote_replaces_the_earlier_one(http, web_server):
    path = web_server["data"] / "feedback.jsonl"
    answer = http.post("/api/v1/ask", json={"question": RONGPIAO}).json()
    first = http.post("/api/v1/feedback", json={"answer_id": answer["id"], "vote": "up"})
    assert first.status_code == 200 and first.json()["replaced"] is False
    lines = path.read_text(encoding="utf-8").splitlines()
    second = http.post("/api/v1/feedback", json={"answer_id": answer["id"], "vote": "down", "comment": "不完整"})
    assert second.json() == {"ok": True, "replaced": True, "message": render("feedback_replaced")}
    after = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert len(after) == len(lines)
    mine = [r for r in after if r["answer_id"] == answer["id"]]
    assert len(mine) == 1 and mine[0]["vote"] == "down" and mine[0]["comment"] == "不完整"
    assert mine[0]["question"] == RONGPIAO
    assert mine[0]["sentence_ids"] == [c["sentence_id"] for c in answer["citations"]]


@pytest.mark.parametrize(("body", "code"), [
    ({"answer_id": "0" * 32, "vote": "up"}, "unknown_answer"),
    ({"answer_id": "not-an-id", "vote": "up"}, "bad_request"),
    ({"answer_id": "0" * 32, "vote": "maybe"}, "bad_request"),
    ({"answer_id": "0" * 32, "vote": "up", "comment": "x" * 1001}, "bad_request"),
    ({"answer_id": "0" * 32, "vote": "up", "question": "q"}, "bad_request"),
])
def test_feedback_is_typed_and_refers_to_a_given_answer(http, body, code):
    r = http.post("/api/v1/feedback", json=body)
    assert error_code(r) == code and r.status_code in (404, 422)


def test_oversized_bodies_get_413_json(http):
    r = http.post("/api/v1/ask", content=b'{"question": "' + b"x" * 70_000 + b'"}',
                  headers={"content-type": "application/json"})
    assert (r.status_code, error_code(r)) == (413, "too_large")

    def chunked():
        yield b'{"question": "'
        for _ in range(20):
            yield b"y" * 5_000
        yield b'"}'

    r = http.post("/api/v1/ask", content=chunked(), headers={"content-type": "application/json"})
    assert (r.status_code, error_code(r)) == (413, "too_large")
    # the page's own routes take up to QA_PAGE_BODY_BYTES (its first request carries the saved conversations)
    r = http.post("/gradio_api/queue/join", content=b"{" + b" " * (Settings().page_body_bytes + 10) + b"}",
                  headers={"content-type": "application/json"})
    assert (r.status_code, error_code(r)) == (413, "too_large")


def test_health_and_readiness(http):
    assert http.get("/api/v1/healthz").json() == {"status": "ok"}
    ready = http.get("/api/v1/readyz").json()
    assert ready["status"] == "ready" and ready["sentences"] > 0


def test_security_headers_and_frame_ancestors(http, web_server):
    for path in ("/", "/embed", "/api/v1/healthz"):
        r = http.get(path)
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "same-origin"
        csp = r.headers["content-security-policy"]
        assert f"frame-ancestors 'self' {web_server['embed_origin']}" in csp
        assert web_server["foreign_origin"] not in csp
    assert "'unsafe-inline'" not in http.get("/embed").headers["content-security-policy"]


def test_cors_follows_the_embedding_origins(http, web_server):
    allowed = http.options("/api/v1/ask", headers={"Origin": web_server["embed_origin"],
                                                   "Access-Control-Request-Method": "POST"})
    assert allowed.headers.get("access-control-allow-origin") == web_server["embed_origin"]
    foreign = http.options("/api/v1/ask", headers={"Origin": web_server["foreign_origin"],
                                                   "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in foreign.headers
    r = http.post("/api/v1/ask", json={"question": RONGPIAO}, headers={"Origin": web_server["foreign_origin"]})
    assert (r.status_code, error_code(r)) == (403, "forbidden_origin")
    r = http.post("/api/v1/ask", json={"question": RONGPIAO}, headers={"Origin": web_server["embed_origin"]})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == web_server["embed_origin"]


def test_openapi_schema_and_docs_page(http):
    spec = http.get("/api/v1/openapi.json").json()
    assert {"/api/v1/ask", "/api/v1/ask/stream", "/api/v1/feedback", "/v1/chat/completions"} <= set(spec["paths"])
    docs = http.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/ask/stream" in docs.text and "<script" not in docs.text


def test_metrics_count_stages_votes_and_errors(http):
    answer = http.post("/api/v1/ask", json={"question": RONGPIAO}).json()
    http.post("/api/v1/feedback", json={"answer_id": answer["id"], "vote": "up"})
    http.post("/api/v1/ask", json={"question": ""})
    text = http.get("/metrics").text
    assert 'qa_stage_seconds_count{stage="retrieve"}' in text and 'qa_stage_seconds_count{stage="total"}' in text
    assert 'qa_feedback_votes_total{vote="up"}' in text and 'qa_errors_total{code="empty_question"}' in text
    assert 'qa_answers_total{outcome="answered",surface="rest"}' in text


def test_logs_are_json_with_request_ids_and_no_question_text(http, web_server):
    secret_question = "机密问题：蓉漂品牌预算是多少？"
    r = http.post("/api/v1/ask", json={"question": secret_question}, headers={"X-Request-ID": "test-req-42"})
    assert r.headers["x-request-id"] == "test-req-42"
    mine = request_records(web_server["log"], "test-req-42", {"answered", "request"})
    assert {rec["message"] for rec in mine} >= {"answered", "request"}
    assert secret_question not in web_server["log"].read_text(encoding="utf-8")
