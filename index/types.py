"""Typed values passed between the indexing steps: load → split → embed → write."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .tokens import TOKENS_VERSION


@dataclass(frozen=True)
class SourceDoc:
    """A readable seed file."""

    path: Path
    name: str  # path relative to the seeds folder, with forward slashes
    text: str  # the file decoded as UTF-8, untouched: offsets index into it

    @cached_property
    def digest(self) -> str:
        """The first 16 hex digits of the text's SHA-256, computed once per document."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class SkippedDoc:
    """A seed file that could not be indexed, with the reason shown to the user."""

    name: str
    reason: str


@dataclass(slots=True)
class Sentence:
    """One sentence of a document with where it came from."""

    doc: str
    title: str
    section: str
    paragraph: int
    number: int
    start: int
    end: int
    text: str
    doc_digest: str
    is_heading: bool = False

    @property
    def id(self) -> str:
        return f"{self.doc_digest}-{self.number:05d}"

    def metadata(self, tokens: str) -> dict[str, str | int | bool]:
        return {
            "doc": self.doc, "title": self.title, "section": self.section,
            "paragraph": self.paragraph, "sentence": self.number,
            "start": self.start, "end": self.end, "doc_digest": self.doc_digest,
            "heading": self.is_heading, "tokens": tokens, "tokens_version": TOKENS_VERSION,
        }


@dataclass
class Embedded:
    """Sentences with their vectors and the lexical tokens BM25 will use."""

    sentences: list[Sentence]
    vectors: list[list[float]]
    tokens: list[str] = field(default_factory=list)
