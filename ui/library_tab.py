"""The documents tab: its components and handlers (list, search by title, status filter, paging,
opening a document at a sentence) and the admin panel when there is an admin."""
from __future__ import annotations

import gradio as gr

from prompts import render

from .admin import panel_html, panel_texts
from .documents import PAGE_SIZE, list_html, pages, reader_html
from .hooks import PageHooks
from .markup import esc, static

STATUSES = [("docs_status_any", ""), ("docs_status_indexed", "indexed"), ("docs_status_skipped", "skipped"),
            ("docs_status_pending", "pending")]


def not_ready() -> str:
    return f'<div class="doclist qa"><p class="empty">{esc(render("docs_not_ready"))}</p></div>'


class LibraryTab:
    def __init__(self, hooks: PageHooks):
        self.hooks = hooks

    def admin_here(self, request: gr.Request | None) -> bool:
        return bool(self.hooks.admin_token or self.hooks.viewer(request).admin)

    def listing(self, view: dict, request: gr.Request | None = None) -> tuple[str, dict]:
        documents = self.hooks.documents()
        if documents is None:
            return not_ready(), view
        total, found = documents.list(view["q"][:200], "", view["status"], PAGE_SIZE, view["page"] * PAGE_SIZE)
        if not found and view["page"] > 0:  # the page emptied (documents deleted): show the last one
            view = {**view, "page": pages(total) - 1}
            total, found = documents.list(view["q"][:200], "", view["status"], PAGE_SIZE, view["page"] * PAGE_SIZE)
        return list_html(total, found, view["page"], self.admin_here(request)), view

    def search(self, query: str, status: str, request: gr.Request | None = None):
        view = {"q": (query or "").strip(), "status": status if status in dict((v, v) for _, v in STATUSES) else "",
                "page": 0}
        return self.listing(view, request)

    def page(self, view: dict, evt: gr.EventData, request: gr.Request | None = None):
        wanted = (evt._data or {}).get("page")
        if isinstance(wanted, int) and wanted >= 0:
            view = {**view, "page": wanted}
        return self.listing(view, request)

    def open(self, evt: gr.EventData):
        """A document from the list (start < 0) or from a source (at its sentence); switches to the tab."""
        data = evt._data or {}
        doc_id, start, end = data.get("doc"), data.get("start"), data.get("end")
        documents = self.hooks.documents()
        if not isinstance(doc_id, int) or documents is None:
            return gr.skip(), gr.skip()
        doc = documents.get(doc_id)
        target = (start, end) if isinstance(start, int) and isinstance(end, int) and 0 <= start < end else None
        return reader_html(doc, target, missing=doc is None), gr.Tabs(selected="documents")

    def admin_panel(self, request: gr.Request | None = None):
        viewer = self.hooks.viewer(request)
        if not (self.hooks.admin_token or viewer.admin):
            return gr.HTML(visible=False)
        html = panel_html(viewer.admin, self.hooks.max_file_mb, self.hooks.upload_folder)
        return gr.HTML(html, visible=True)

    def build(self, tabs: gr.Tabs, panel_js: str):
        """The tab's components; returns (list, reader, admin, view state, load function)."""
        view = gr.State({"q": "", "status": "", "page": 0})
        with gr.Row():
            query = gr.Textbox(label=render("docs_search_label"), placeholder=render("docs_search_placeholder"),
                               max_lines=1, scale=3, elem_id="doc-search")
            status = gr.Dropdown([(render(k), v) for k, v in STATUSES], value="", label=render("docs_status_label"),
                                 scale=1, elem_id="doc-status")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                listing = gr.HTML(not_ready(), elem_id="doclist", js_on_load=panel_js)
            with gr.Column(scale=3):
                reader = gr.HTML(reader_html(None), elem_id="reader", js_on_load=panel_js)
        admin = gr.HTML(visible=False, elem_id="admin",
                        js_on_load=f"const TEXTS = {panel_texts()};\n{static('admin.js')}")
        for event in (query.submit, status.change):
            event(self.search, [query, status], [listing, view], api_visibility="private", queue=False)
        listing.goto(self.page, [view], [listing, view], api_visibility="private", queue=False)
        listing.open(self.open, None, [reader, tabs], api_visibility="private", queue=False)
        return listing, reader, admin, view
