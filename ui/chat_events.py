"""The chat's event handlers: ask (from the box or an example), select an answer or one of its [n],
vote, and the conversations (new, open, delete, export).

The session (a gr.State) is {"conv": id | None, "turns": [...]}; the saved conversations live in
the browser (gr.BrowserState) and are mirrored in a gr.State so only the page's first request
carries them. Every handler returns values in the order of the outputs page.py wires."""
from __future__ import annotations

import logging

import gradio as gr

from assistant.english import is_english
from assistant.types import Answer
from prompts import render

from . import conversations as convs
from .chat import chat_html
from .hooks import PageHooks
from .markup import esc, in_language, say, shorten
from .sources import empty_panel, sources_html
from .turns import history, make_turn, needs_antecedent

log = logging.getLogger(__name__)
NO_CHANGE = gr.skip


def hint(text: str = "", alert: bool = False) -> str:
    if not text:
        return '<div class="qa"></div>'
    role = ' role="alert"' if alert else ""
    return f'<div class="qa"><p class="hint-text{" alert" if alert else ""}"{role}>{esc(text)}</p></div>'


def fresh_session() -> dict:
    return {"conv": None, "turns": []}


def clarify_turn(question: str) -> dict:
    """The assistant asking what a bare follow-up refers to (not an answer: no id, no votes, no history)."""
    english = is_english(question)
    text = say("app_no_antecedent", english, question=shorten(question, 40))
    return {"q": question, "a": text, "id": "", "abstained": True, "en": english, "notices": [], "cites": [],
            "related": [], "ms": None, "vote": None, "kind": "clarify"}


class ChatEvents:
    """Outputs of `ask`: chat, sources, box, hint, session, store, browser store, conversation list."""

    def __init__(self, hooks: PageHooks):
        self.hooks = hooks

    def _saved(self, session: dict, store: dict, turns: list[dict]):
        store, conv = convs.saved(store, session["conv"], turns)
        session = {"conv": conv, "turns": turns}
        return session, store, store, convs.list_html(store, conv)

    def ask(self, question: str, session: dict, store: dict, request: gr.Request | None = None):
        question = question if isinstance(question, str) else ""
        turns = list(session["turns"])
        english = is_english(question)
        if not question.strip():
            yield (NO_CHANGE(),) * 2 + (question, hint(say("empty_question", english), alert=True)) + (NO_CHANGE(),) * 4
            return
        if not any(t.get("kind") != "clarify" for t in turns) and needs_antecedent(question):
            turns.append(clarify_turn(question))
            yield (chat_html(turns, end=True), empty_panel(), "", hint()) + self._saved(session, store, turns)
            return
        yield chat_html(turns, pending=question), NO_CHANGE(), "", hint(), *(NO_CHANGE(),) * 4
        real = [t for t in turns if t.get("kind") != "clarify"]
        try:
            answer = self.hooks.ask(question, history(real), request)
        except Exception:  # noqa: BLE001 - the page stays usable; the question is kept
            log.exception("answering failed")
            answer = Answer(question=question, answer=render("service_error"), error="service_error")
        if answer.error:  # refused, busy, timed out: no turn, the question stays in the box
            message = in_language(answer.answer, english)
            yield chat_html(turns), NO_CHANGE(), question, hint(message, alert=True), *(NO_CHANGE(),) * 4
            return
        turns.append(make_turn(question, answer, real))
        panel = sources_html(turns[-1], len(turns) - 1)
        yield (chat_html(turns, end=True), panel, "", hint()) + self._saved(session, store, turns)

    def cite(self, session: dict, evt: gr.EventData):
        """An [n] (n > 0) or an answer's sources button (n = 0): that answer's sources, [n] marked."""
        turns, data = session["turns"], evt._data or {}
        index, n = data.get("turn"), data.get("n")
        if not isinstance(index, int) or not 0 <= index < len(turns):
            return NO_CHANGE()
        return sources_html(turns[index], index, active=n if isinstance(n, int) and n > 0 else None, focus=True)

    def pick(self, session: dict, evt: gr.EventData):
        turns, index = session["turns"], (evt._data or {}).get("turn")
        if not isinstance(index, int) or not 0 <= index < len(turns):
            return NO_CHANGE()
        return sources_html(turns[index], index)

    def vote(self, session: dict, store: dict, evt: gr.EventData, request: gr.Request | None = None):
        """Outputs: hint, session, store, browser store."""
        data = evt._data or {}
        index, vote = data.get("turn"), data.get("vote")
        turns = [dict(t) for t in session["turns"]]
        if not isinstance(index, int) or not 0 <= index < len(turns) or vote not in ("up", "down") \
                or not turns[index]["id"]:
            return (NO_CHANGE(),) * 4
        message = self.hooks.vote(turns[index]["id"], vote, request)
        turns[index]["vote"] = vote
        session, store, browser, _ = self._saved(session, store, turns)
        return hint(message), session, store, browser

    # --- conversations ---------------------------------------------------------------
    def restore(self, browser: object, session: dict | None = None, request: gr.Request | None = None):
        """Page load: the saved conversations of this user, the latest one open, then the question box is
        enabled (it starts disabled, so a question cannot be sent before this load's output lands and would
        otherwise be wiped by it). A session that already has turns is left as it is.
        Outputs: chat, sources, session, store, conversation list, question box."""
        ready = gr.update(interactive=True)
        if session and session.get("turns"):
            return (gr.skip(),) * 5 + (ready,)
        store = convs.checked(browser, self.hooks.viewer(request).label)
        latest = store["items"][0] if store["items"] else None
        return *self._show(store, latest), ready

    def _show(self, store: dict, conv: dict | None):
        turns = conv["turns"] if conv else []
        session = {"conv": conv["id"] if conv else None, "turns": turns}
        panel = sources_html(turns[-1], len(turns) - 1) if turns else empty_panel()
        return chat_html(turns, end=True), panel, session, store, convs.list_html(store, session["conv"])

    def open(self, store: dict, evt: gr.EventData):
        return self._show(store, convs.find(store, (evt._data or {}).get("id")))

    def new(self, store: dict):
        return self._show(store, None)

    def remove(self, session: dict, store: dict, evt: gr.EventData):
        """Outputs: chat, sources, session, store, conversation list, browser store."""
        conv_id = (evt._data or {}).get("id")
        store = convs.removed(store, str(conv_id))
        current = convs.find(store, session["conv"])
        return *self._show(store, current), store

    def export(self, session: dict):
        if not session["turns"]:
            return hint(render("conv_export_nothing"))
        link = convs.export_link(convs.export_markdown(session["turns"])).replace("<a ", '<a data-fresh="1" ', 1)
        return f'<div class="qa export">{link}</div>'
