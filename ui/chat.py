"""The conversation as HTML: questions shown literally, answers with clickable [n] (a popover with the
sentence and where it stands), lists one item per line, and per-answer buttons (copy, sources, votes).

Pure functions of the turns (ui/turns.py); the page's script (static/chat.js) turns clicks on
`data-*` elements into events. Nothing a user typed or a document holds becomes markup.
"""
from __future__ import annotations

from prompts import render

from .markup import esc, highlight, say
from .sources import meta
from .turns import pieces

_ICONS = {
    "copy": '<rect x="8" y="8" width="12" height="12" rx="2"/><path d="M4 16V6a2 2 0 0 1 2-2h10"/>',
    "up": '<path d="M7 11v9H4v-9zM7 11l4-7a2 2 0 0 1 3 2l-1 4h6a2 2 0 0 1 2 2l-2 7a2 2 0 0 1-2 1H7"/>',
    "down": '<path d="M17 13V4h3v9zM17 13l-4 7a2 2 0 0 1-3-2l1-4H5a2 2 0 0 1-2-2l2-7a2 2 0 0 1 2-1h10"/>',
    "sources": '<path d="M4 5h16M4 12h16M4 19h10"/>',
}


def icon(name: str) -> str:
    return (f'<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" '
            f'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{_ICONS[name]}</svg>')


def cite_button(turn: int, c: dict, english: bool) -> str:
    pop = f"pop-{turn}-{c['n']}"
    return (f'<span class="cite-wrap"><button type="button" class="cite" data-turn="{turn}" data-n="{c["n"]}" '
            f'aria-describedby="{pop}" aria-label="{esc(say("answer_cite_label", english, n=c["n"]))}">[{c["n"]}]</button>'
            f'<span class="pop" role="tooltip" id="{pop}"><span class="pop-text" lang="zh-CN">'
            f'{highlight(c["text"], c.get("highlights", []), c.get("answer_spans", []))}</span>'
            f'<span class="pop-meta">{esc(meta(c, english))}</span></span></span>')


def line_html(text: str, numbers: list[int], turn: int, cites: dict[int, dict], english: bool) -> str:
    marks = "".join(cite_button(turn, cites[n], english) if n in cites else f"[{n}]" for n in numbers)
    quoted = cites.get(numbers[0]) if len(numbers) == 1 else None  # the line is that sentence: mark its answer
    shown = highlight(text, [], quoted.get("answer_spans", [])) if quoted and quoted["text"] == text else esc(text)
    return f'<span class="quote" lang="zh-CN">{shown}</span>{marks}'


def answer_body(turn: dict, index: int) -> str:
    """The answer text: one line, or a list head and its items one per line."""
    if turn["abstained"] or not turn["cites"]:
        return f'<p class="abstain">{esc(turn["a"])}</p>'
    cites = {c["n"]: c for c in turn["cites"]}
    parts = pieces(turn["a"])
    lines = [line_html(text, numbers, index, cites, turn["en"]) for text, numbers in parts]
    if len(lines) == 1:
        return f'<p class="line">{lines[0]}</p>'
    head = ""
    if parts[0][0].endswith(("：", ":")):
        head, lines = f'<p class="line head">{lines[0]}</p>', lines[1:]
    items = "".join(f'<li class="line">{line}</li>' for line in lines)
    return f'{head}<ol class="items">{items}</ol>'


def plain_text(turn: dict) -> str:
    """What the copy button copies: the answer one line per quoted sentence with its [n], then the sources."""
    lines = [text + "".join(f"[{n}]" for n in numbers) for text, numbers in pieces(turn["a"])]
    en = turn["en"]
    if turn["abstained"]:
        listed, label = turn["related"], say("related_heading", en) + (":" if en else "：")
    else:
        listed, label = turn["cites"], say("answer_copy_sources", en)
    if listed:
        lines += ["", label, *(f"[{c['n']}] {meta(c, en)}：{c['text']}" for c in listed)]
    return "\n".join(lines)


def actions(turn: dict, index: int) -> str:
    en = turn["en"]
    count = len(turn["related"] if turn["abstained"] else turn["cites"])
    buttons = [f'<button type="button" class="act copy" data-turn="{index}" data-plain="{esc(plain_text(turn))}" '
               f'data-done="{esc(say("answer_copied", en))}">{icon("copy")}<span>{esc(say("answer_copy", en))}</span></button>']
    if count:
        buttons.append(f'<button type="button" class="act show-sources" data-turn="{index}">{icon("sources")}'
                       f'<span>{esc(say("answer_show_sources", en, count=count))}</span></button>')
    for vote, name in (("up", "answer_vote_up"), ("down", "answer_vote_down")):
        pressed = "true" if turn.get("vote") == vote else "false"
        buttons.append(f'<button type="button" class="act vote" data-turn="{index}" data-vote="{vote}" '
                       f'aria-pressed="{pressed}">{icon(vote)}<span>{esc(say(name, en))}</span></button>')
    return f'<div class="actions">{"".join(buttons)}</div>'


def turn_html(turn: dict, index: int, selected: bool) -> str:
    notices = "".join(f'<p class="notice">{esc(n)}</p>' for n in turn["notices"])
    cls = "msg bot selected" if selected else "msg bot"
    current = ' aria-current="true"' if selected else ""
    lang = ' lang="en"' if turn["en"] else ""
    return (f'<div class="turn" data-turn="{index}"><div class="msg user"><p class="bubble">{esc(turn["q"])}</p></div>'
            f'<div class="{cls}" data-turn="{index}" tabindex="0"{current}{lang}>{notices}<div class="answer">'
            f'{answer_body(turn, index)}</div>{"" if turn.get("kind") == "clarify" else actions(turn, index)}</div></div>')


def chat_html(turns: list[dict], selected: int | None = None, pending: str | None = None, end: bool = False) -> str:
    """The whole conversation; `pending`: a question sent but not answered yet (no buttons on it);
    `end`: scroll to the latest turn."""
    if not turns and pending is None:
        return f'<div class="conv qa"><p class="empty">{esc(render("app_chat_empty"))}</p></div>'
    if selected is None:
        selected = len(turns) - 1
    parts = [turn_html(t, i, i == selected) for i, t in enumerate(turns)]
    if pending is not None:
        parts.append(f'<div class="turn pending"><div class="msg user"><p class="bubble">{esc(pending)}</p></div>'
                     f'<div class="msg bot pending" aria-busy="true"><span class="spinner" aria-hidden="true"></span>'
                     f'{esc(render("app_pending"))}</div></div>')
    scroll = ' data-scroll="end"' if end or pending is not None else ""
    return f'<div class="conv qa"{scroll}>{"".join(parts)}</div>'
