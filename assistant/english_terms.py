"""English legal phrases with the Chinese words the documents use for them, from a file the organisation can edit.

CC-CEDICT translates an English question word by word (english.py): "deed tax" becomes 契约 and 税, "limited
partnership" 有限 and 伙伴关系. A legal term is a phrase whose Chinese name is one word, so a list of them is read
first: the phrases it holds are searched as their listed words, and only the rest of the question goes through
CC-CEDICT.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .english import _stem  # the stems CC-CEDICT's lookup uses, so a listed phrase meets the question's words

_WORDS = re.compile(r"[a-z][a-z'-]*|\d+")
BREAK = " the "  # what a matched phrase leaves in the question: a stop word, so no phrase spans the gap


@dataclass(frozen=True)
class EnglishTerms:
    """(the phrase's word stems, its Chinese words), longest phrase first."""

    entries: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)

    @classmethod
    def parse(cls, text: str) -> EnglishTerms:
        found: dict[str, tuple[str, ...]] = {}
        for line in text.splitlines():
            english, sep, chinese = line.partition("=")
            words = chinese.split()
            if not sep or line.lstrip().startswith("#") or not words or not (key := _key(english)):
                continue
            found[key] = tuple(dict.fromkeys((*found.get(key, ()), *words)))
        return cls(tuple(sorted(found.items(), key=lambda item: -len(item[0].split()))))

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def phrases(self) -> dict[str, tuple[str, ...]]:
        """Each listed phrase (its word stems, space-separated) with its Chinese words (built once)."""
        return dict(self.entries)

    def find(self, question: str) -> tuple[list[str], str]:
        """The Chinese words of the listed phrases the question holds (in the question's order), and the question
        with those phrases taken out (for the word-by-word translation of the rest)."""
        text = f" {_key(question)} "
        spots: list[tuple[int, tuple[str, ...]]] = []
        for key, chinese in self.entries:
            needle = f" {key} "
            while (at := text.find(needle)) >= 0:
                spots.append((at, chinese))
                text = text[:at] + BREAK + " " * max(0, len(needle) - len(BREAK)) + text[at + len(needle):]
        found = [w for _, chinese in sorted(spots, key=lambda s: s[0]) for w in chinese]
        return list(dict.fromkeys(found)), " ".join(text.split())


def _key(text: str) -> str:
    """Lower-cased words, each as its stem ("Labour Contracts" -> "labor contract")."""
    return " ".join(_stem(w) for w in _WORDS.findall(text.lower()))
