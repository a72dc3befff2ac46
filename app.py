"""The web chat: `python app.py` serves it on settings.host:settings.port (QA_HOST / QA_PORT).

Importing this module only builds the page (`demo`); the assistant (model and
store) loads in the background at launch, building the index first when none
exists, with progress shown on the page.

JSON API, for scripts (the chat events themselves are private):

    from gradio_client import Client
    c = Client("http://127.0.0.1:7860/")
    c.predict("如何提升“蓉漂”品牌的海外影响力？", [], api_name="/ask")
        -> `Answer.model_dump()`: answer, citations, abstained, related, error, notices, timings ...
    c.predict(question, answer, ["<sentence id>", ...], "up", api_name="/feedback")
        -> {"ok": True, "message": ...}; appends one JSON line to settings.feedback_file
"""
import json
import logging
import os
import threading
from datetime import datetime, timezone

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no telemetry or version checks

import gradio as gr  # noqa: E402

from assistant import Answer, Assistant, Settings  # noqa: E402
from prompts import render  # noqa: E402
from assistant.ui_format import (  # noqa: E402
    CSS, FONT_STACK, MONO_STACK, answer_message, chat_messages, chat_text, sources_html,
)
from index.build import build_index, index_exists, last_build  # noqa: E402

log = logging.getLogger("app")
EXAMPLES = [
    "如何提升“蓉漂”品牌的海外影响力？",
    "15分钟社区生活服务圈是怎么提出的？",
    "年轻干部“四个一批”计划指什么？",
    "What does the article say about grassroots Party organisations?",
]
THEME = gr.themes.Soft(font=FONT_STACK, font_mono=MONO_STACK)


class Loader:
    """Loads the assistant once, in a background thread, building the index first if there is none."""

    def __init__(self, settings: Settings):
        self.settings, self.progress = settings, [render("app_loading")]
        self.assistant: Assistant | None = None
        self._lock, self._ready, self._thread = threading.Lock(), threading.Event(), None

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._ready.clear()
                self._thread = threading.Thread(target=self._load, name="assistant-loader", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        try:
            if not index_exists(self.settings):
                self.progress = []
                self._say(render("app_index_building"))
                self.settings.data_dir.mkdir(parents=True, exist_ok=True)
                build_index(self.settings, progress=self._say)
                self._say(render("app_loading"))
            self.assistant = Assistant.from_settings(self.settings)
        except Exception:
            log.exception("loading the assistant failed")
            with self._lock:
                self._thread = None  # the next question tries again
        finally:
            self._ready.set()

    def _say(self, message: str) -> None:
        log.info("%s", message)
        self.progress.append(message)

    def get(self) -> Assistant:
        self.start()
        self._ready.wait()
        if self.assistant is None:
            raise RuntimeError("the assistant could not be loaded")
        return self.assistant

    def status(self):
        """Generator for the page's status line: progress while loading, then the description."""
        self.start()
        shown = None
        while not self._ready.wait(0.5):
            text = "\n\n".join(f"⏳ {chat_text(line)}" for line in self.progress[-3:])
            if text != shown:
                shown = text
                yield text
        record = last_build(self.settings) or {}
        yield render("app_description", documents=record.get("documents", 0), sentences=record.get("sentences", 0))


settings = Settings()
loader = Loader(settings)
_ask_lock, _feedback_lock = threading.Lock(), threading.Lock()


def ask(question: str, history: list[dict] | None = None) -> dict:
    """Answer `question` (history: earlier {"role", "content"} messages); returns the Answer as a dict."""
    assistant = loader.get()
    with _ask_lock:
        return assistant.ask(question, history=history or []).model_dump()


def feedback(question: str, answer: str, sentence_ids: list[str], vote: str) -> dict:
    """Record a 👍 ("up") or 👎 ("down") on an answer as one JSON line in the feedback file."""
    if vote not in ("up", "down"):
        raise gr.Error("vote must be 'up' or 'down'")
    record = {"timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"), "question": question,
              "answer": answer, "sentence_ids": list(sentence_ids), "vote": vote}
    with _feedback_lock:
        settings.feedback_file.parent.mkdir(parents=True, exist_ok=True)
        with settings.feedback_file.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"ok": True, "message": render("feedback_thanks")}


def _turn(question: str, answer: Answer) -> dict:
    """What the page remembers of one exchange (kept in a gr.State)."""
    return {"question": question, "answer": answer.answer, "error": answer.error, "shown": answer_message(answer),
            "sentence_ids": [c.sentence_id for c in answer.citations]}


def respond(question: str, turns: list[dict]):
    """Chat handler: show the question at once, then the answer and its sources."""
    yield chat_messages(turns + [{"question": question, "shown": render("app_pending")}]), "", turns, gr.update()
    history = [m for t in turns if not t["error"] for m in (
        {"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"]})]
    try:
        answer = Answer.model_validate(ask(question, history))
    except Exception:
        log.exception("answering %r failed", question[:200])
        failed = _turn(question, Answer(question=question, answer=render("service_error"), error="service_error"))
        yield chat_messages(turns + [failed]), question, turns + [failed], gr.update()  # the question is kept
        return
    turns = turns + [_turn(question, answer)]
    yield chat_messages(turns), "", turns, sources_html(answer)


def on_like(turns: list[dict], data: gr.LikeData) -> None:
    index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
    if data.liked not in (True, False) or not 0 <= index // 2 < len(turns):
        return  # a vote withdrawn, or an unknown message
    turn = turns[index // 2]
    feedback(turn["question"], turn["answer"], turn["sentence_ids"], "up" if data.liked else "down")
    gr.Info(render("feedback_thanks"))


def build_app() -> gr.Blocks:
    with gr.Blocks(title=render("app_title"), analytics_enabled=False) as demo:
        gr.Markdown(f"# {render('app_title')}")
        status = gr.Markdown(elem_id="status")
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
        question.submit(respond, [question, turns], [chatbot, question, turns, sources],
                        api_visibility="private", concurrency_limit=4)
        chatbot.like(on_like, [turns], None, api_visibility="private")
        clear.click(lambda: ([], [], sources_html(None), ""), None, [chatbot, turns, sources, question],
                    api_visibility="private", queue=False)
        chatbot.clear(lambda: ([], sources_html(None)), None, [turns, sources], api_visibility="private", queue=False)
        demo.load(loader.status, None, status, api_visibility="private", show_progress="hidden")
        gr.api(ask, api_name="ask")
        gr.api(feedback, api_name="feedback")
    return demo


demo = build_app()

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    loader.start()
    demo.queue().launch(server_name=settings.host, server_port=settings.port, theme=THEME, css=CSS,
                        footer_links=["api", "settings"], show_error=False)
