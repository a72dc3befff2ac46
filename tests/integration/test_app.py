"""The web chat end to end: `python app.py` in a subprocess, called through gradio_client.

The server runs on a fresh temporary data folder, so it goes through first start
(no index: build it, then load) and its feedback file is its own. The embedding
model is conftest.py's `model_dir`, materialised in the project's data folder when missing.
"""
import json

import pytest

from appserver import running_app
from prompts import render

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_dir):
    with running_app(tmp_path_factory.mktemp("data"), model_dir) as served:
        yield served


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server["url"], verbose=False)


def test_first_start_builds_the_index_and_answers_with_the_cited_sentence(server, client):
    result = client.predict(RONGPIAO, [], api_name="/ask")
    assert result["error"] is None and not result["abstained"]
    assert any(RONGPIAO_SENTENCE in c["text"] for c in result["citations"]), result
    assert "[1]" in result["answer"]
    assert (server["data"] / "last_build.json").is_file()
    assert render("app_index_building") in server["log"].read_text(errors="replace")


def test_bad_questions_get_a_clear_message_and_the_server_keeps_serving(client):
    empty = client.predict("   \n ", [], api_name="/ask")
    assert empty["error"] == "empty_question" and empty["answer"] == render("empty_question")

    long = client.predict("蓉漂" * 10_000, [], api_name="/ask")
    assert long["error"] == "too_long" and "20000" in long["answer"]

    control = client.predict("蓉漂\x00品牌\x07海外影响力", [], api_name="/ask")
    assert render("control_chars_removed") in control["notices"]

    again = client.predict(RONGPIAO, [], api_name="/ask")
    assert any(RONGPIAO_SENTENCE in c["text"] for c in again["citations"])


def test_follow_up_uses_the_history(client):
    history = [{"role": "user", "content": RONGPIAO}, {"role": "assistant", "content": "……"}]
    result = client.predict("具体怎么做？", history, api_name="/ask")
    assert result["resolved_question"] and result["resolved_question"] != "具体怎么做？"


def test_feedback_appends_one_json_line(server, client):
    path = server["data"] / "feedback.jsonl"
    before = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    reply = client.predict(RONGPIAO, "实施……[1]", ["abc-00060"], "up", api_name="/feedback")
    assert reply == {"ok": True, "message": render("feedback_thanks")}
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(before) + 1
    record = json.loads(lines[-1])
    assert record["question"] == RONGPIAO and record["vote"] == "up" and record["sentence_ids"] == ["abc-00060"]
    assert record["answer"] == "实施……[1]" and record["timestamp"]


def test_feedback_refuses_an_unknown_vote(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError):
        client.predict(RONGPIAO, "x", [], "maybe", api_name="/feedback")


# --- the chat handler itself, in process, on the project's data folder ----------

@pytest.fixture(scope="module")
def app_module():
    import app

    return app


def test_chat_handler_shows_the_question_literally_then_the_answer_and_sources(app_module):
    steps = list(app_module.respond("<b>蓉漂</b>品牌 *海外影响力*", []))
    pending_chat, box, _, _ = steps[0]
    assert box == "" and pending_chat[-1]["content"] == render("app_pending")
    chat, box, turns, sources = steps[-1]
    assert chat[0]["content"].startswith("&lt;b&gt;") and "\\*" in chat[0]["content"]
    assert "[1\\]" in chat[1]["content"] and turns[0]["sentence_ids"]
    assert "<mark>" in sources and "蓉漂" in sources

    follow = list(app_module.respond("具体怎么做？", turns))[-1]
    assert len(follow[0]) == 4 and len(follow[2]) == 2


def test_chat_handler_failure_shows_service_error_and_keeps_the_question(app_module, monkeypatch):
    """Fault injection: the answering call raises, as a broken store would."""
    from assistant.ui_format import chat_text

    def broken(question, history=None):
        raise RuntimeError("store unavailable")

    monkeypatch.setattr(app_module, "ask", broken)
    chat, box, turns, _ = list(app_module.respond("蓉漂是什么？", []))[-1]
    assert box == "蓉漂是什么？"
    assert chat[-1]["content"] == chat_text(render("service_error"))
    assert turns[0]["error"] == "service_error"
