"""Small pieces every part of the page uses: escaping, highlighted spans, interface texts in the
question's language, and the page's CSS and scripts.

Everything taken from a question or a document is escaped here, so nothing a user types
(or a document contains) can become markup in the page.
"""
from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from prompts import render, templates

STATIC = Path(__file__).resolve().parent / "static"
FONT_STACK = [
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "sans-serif",
]
MONO_STACK = ["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"]


def esc(text: object) -> str:
    """Text as HTML text or attribute value (quotes escaped too)."""
    return html.escape(str(text), quote=True)


def say(name: str, english: bool = False, **values: object) -> str:
    """Template `name`, or its `_en` version for an English question when there is one."""
    if english and f"{name}_en" in templates():
        return render(f"{name}_en", **values)
    return render(name, **values)


@lru_cache(maxsize=1)
def _translatable() -> list[tuple[str, re.Pattern]]:
    """(name, pattern matching its Chinese text) for every template with an English version."""
    found = []
    for name, entry in templates().items():
        if name.endswith("_en") or f"{name}_en" not in templates():
            continue
        regex, seen = [], set()
        for literal, field, _spec, _conv in string.Formatter().parse(entry["template"]):
            regex.append(re.escape(literal))
            if field:
                regex.append(f"(?P={field})" if field in seen else f"(?P<{field}>.+?)")
                seen.add(field)
        found.append((name, re.compile("".join(regex) + r"\Z", re.S)))
    return found


def in_language(text: str, english: bool) -> str:
    """An interface text the assistant rendered in Chinese, in English when asked in English
    (a text that matches no template with an English version stays as it is)."""
    if not english:
        return text
    for name, pattern in _translatable():
        m = pattern.match(text)
        if m:
            return render(f"{name}_en", **m.groupdict())
    return text


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


def highlight(text: str, spans: Iterable[Sequence[int]], answer: Iterable[Sequence[int]] = ()) -> str:
    """Escaped `text` with each span of the question's words wrapped in <mark>, and each span that holds the
    answer (the amount, date, place or person asked for) in <mark class="answer">; the answer wins overlaps."""
    kind = [""] * len(text)
    for start, end in merge_spans(spans, len(text)):
        kind[start:end] = ["term"] * (end - start)
    for start, end in merge_spans(answer, len(text)):
        kind[start:end] = ["answer"] * (end - start)
    out, pos = [], 0
    while pos < len(text):
        end = pos
        while end < len(text) and kind[end] == kind[pos]:
            end += 1
        piece = html.escape(text[pos:end])
        out.append({"": piece, "term": f"<mark>{piece}</mark>"}.get(kind[pos], f'<mark class="answer">{piece}</mark>'))
        pos = end
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=None)
def static(name: str) -> str:
    """A file of ui/static (CSS or JavaScript), read once."""
    return (STATIC / name).read_text(encoding="utf-8")


def page_css() -> str:
    fonts = ", ".join(f'"{f}"' if " " in f else f for f in FONT_STACK)
    return f".gradio-container, .qa {{ font-family: {fonts}; }}\n" + static("page.css")


def page_head() -> str:
    """Put into the page's <head>: the language fix and the question box helpers (no outside requests)."""
    return f"<script>{static('head.js')}</script>"
