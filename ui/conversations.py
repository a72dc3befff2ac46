"""Conversations kept in the browser (gr.BrowserState): the list of past ones, switching, deleting,
and export as Markdown with the sources written out.

The store comes back from the browser, so it is checked like any other input: a conversation
that does not have the shape of one is dropped, never rendered. Its size is bounded: the page
sends it with its first request.
"""
from __future__ import annotations

import json
import time
import uuid
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prompts import render

from .markup import esc, say, shorten
from .sources import meta
from .turns import pieces

MAX_CONVERSATIONS = 30
MAX_TURNS = 100
STORE_CHARS = 400_000  # under QA_PAGE_BODY_BYTES (the page's first request carries the store)


class _Cite(BaseModel):
    model_config = ConfigDict(extra="ignore")
    n: int
    doc_id: int = 0
    title: str = ""
    short_title: str = ""
    version_date: str = ""
    latest: bool = True
    chapter: str = ""
    section: str = ""
    article: str = ""
    item: str = ""
    page: int = 0
    start: int = 0
    end: int = 0
    text: str
    highlights: list[tuple[int, int]] = Field(default_factory=list)
    answer_spans: list[tuple[int, int]] = Field(default_factory=list)
    context_before: str = ""
    context_after: str = ""


class _Turn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    q: str
    a: str
    id: str
    abstained: bool = False
    en: bool = False
    notices: list[str] = Field(default_factory=list)
    cites: list[_Cite] = Field(default_factory=list)
    related: list[_Cite] = Field(default_factory=list)
    ms: float | None = None
    vote: str | None = None
    kind: str = ""  # "clarify": the assistant asked what a bare follow-up refers to


def new_store(owner: str) -> dict:
    return {"v": 1, "owner": owner, "items": []}


def checked(raw: object, owner: str) -> dict:
    """The store the browser sent, keeping only well-formed conversations of this user."""
    if not isinstance(raw, dict) or raw.get("owner") != owner or not isinstance(raw.get("items"), list):
        return new_store(owner)
    items = []
    for item in raw["items"][:MAX_CONVERSATIONS]:
        try:
            turns = [_Turn.model_validate(t).model_dump() for t in item["turns"][:MAX_TURNS]]
            items.append({"id": str(item["id"])[:40], "title": str(item["title"])[:80],
                          "updated": float(item["updated"]), "turns": turns})
        except (KeyError, TypeError, ValueError, ValidationError):
            continue
    return {"v": 1, "owner": owner, "items": items}


def find(store: dict, conv_id: str | None) -> dict | None:
    return next((c for c in store["items"] if c["id"] == conv_id), None)


def _fits(store: dict) -> dict:
    """Drop the oldest conversations until the store fits its size bound."""
    while len(store["items"]) > 1 and len(json.dumps(store, ensure_ascii=False)) > STORE_CHARS:
        store["items"].pop()
    return store


def saved(store: dict, conv_id: str | None, turns: list[dict]) -> tuple[dict, str]:
    """The store with this conversation saved first (a new id when it has none); returns (store, id)."""
    conv_id = conv_id or uuid.uuid4().hex[:16]
    others = [c for c in store["items"] if c["id"] != conv_id]
    if not turns:
        return {**store, "items": others}, conv_id
    mine = {"id": conv_id, "title": shorten(turns[0]["q"], 40), "updated": time.time(), "turns": turns[-MAX_TURNS:]}
    return _fits({**store, "items": [mine, *others][:MAX_CONVERSATIONS]}), conv_id


def removed(store: dict, conv_id: str) -> dict:
    return {**store, "items": [c for c in store["items"] if c["id"] != conv_id]}


def list_html(store: dict, current: str | None) -> str:
    if not store["items"]:
        return f'<div class="convs qa"><p class="empty">{esc(render("conv_empty"))}</p></div>'
    rows = []
    for c in store["items"]:
        mark = ' aria-current="true"' if c["id"] == current else ""
        when = time.strftime("%m-%d %H:%M", time.localtime(c["updated"]))
        rows.append(f'<li class="conv-item"><button type="button" class="conv-open" data-conv="{esc(c["id"])}"{mark}>'
                    f'<span class="conv-title">{esc(c["title"])}</span><span class="conv-meta">{when} · '
                    f'{esc(render("conv_turns", count=len(c["turns"])))}</span></button>'
                    f'<button type="button" class="conv-delete" data-conv="{esc(c["id"])}" '
                    f'aria-label="{esc(render("conv_delete", title=c["title"]))}">×</button></li>')
    return f'<div class="convs qa"><ul>{"".join(rows)}</ul></div>'


def export_markdown(turns: list[dict], when: float | None = None) -> str:
    """The conversation as Markdown: each question, its notices, the answer (one paragraph per quoted
    sentence, with its [n]) and its sources as a list."""
    date = time.strftime("%Y-%m-%d %H:%M", time.localtime(when or time.time()))
    out = [render("export_title", date=date)]
    for i, t in enumerate(turns, 1):
        out += ["", render("export_question", n=i, question=" ".join(t["q"].split()))]
        out += [line for n in t["notices"] for line in ("", render("export_notice", text=n))]
        out += [line for text, numbers in pieces(t["a"]) for line in ("", text + "".join(f"[{n}]" for n in numbers))]
        listed, heading = (t["related"], "related_heading") if t["abstained"] else (t["cites"], "sources_heading")
        if listed:
            out += ["", f"**{say(heading, t['en'])}**", ""]
            out += [render("export_source", n=c["n"], meta=meta(c, t["en"]), text=c["text"]) for c in listed]
    text = "\n".join(out) + "\n"
    return text.replace("<", "&lt;")  # a question's or document's markup stays text in a Markdown viewer


def export_link(markdown: str) -> str:
    """A download link for the Markdown (a data: URL; the page's script clicks it once)."""
    name = time.strftime("对话-%Y%m%d-%H%M.md")
    href = "data:text/markdown;charset=utf-8," + quote(markdown)
    return (f'<a class="export-link" download="{esc(name)}" href="{esc(href)}">'
            f'{esc(render("conv_export_link", name=name))}</a>')

