"""The web chat end to end: `python app.py` in a subprocess, called through gradio_client.

The server runs on a fresh temporary data folder, so it goes through first start
(no index: build it, then load) and its feedback file is its own. The embedding
model is conftest.py's `model_dir`, materialised in the project's data folder when missing.
"""
import json

import pytest

from appserver import running_app, wait_until
from prompts import render

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_dir):
    import httpx

    with running_app(tmp_path_factory.mktemp("data"), model_dir, ready=False) as served:
        early = httpx.get(f"{served['url']}api/v1/readyz", timeout=10)  # right after start: still building
        wait_until(f"{served['url']}api/v1/readyz", served["proc"], served["log"])
        yield {**served, "early": early}


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server["url"], verbose=False)


def test_first_start_builds_the_index_and_answers_with_the_cited_sentence(server, client):
    assert server["early"].status_code == 503 and server["early"].json()["error"]["code"] == "not_ready"
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


def test_feedback_records_a_vote_on_a_given_answer_and_a_second_vote_replaces_it(server, client):
    path = server["data"] / "feedback.jsonl"
    answer = client.predict(RONGPIAO, [], api_name="/ask")
    reply = client.predict(answer["id"], "up", api_name="/feedback")
    assert reply == {"ok": True, "replaced": False, "message": render("feedback_thanks")}
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert record["answer_id"] == answer["id"] and record["question"] == RONGPIAO and record["vote"] == "up"
    assert record["sentence_ids"] == [c["sentence_id"] for c in answer["citations"]] and record["timestamp"]
    again = client.predict(answer["id"], "down", api_name="/feedback")
    assert again["replaced"] is True
    mine = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert [r["vote"] for r in mine if r["answer_id"] == answer["id"]] == ["down"]


@pytest.mark.parametrize(("answer_id", "vote", "code"), [
    ("0" * 32, "up", "unknown_answer"), ("0" * 32, "maybe", "bad_request"), (None, "up", "bad_request"),
    ("x" * 50_000, "up", "bad_request"),
])
def test_feedback_refuses_unknown_answers_and_untyped_input(client, answer_id, vote, code):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=code):
        client.predict(answer_id, vote, api_name="/feedback")


@pytest.mark.parametrize(("question", "history"), [
    (123, []), ("蓉漂", "earlier"), ("蓉漂", [None]), (None, None), ("蓉漂", [{"role": "user", "content": 5}]),
])
def test_untyped_input_gets_a_coded_refusal_without_a_traceback(server, client, question, history):
    result = client.predict(question, history, api_name="/ask")
    assert result["error"] == "bad_request" and result["answer"].startswith(render("error_bad_request", detail=""))
    assert "Traceback" not in server["log"].read_text(errors="replace")


def test_private_handlers_and_gradio_extras_are_closed(server):
    import httpx

    monitoring = httpx.get(f"{server['url']}monitoring", timeout=10)
    assert monitoring.status_code == 404 and monitoring.json()["error"]["code"] == "not_found"
    assert "Monitoring URL" not in server["log"].read_text(errors="replace")
    info = httpx.get(f"{server['url']}gradio_api/info", timeout=10).json()
    assert set(info["named_endpoints"]) == {"/ask", "/feedback"}


# --- the chat handler itself, in process, on the seed index ----------------------

@pytest.fixture(scope="module")
def bridge(seed_settings):
    from assistant import Assistant
    from web.gradio_bridge import GradioBridge
    from web.service import AnswerService

    assistant = Assistant.from_settings(seed_settings)
    service = AnswerService(seed_settings, lambda: assistant)
    yield GradioBridge(service)
    service.close()


def page_events(ask):
    from ui.chat_events import ChatEvents
    from ui.hooks import PageHooks

    return ChatEvents(PageHooks(ask=ask, vote=lambda *args: "", status=lambda: iter(())))


def test_chat_handler_shows_the_question_literally_then_the_answer_and_sources(bridge):
    from ui import conversations as convs
    from ui.chat_events import fresh_session

    events = page_events(bridge.ask)
    steps = list(events.ask("<b>蓉漂</b>品牌 *海外影响力*", fresh_session(), convs.new_store("anonymous")))
    pending_chat, _, box = steps[0][:3]
    assert box == "" and render("app_pending") in pending_chat
    assert "&lt;b&gt;蓉漂&lt;/b&gt;品牌 *海外影响力*" in pending_chat and "<b>" not in pending_chat
    chat, sources, box, _hint, session, store, browser, listing = steps[-1]
    turn = session["turns"][0]
    assert 'class="cite" data-turn="0" data-n="1"' in chat and turn["cites"] and len(turn["id"]) == 32
    assert "<mark>" in sources and "蓉漂" in sources and box == ""
    assert store["items"][0]["turns"] == session["turns"] and browser == store and session["conv"] in listing

    follow = list(events.ask("具体怎么做？", session, store))[-1]
    assert len(follow[4]["turns"]) == 2 and follow[4]["conv"] == session["conv"] and follow[4]["turns"][1]["notices"]


def test_the_page_load_does_not_clear_an_answer_given_before_it_finished(bridge):
    """A question submitted while the page was still loading: the load's restore of saved conversations
    (an empty browser store here) leaves the answer on screen; on a fresh page it shows the empty state."""
    import gradio as gr

    from ui import conversations as convs
    from ui.chat_events import fresh_session

    events = page_events(bridge.ask)
    answered = list(events.ask("如何提升“蓉漂”品牌的海外影响力？", fresh_session(), convs.new_store("anonymous")))[-1]
    session = answered[4]
    assert session["turns"]
    *kept, box = events.restore(None, session)
    assert all(isinstance(out, type(gr.skip())) for out in kept) and box["interactive"] is True
    chat, sources, fresh, _store, _listing, box = events.restore(None, fresh_session())
    assert fresh["turns"] == [] and "蓉漂" not in sources and box["interactive"] is True


def test_chat_handler_failure_keeps_the_question_and_adds_no_turn():
    """Fault injection: the answering call raises, as a broken store would."""
    from ui import conversations as convs
    from ui.chat_events import fresh_session

    def broken(question, history, request=None):
        raise RuntimeError("store unavailable")

    chat, _sources, box, hint = list(page_events(broken).ask("蓉漂是什么？", fresh_session(),
                                                             convs.new_store("anonymous")))[-1][:4]
    assert box == "蓉漂是什么？" and render("service_error") in hint and 'role="alert"' in hint
    assert 'class="msg bot' not in chat
