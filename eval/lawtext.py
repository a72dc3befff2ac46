"""Reading a library document the way the question sets cite it: sentences and articles.

The question sets (eval/laws.jsonl, eval/laws_dev.jsonl) quote the documents of the
library corpus verbatim. This module turns a Markdown law into the plain text those
quotes are taken from: heading marks ('#') and bold marks ('**') and zero-width characters removed, the
``<!-- INFO END -->`` marker dropped, one paragraph per line. A sentence ends at
。！？ or ； (the mark belongs to the sentence) or at the end of its paragraph.
An article starts at a paragraph beginning "第…条" and runs to the next article or heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eval.dataset import squash

_HEADING = re.compile(r"^#+\s*")
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_ARTICLE = re.compile(r"^(第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)(?:[\s\u3000]|$)")
_MARKER = "<!-- INFO END -->"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))


@dataclass
class Article:
    """One article: its number as written (第十九条) and its sentences in order."""

    number: str
    sentences: list[str] = field(default_factory=list)

    def body(self, sentence: str) -> str:
        """A sentence without the leading article number (only the first one carries it)."""
        return sentence[len(self.number):].strip() if sentence.startswith(self.number) else sentence


@dataclass
class LawText:
    """The plain sentences of one document and its articles, in document order."""

    path: Path
    sentences: list[str]
    articles: dict[str, Article]

    def find(self, gold: str) -> str | None:
        """The first sentence containing ``gold`` (whitespace ignored), or None."""
        target = squash(gold)
        if not target:
            return None
        for sentence in self.sentences:
            if target in squash(sentence):
                return sentence
        return None


def paragraphs(markdown: str) -> list[str]:
    """The document's non-empty paragraphs with Markdown heading and bold marks removed."""
    lines: list[str] = []
    for raw in markdown.splitlines():
        line = raw.translate(_ZERO_WIDTH).strip()
        if not line or line == _MARKER:
            continue
        is_heading = line.startswith("#")
        line = _HEADING.sub("", line).replace("**", "").strip()
        if line:
            lines.append(("#" if is_heading else "") + line)
    return lines


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph cut after every 。！？； ; empty pieces dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(paragraph) if piece.strip()]


@lru_cache(maxsize=512)
def read_law(path: Path) -> LawText:
    """Parse one Markdown document into sentences and articles (cached per path)."""
    sentences: list[str] = []
    articles: dict[str, Article] = {}
    current: Article | None = None
    for line in paragraphs(path.read_text(encoding="utf-8")):
        if line.startswith("#"):
            current = None
            line = line[1:]
        else:
            match = _ARTICLE.match(line)
            if match:
                current = articles.setdefault(match.group(1), Article(match.group(1)))
        pieces = split_sentences(line)
        sentences.extend(pieces)
        if current is not None:
            current.sentences.extend(pieces)
    return LawText(path=path, sentences=sentences, articles=articles)


def count_sentences(path: Path) -> int:
    """The estimate the subset budget uses: how many 。！？； marks the file holds."""
    return len(re.findall(r"[。！？；]", path.read_text(encoding="utf-8")))
