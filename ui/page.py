"""The Gradio page: a chat tab (past conversations, the conversation, the question box, examples,
the sources of the selected answer) and a documents tab (the library, a reader, the admin panel).

`build_page(hooks)` lays it out and wires the events; the handlers live in chat_events.py and
library_tab.py, the HTML in chat.py, sources.py, conversations.py, documents.py, admin.py,
examples.py and status.py. The server (web/server.py) supplies the hooks (ui/hooks.py).
"""
from __future__ import annotations

import json

import gradio as gr

from prompts import render

from . import conversations as convs
from .chat import chat_html
from .chat_events import ChatEvents, fresh_session, hint
from .examples import examples_html
from .hooks import PageHooks
from .library_tab import LibraryTab
from .markup import FONT_STACK, MONO_STACK, esc, page_css, page_head, static
from .sources import empty_panel
from .status import status_html

THEME = gr.themes.Soft(font=FONT_STACK, font_mono=MONO_STACK)
STORAGE_KEY = "qa-conversations"
PRIVATE = {"api_visibility": "private"}


def counter_html(limit: int) -> str:
    return (f'<span class="counter" data-limit="{limit}" data-label="{esc(render("app_question_label"))}" '
            f'data-template="{esc(render("app_counter", count="{count}", limit=limit))}">'
            f'{esc(render("app_counter", count=0, limit=limit))}</span>')


def sources_js() -> str:
    label = json.dumps(render("app_sources_title"), ensure_ascii=False)
    return (f"element.setAttribute('role', 'region'); element.setAttribute('aria-label', {label});\n"
            f"element.setAttribute('aria-live', 'polite');\n{static('panels.js')}")


def build_page(hooks: PageHooks) -> gr.Blocks:
    events, library = ChatEvents(hooks), LibraryTab(hooks)
    panels = static("panels.js")

    def status_stream():
        for update in hooks.status():
            yield status_html(update)

    def ask_example(session: dict, store: dict, evt: gr.EventData, request: gr.Request):
        yield from events.ask(str((evt._data or {}).get("question") or ""), session, store, request)

    with gr.Blocks(title=render("app_title"), analytics_enabled=False) as demo:
        for name, fn in hooks.api.items():  # first: the published names must not go to the page's own events
            gr.api(fn, api_name=name)
        with gr.Row(elem_id="top"):
            gr.HTML(f'<h1 class="qa-title">{esc(render("app_title"))}</h1>', elem_id="title")
            status = gr.HTML(status_html(None), elem_id="status")
        session, store = gr.State(fresh_session()), gr.State(convs.new_store(""))
        browser = gr.BrowserState(None, storage_key=STORAGE_KEY, secret=hooks.storage_secret)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab(render("app_tab_chat"), id="chat-tab", elem_id="chat-tab"):
                with gr.Row(equal_height=False, elem_id="chat-row"):
                    with gr.Column(scale=1, min_width=200, elem_id="conv-column"):
                        new = gr.Button(render("conv_new"), size="sm", elem_id="new-conv")
                        gr.HTML(f'<h2 class="qa-h">{esc(render("conv_heading"))}</h2>')
                        conv_list = gr.HTML(convs.list_html(convs.new_store(""), None), elem_id="convs",
                                            js_on_load=panels)
                        export = gr.Button(render("conv_export"), size="sm", elem_id="export")
                        export_area = gr.HTML("", elem_id="export-area", js_on_load=panels)
                    with gr.Column(scale=4, min_width=320, elem_id="chat-column"):
                        chat = gr.HTML(chat_html([]), elem_id="chat", js_on_load=static("chat.js"))
                        question = gr.Textbox(label=render("app_question_label"), show_label=False, lines=1,
                                              max_lines=6, placeholder=render("question_placeholder"), interactive=False,
                                              elem_id="question", submit_btn=render("app_send"))
                        with gr.Row():
                            notice = gr.HTML(hint(), elem_id="hint")
                            gr.HTML(counter_html(hooks.max_question_chars), elem_id="counter")
                        examples = gr.HTML(examples_html([]), elem_id="examples", js_on_load=panels)
                    with gr.Column(scale=3, min_width=280, elem_id="sources-column"):
                        sources = gr.HTML(empty_panel(), elem_id="sources", js_on_load=sources_js())
            with gr.Tab(render("app_tab_documents"), id="documents", elem_id="documents-tab"):
                listing, reader, admin, view = library.build(tabs, panels)

        asked = [chat, sources, question, notice, session, store, browser, conv_list]
        question.submit(events.ask, [question, session, store], asked, concurrency_limit=4, **PRIVATE)
        examples.ask(ask_example, [session, store], asked, concurrency_limit=4, **PRIVATE)
        chat.cite(events.cite, [session], [sources], queue=False, **PRIVATE)
        chat.pick(events.pick, [session], [sources], queue=False, **PRIVATE)
        # a changed vote sent while the first is still being recorded must not be dropped ("once", Gradio's
        # default, ignores it): the last click wins
        chat.vote(events.vote, [session, store], [notice, session, store, browser], trigger_mode="always_last",
                  **PRIVATE)
        sources.open(library.open, None, [reader, tabs], queue=False, **PRIVATE)
        shown = [chat, sources, session, store, conv_list]
        conv_list.pick(events.open, [store], shown, queue=False, **PRIVATE)
        conv_list.remove(events.remove, [session, store], [*shown, browser], queue=False, **PRIVATE)
        new.click(events.new, [store], shown, queue=False, **PRIVATE)
        export.click(events.export, [session], [export_area], queue=False, **PRIVATE)

        demo.load(events.restore, [browser, session], [*shown, question], queue=False, **PRIVATE)
        demo.load(library.admin_panel, None, [admin], queue=False, **PRIVATE)
        loaded = demo.load(status_stream, None, status, show_progress="hidden", **PRIVATE)
        loaded.then(lambda: examples_html(hooks.examples()), None, examples, show_progress="hidden", **PRIVATE)
        loaded.then(library.listing, [view], [listing, view], show_progress="hidden", **PRIVATE)
    return demo


__all__ = ["THEME", "build_page", "page_css", "page_head"]
