"""The OpenAI-compatible API (/v1) through the official `openai` client and LangChain's ChatOpenAI.

The server is conftest.py's `web_server`; the same question must get the same
cited answer here as through REST.
"""
from __future__ import annotations

import httpx
import pytest

from prompts import render

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"
NOT_IN_DOCS = "成都地铁有几条线路？"
PARENT = "这属于哪一项工作？"


@pytest.fixture(scope="module")
def client(web_server):
    from openai import OpenAI

    return OpenAI(base_url=f"{web_server['url']}v1", api_key="unused-when-sign-in-is-off", max_retries=0)


@pytest.fixture(scope="module")
def rest_answer(web_server) -> dict:
    return httpx.post(f"{web_server['url']}api/v1/ask", json={"question": RONGPIAO}, timeout=30).json()


def test_models_lists_the_assistant(client):
    assert [m.id for m in client.models.list().data] == ["document-assistant"]


def test_completion_content_is_the_cited_answer_with_sources(client, rest_answer):
    reply = client.chat.completions.create(model="document-assistant",
                                           messages=[{"role": "user", "content": RONGPIAO}])
    content = reply.choices[0].message.content
    assert content.startswith(rest_answer["answer"]) and reply.choices[0].finish_reason == "stop"
    assert f"\n\n{render('sources_heading')}：\n[1] " in content and RONGPIAO_SENTENCE in content
    citations = reply.model_extra["citations"]
    assert [c["sentence_id"] for c in citations] == [c["sentence_id"] for c in rest_answer["citations"]]
    assert reply.id == f"chatcmpl-{reply.model_extra['answer_id']}"


def test_abstention_lists_the_closest_passages(client):
    reply = client.chat.completions.create(model="document-assistant",
                                           messages=[{"role": "user", "content": NOT_IN_DOCS}])
    assert reply.model_extra["abstained"] is True and reply.model_extra["citations"] == []
    assert f"{render('related_heading')}：\n" in reply.choices[0].message.content


def test_streaming_gives_the_same_text_and_citations_in_the_last_chunk(client, rest_answer):
    stream = client.chat.completions.create(model="document-assistant", stream=True,
                                            stream_options={"include_usage": True},
                                            messages=[{"role": "user", "content": RONGPIAO}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    finishing = [c for c in chunks if c.choices and c.choices[0].finish_reason == "stop"]
    assert text.startswith(rest_answer["answer"]) and RONGPIAO_SENTENCE in text
    assert len(finishing) == 1
    assert [c["sentence_id"] for c in finishing[0].model_extra["citations"]] == \
        [c["sentence_id"] for c in rest_answer["citations"]]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == len(text)


def test_history_comes_from_the_messages(client, web_server):
    first = client.chat.completions.create(model="document-assistant",
                                           messages=[{"role": "user", "content": RONGPIAO}])
    messages = [{"role": "system", "content": "You answer from documents."},
                {"role": "user", "content": RONGPIAO},
                {"role": "assistant", "content": first.choices[0].message.content},
                {"role": "user", "content": "具体怎么做？"}]
    follow = client.chat.completions.create(model="document-assistant", messages=messages)
    history = [{"role": "user", "content": RONGPIAO}, {"role": "assistant", "content": first.choices[0].message.content
                                                       .split("\n\n")[0]}]
    rest = httpx.post(f"{web_server['url']}api/v1/ask", json={"question": "具体怎么做？", "history": history},
                      timeout=30).json()
    assert follow.choices[0].message.content.startswith(rest["answer"])
    assert render("followup_notice", resolved=rest["resolved_question"]) in rest["notices"]


def test_refusals_raise_the_clients_error_with_the_code(client):
    import openai

    with pytest.raises(openai.UnprocessableEntityError) as refused:
        client.chat.completions.create(model="document-assistant", messages=[{"role": "user", "content": " "}])
    assert refused.value.body["code"] == "empty_question"
    with pytest.raises(openai.UnprocessableEntityError) as last_not_user:
        client.chat.completions.create(model="document-assistant",
                                       messages=[{"role": "assistant", "content": "hello"}])
    assert last_not_user.value.body["code"] == "bad_request"


def test_langchain_chat_openai_invokes_and_streams(web_server, rest_answer):
    from langchain_core.messages import AIMessage, HumanMessage
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(base_url=f"{web_server['url']}v1", api_key="unused", model="document-assistant",
                     max_retries=0, timeout=30)
    reply = llm.invoke([HumanMessage(RONGPIAO)])
    assert reply.content.startswith(rest_answer["answer"]) and RONGPIAO_SENTENCE in reply.content
    streamed = "".join(chunk.content for chunk in llm.stream(RONGPIAO))
    assert streamed == reply.content
    follow = llm.invoke([HumanMessage(RONGPIAO), AIMessage(reply.content), HumanMessage(PARENT)])
    ask = f"{web_server['url']}api/v1/ask"
    history = [{"role": "user", "content": RONGPIAO}, {"role": "assistant", "content": rest_answer["answer"]}]
    with_history = httpx.post(ask, json={"question": PARENT, "history": history}, timeout=30).json()
    without = httpx.post(ask, json={"question": PARENT}, timeout=30).json()
    assert with_history["answer"] != without["answer"]  # so the history is what makes the difference
    assert follow.content.startswith(with_history["answer"])
