"""Pure rendering for the web chat: escaped chat text, the sources panel, the page's CSS.

Everything taken from a question or a document is escaped here, so nothing a
user types (or a document contains) can become markup in the page.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from prompts import render
from .types import Answer, Citation

FONT_STACK = [
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "sans-serif",
]
MONO_STACK = ["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"]
_CSS_FONTS = ", ".join(f'"{f}"' if " " in f else f for f in FONT_STACK)

CSS = f"""
.gradio-container, .sources {{ font-family: {_CSS_FONTS}; }}
.gradio-container {{ line-height: 1.7; }}
#chat .message, #chat .message .prose, .sources {{ line-height: 1.7; word-break: break-word; overflow-wrap: anywhere; }}
.sources h3 {{ margin: .2em 0 .6em; font-size: 1.05em; }}
.sources .source {{ margin: 0 0 .9em; padding: .5em .7em; border-left: 3px solid var(--color-accent);
  background: var(--block-background-fill); border-radius: 4px; }}
.sources .meta {{ font-size: .85em; color: var(--body-text-color-subdued); }}
.sources .n {{ font-weight: 600; margin-right: .3em; }}
.sources .context {{ opacity: .55; }}
.sources mark {{ background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }}
.sources .empty, .sources .timing {{ color: var(--body-text-color-subdued); font-size: .85em; }}
"""

# Characters markdown (or the chat's LaTeX renderer) would interpret: backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")
USER_DISPLAY_LIMIT = 600


def chat_text(text: str) -> str:
    """`text` as chat markdown that renders literally: no HTML, no markdown syntax."""
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def user_message(question: str) -> str:
    """The user's question as shown in the chat; very long pastes are shortened for display."""
    if not question.strip():
        return render("app_blank_question")
    if len(question) > USER_DISPLAY_LIMIT:
        shown = render("app_question_shortened", head=question[:200], length=len(question))
        return chat_text(shown)
    return chat_text(question)


def answer_message(answer: Answer) -> str:
    """The answer as chat markdown: notices first (in italics), then the answer text."""
    lines = [f"*{chat_text(n)}*" for n in answer.notices]
    lines.append(chat_text(answer.answer))
    return "\n\n".join(lines)


def chat_messages(turns: Sequence[dict]) -> list[dict]:
    """Chatbot messages for the page's turns ({"question", "shown"}): a user and an assistant message each."""
    messages = []
    for turn in turns:
        messages.append({"role": "user", "content": user_message(turn["question"])})
        messages.append({"role": "assistant", "content": turn["shown"]})
    return messages


def merge_spans(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans clamped to [0, length]; empty spans dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, int(s)), min(length, int(e))) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[Sequence[int]]) -> str:
    """Escaped `text` with each span wrapped in <mark>."""
    out, pos = [], 0
    for start, end in merge_spans(spans, len(text)):
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def citation_html(c: Citation) -> str:
    """One source card: [n], title and section, the sentence with its context dimmed."""
    meta = " · ".join(html.escape(part) for part in (c.title or c.doc, c.section) if part)
    before = f'<span class="context">{html.escape(c.context_before)}</span>' if c.context_before else ""
    after = f'<span class="context">{html.escape(c.context_after)}</span>' if c.context_after else ""
    return (
        f'<div class="source" data-sentence-id="{html.escape(c.sentence_id)}">'
        f'<div class="meta"><span class="n">[{c.n}]</span>{meta}</div>'
        f'<div class="text">{before}<span class="cited">{highlight(c.text, c.highlights)}</span>{after}</div>'
        "</div>"
    )


def sources_html(answer: Answer | None) -> str:
    """The sources panel: cited sentences, or the closest passages when the assistant abstained."""
    if answer is None or (not answer.citations and not answer.related):
        return f'<div class="sources"><p class="empty">{html.escape(render("app_sources_empty"))}</p></div>'
    parts = ['<div class="sources">']
    if answer.citations:
        parts.append(f"<h3>{html.escape(render('sources_heading'))}</h3>")
        parts.extend(citation_html(c) for c in answer.citations)
    if answer.abstained and answer.related:
        parts.append(f"<h3>{html.escape(render('related_heading'))}</h3>")
        parts.extend(citation_html(c) for c in answer.related)
    if "total" in answer.timings:
        ms = f"{answer.timings['total']:.0f}"
        parts.append(f'<p class="timing">{html.escape(render("app_timing", ms=ms))}</p>')
    parts.append("</div>")
    return "".join(parts)
