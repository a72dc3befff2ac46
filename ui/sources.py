"""The sources panel: the sentences one answer cites (or, when it abstained, the closest ones), each
with title · version date · chapter · article · page, the matched words marked, its context dimmed,
and a button that opens the document at that sentence."""
from __future__ import annotations

from prompts import render

from .markup import esc, highlight, say, shorten


def title_of(c: dict) -> str:
    name = c.get("short_title") or c.get("title") or ""
    return f"《{name}》" if name and not name.endswith("…") else name


def meta(c: dict, english: bool = False) -> str:
    """title · version date · chapter · article · item · page (the section when there is no chapter or article)."""
    parts = [title_of(c)]
    if c.get("version_date"):
        parts.append(say("meta_version", english, date=c["version_date"]) +
                     ("" if c.get("latest", True) else say("meta_older", english)))
    parts += [c.get("chapter", ""), c.get("article", ""), c.get("item", "")]
    if not c.get("chapter") and not c.get("article"):
        parts.append(shorten(c.get("section", ""), 40))
    if c.get("page"):
        parts.append(say("meta_page", english, page=c["page"]))
    return " · ".join(p for p in parts if p)


def open_button(c: dict, english: bool) -> str:
    if not c.get("doc_id"):
        return ""
    return (f'<button type="button" class="open-doc" data-doc="{int(c["doc_id"])}" data-start="{int(c.get("start", 0))}" '
            f'data-end="{int(c.get("end", 0))}">{esc(say("answer_open_document", english))}</button>')


def card(c: dict, turn: int, english: bool, active: bool = False) -> str:
    before = f'<span class="context">{esc(c["context_before"])}</span>' if c.get("context_before") else ""
    after = f'<span class="context">{esc(c["context_after"])}</span>' if c.get("context_after") else ""
    cls = "source active" if active else "source"
    return (f'<div class="{cls}" id="src-{turn}-{c["n"]}" data-n="{c["n"]}">'
            f'<div class="meta"><span class="n">[{c["n"]}]</span>{esc(meta(c, english))}</div>'
            f'<div class="text" lang="zh-CN">{before}<span class="cited">{highlight(c["text"], c.get("highlights", []), c.get("answer_spans", []))}'
            f"</span>{after}</div>{open_button(c, english)}</div>")


def empty_panel() -> str:
    return f'<div class="sources qa"><p class="empty">{esc(render("app_sources_empty"))}</p></div>'


def sources_html(turn: dict | None, index: int = -1, active: int | None = None, focus: bool = False) -> str:
    """The panel for one turn (its index in the conversation); `active`: the [n] to mark; `focus`: the
    reader asked for it (the page scrolls to it, which on a phone is below the chat)."""
    if turn is None:
        return empty_panel()
    en = turn["en"]
    parts = [f'<div class="sources qa" data-turn="{index}"{" data-focus=1" if focus else ""}>',
             f'<p class="for">{esc(say("app_sources_for", en, question=shorten(turn["q"], 80)))}</p>']
    if not turn["cites"] and not turn["related"]:  # "没有第十章", a refused question: no sentence to show
        parts.append(f'<p class="empty">{esc(say("sources_none", en))}</p>')
    if turn["cites"]:
        parts.append(f"<h3>{esc(say('sources_heading', en))}</h3>")
        parts += [card(c, index, en, c["n"] == active) for c in turn["cites"]]
    if turn["related"]:
        heading = esc(say("related_heading", en))
        cards = "".join(card(c, index, en, c["n"] == active) for c in turn["related"])
        if turn["abstained"]:
            parts.append(f"<h3>{heading}</h3>{cards}")
        else:  # next-best sentences (and a long list's further items): folded unless one is asked for
            opened = " open" if any(c["n"] == active for c in turn["related"]) else ""
            count = f" ({len(turn['related'])})" if en else f"（{len(turn['related'])}）"
            parts.append(f'<details class="related"{opened}><summary>{heading}{count}</summary>{cards}</details>')
    if turn.get("ms") is not None:
        ms = f"{turn['ms']:.0f}"
        parts.append(f'<p class="timing">{esc(say("app_timing", en, ms=ms))}</p>')
    parts.append("</div>")
    return "".join(parts)
