"""What a format reader returns: the extracted text with the structure its format marks, or why it cannot."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

OcrMode = Literal["rapidocr", "off"]  # rapidocr: OCR scanned pages when rapidocr-onnxruntime is installed


@dataclass(frozen=True)
class Heading:
    """A span of `ExtractedText.text` that the format marks as a heading (md '#', docx Heading N, html h1-h6)."""

    start: int
    end: int
    level: int


def join_lines(lines: Iterable[tuple[str, int | None]]) -> tuple[str, tuple[Heading, ...]]:
    """(text, headings) of block lines each with its heading level (None: body text; 0 is a title): one
    line per block, blank ones dropped, each heading's span pointing at its line in the text."""
    parts: list[str] = []
    headings: list[Heading] = []
    size = 0
    for line, level in lines:
        if not line.strip():
            continue
        if level is not None:
            headings.append(Heading(size, size + len(line), level))
        parts.append(line + "\n")
        size += len(line) + 1
    return "".join(parts), tuple(headings)


@dataclass(frozen=True)
class ExtractedText:
    """A document's text as extracted; citations' offsets index into `text`, which is stored and shown."""

    text: str
    format: str  # "txt" | "md" | "docx" | "pdf" | "pdf-ocr" | "html"
    title: str | None = None  # from the format's metadata when present
    headings: tuple[Heading, ...] = ()
    pages: tuple[int, ...] = ()  # PDFs: offset in `text` where each page starts (pages[0] == 0)
    encoding: str | None = None  # text formats: the encoding detected

    def page_of(self, offset: int) -> int | None:
        """1-based page holding `offset`, or None for formats without pages."""
        return bisect_right(self.pages, offset) if self.pages else None


class Unreadable(Exception):
    """A file that cannot be indexed. str(exc) is a short reason for users; `code` names the kind for programs."""

    def __init__(self, reason: str, code: str = "unreadable") -> None:
        super().__init__(reason)
        self.code = code
