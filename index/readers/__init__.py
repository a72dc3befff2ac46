"""Temporary minimal readers (txt, md) until the format readers land."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = frozenset({".txt", ".md"})


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int


@dataclass(frozen=True)
class ExtractedText:
    text: str
    format: str
    title: str | None = None
    headings: tuple[Heading, ...] = ()
    pages: tuple[int, ...] = ()
    encoding: str | None = None


class Unreadable(Exception):
    pass


def read_file(path: Path, *, max_bytes: int) -> ExtractedText:
    if path.suffix.lower() not in SUPPORTED:
        raise Unreadable(f"不支持的文件类型 {path.suffix}")
    data = path.read_bytes()
    if len(data) > max_bytes:
        raise Unreadable("文件太大")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("不是 UTF-8 文本")
    if not text.strip():
        raise Unreadable("空文件")
    if path.suffix.lower() == ".md":
        out, heads, pos = [], [], 0
        for line in text.split("\n"):
            if line.strip() == "<!-- INFO END -->":
                line = ""
            m = re.match(r"^(#{1,6})\s+", line)
            if m:
                line = line[m.end():]
                heads.append(Heading(pos, pos + len(line), len(m.group(1))))
            out.append(line)
            pos += len(line) + 1
        return ExtractedText("\n".join(out), "md", headings=tuple(heads))
    return ExtractedText(text, "txt")
