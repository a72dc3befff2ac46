"""The Gradio chat page (moved from app.py): chat, sources panel, votes, status line.

The page does not answer by itself: `build_page` is handed
- `ask(question, history, request) -> Answer` (a refusal, busy or timeout comes back as an
  Answer with `error` set, never as an exception),
- `vote(answer_id, "up" | "down", request) -> str` (the message to show),
- `status()` (a generator of status lines for the page's top),
- `api`: functions published for gradio_client (`gr.api`), by name.
The web layer (web/server.py) supplies them, so the page goes through the same
limits as every other surface.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping

import gradio as gr

from assistant import Answer
from prompts import render
from assistant.ui_format import CSS, FONT_STACK, MONO_STACK, answer_message, chat_messages, sources_html

log = logging.getLogger(__name__)
EXAMPLES = [
    "如何提升“蓉漂”品牌的海外影响力？",
    "15分钟社区生活服务圈是怎么提出的？",
    "年轻干部“四个一批”计划指什么？",
    "What does the article say about grassroots Party organisations?",
]
THEME = gr.themes.Soft(font=FONT_STACK, font_mono=MONO_STACK)
PAGE_CSS = CSS
KEEP_QUESTION = {"busy", "timeout", "not_ready", "rate_limited", "service_error"}  # worth sending again

AskFn = Callable[[str, list[dict], "gr.Request | None"], Answer]
VoteFn = Callable[[str, str, "gr.Request | None"], str]


def _turn(question: str, answer: Answer) -> dict:
    """What the page remembers of one exchange (kept in a gr.State)."""
    return {"question": question, "answer": answer.answer, "error": answer.error, "shown": answer_message(answer),
            "sentence_ids": [c.sentence_id for c in answer.citations], "id": answer.id}


def respond(ask: AskFn, question: str, turns: list[dict], request: gr.Request | None = None):
    """Chat handler: show the question at once, then the answer and its sources."""
    yield chat_messages(turns + [{"question": question, "shown": render("app_pending")}]), "", turns, gr.update()
    history = [m for t in turns if not t["error"] for m in (
        {"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"]})]
    try:
        answer = ask(question, history, request)
    except Exception:
        log.exception("answering failed")
        answer = Answer(question=question, answer=render("service_error"), error="service_error")
    turn = _turn(question, answer)
    box = question if answer.error in KEEP_QUESTION else ""  # the question is kept when a retry may work
    yield chat_messages(turns + [turn]), box, turns + [turn], sources_html(answer)


def on_like(vote: VoteFn, turns: list[dict], data: gr.LikeData, request: gr.Request | None = None) -> None:
    index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
    if data.liked not in (True, False) or not 0 <= index // 2 < len(turns):
        return  # a vote withdrawn, or an unknown message
    turn = turns[index // 2]
    if turn["error"]:
        return
    gr.Info(vote(turn["id"], "up" if data.liked else "down", request))


def build_page(ask: AskFn, vote: VoteFn, status: Callable[[], Iterator[str]],
               api: Mapping[str, Callable] | None = None) -> gr.Blocks:
    def submitted(question: str, turns: list[dict], request: gr.Request):
        yield from respond(ask, question, turns, request)

    def liked(turns: list[dict], data: gr.LikeData, request: gr.Request) -> None:
        on_like(vote, turns, data, request)

    with gr.Blocks(title=render("app_title"), analytics_enabled=False) as demo:
        gr.Markdown(f"# {render('app_title')}")
        status_line = gr.Markdown(elem_id="status")
        turns = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label=render("app_chat_label"), height=520, elem_id="chat",
                                     sanitize_html=True, latex_delimiters=[], buttons=["copy"])
                question = gr.Textbox(show_label=False, placeholder=render("question_placeholder"),
                                      lines=1, max_lines=6, elem_id="question", submit_btn=render("app_send"))
                clear = gr.Button(render("app_clear"), variant="secondary", size="sm")
                gr.Examples(EXAMPLES, inputs=[question], label=render("app_examples"))
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html(None), elem_id="sources")
        question.submit(submitted, [question, turns], [chatbot, question, turns, sources],
                        api_visibility="private", concurrency_limit=4)
        chatbot.like(liked, [turns], None, api_visibility="private")
        clear.click(lambda: ([], [], sources_html(None), ""), None, [chatbot, turns, sources, question],
                    api_visibility="private", queue=False)
        chatbot.clear(lambda: ([], sources_html(None)), None, [turns, sources], api_visibility="private", queue=False)
        demo.load(status, None, status_line, api_visibility="private", show_progress="hidden")
        for name, fn in (api or {}).items():
            gr.api(fn, api_name=name)
    return demo
