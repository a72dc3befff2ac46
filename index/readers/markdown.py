"""Markdown (.md): headings become Heading spans; markup is removed and every other character is kept.

Removed: '#' markers, emphasis and strike marks, link targets (the link text stays), images, inline code
backticks, backslash escapes, HTML comments (such as the laws' `<!-- INFO END -->`), a few inline HTML tags,
blockquote and bullet markers, thematic breaks, code fences and table delimiter rows. Table rows become text
rows with cells joined by a tab. Runs of blank lines shrink to one. Every pattern is linear in the line length.
"""
from __future__ import annotations

import re
from pathlib import Path

from .reasons import unreadable
from .text import decode_bytes, is_blank
from .types import ExtractedText, Heading

ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
FENCE = re.compile(r" {0,3}(```|~~~)")
BREAK = re.compile(r" {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}")
DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
QUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")
BULLET = re.compile(r"[ \t]*[-*+][ \t]+")
CELL_SEP = re.compile(r"(?<!\\)\|")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
PROTECTED = re.compile("[\U000f0000-\U000f007f]")  # escaped punctuation parked in a private-use plane
INLINE = (
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # image
    (re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^<>\s]*)>"), r"\1"),  # autolink
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\*\*([^*\n]+)\*\*"), r"\1"),
    (re.compile(r"__([^_\n]+)__"), r"\1"),
    (re.compile(r"~~([^~\n]+)~~"), r"\1"),
    (re.compile(r"(?<!\*)\*(?=[^\s*])([^*\n]*[^\s*])?\*(?!\*)"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]*[^\s_])?_(?!\w)"), r"\1"),
    (re.compile(r"</?(?:br|p|div|span|b|i|u|em|strong|sup|sub|font|small|center)\b[^<>\n]*>", re.I), ""),
)


def strip_comments(text: str) -> str:
    """Text without `<!-- ... -->` comments (an unclosed one runs to the end, as in HTML)."""
    out, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        out.append(text[pos:start])
        end = text.find("-->", start + 4)
        pos = len(text) if end < 0 else end + 3
    out.append(text[pos:])
    return "".join(out)


def inline(line: str) -> str:
    """One line without inline markup."""
    line = ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), line)
    for pattern, repl in INLINE:
        line = pattern.sub(repl, line)
    return PROTECTED.sub(lambda m: chr(ord(m.group()) - 0xF0000), line)


def table_row(line: str) -> str:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return "\t".join(inline(cell.strip()) for cell in CELL_SEP.split(body))


class _Out:
    """The extracted text being built, with heading spans; blank runs kept to one."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.blank = True  # no blank line at the very start
        self.headings: list[Heading] = []

    def line(self, text: str, level: int = 0) -> None:
        if not text.strip():
            if not self.blank:
                self.parts.append("\n")
                self.size += 1
            self.blank = True
            return
        if level:
            lead = len(text) - len(text.lstrip())
            self.headings.append(Heading(self.size + lead, self.size + len(text.rstrip()), level))
        self.parts.append(text + "\n")
        self.size += len(text) + 1
        self.blank = False


def convert(source: str) -> tuple[str, tuple[Heading, ...]]:
    """Markdown source → (text without markup, heading spans in that text)."""
    out = _Out()
    lines = strip_comments(source).split("\n")
    fence: str | None = None
    in_table = False
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            else:
                out.line(line)
            continue
        if m := FENCE.match(line):
            fence = m.group(1)
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if in_table or ("|" in line and "-" in nxt and DELIMITER_ROW.fullmatch(nxt)):
            in_table = "|" in line
            if in_table:
                if not DELIMITER_ROW.fullmatch(line):
                    out.line(table_row(line))
                continue
        if BREAK.fullmatch(line):
            out.line("")
            continue
        line = QUOTE.sub("", line, count=1) if line.lstrip().startswith(">") else line
        if m := ATX.match(line):
            title = line[m.end():].strip()
            closing = title.rstrip("#")
            title = closing.rstrip() if closing != title and (not closing or closing[-1] in " \t") else title
            out.line(inline(title), level=len(m.group(1)))
            continue
        out.line(inline(BULLET.sub("", line, count=1)))
    text = "".join(out.parts).rstrip("\n")
    return (text + "\n" if text else ""), tuple(out.headings)


def read_md(path: Path) -> ExtractedText:
    source, encoding = decode_bytes(path.read_bytes())
    text, headings = convert(source)
    if is_blank(text):
        raise unreadable("empty")
    title = next((text[h.start:h.end] for h in headings if h.level == 1), None)
    return ExtractedText(text=text, format="md", title=title, headings=headings, encoding=encoding)
