"""A list of everyday words and the documents' words for them, which the organisation can edit.

`everyday.py` finds the documents' words for a word they never use. Many everyday words do occur somewhere in a
large library (员工, 老板, 房东 in a regulation or two) while the documents that answer use their own (劳动者,
用人单位, 出租人): the list says so, and a question holding the everyday word also searches the listed words
lexically. The dense search and the quoted sentences are unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from index.tokens import normalise


@dataclass(frozen=True)
class Synonyms:
    """everyday word -> the documents' words, longest everyday words first (炒鱿鱼 before 鱿鱼)."""

    entries: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)

    @classmethod
    def parse(cls, text: str) -> Synonyms:
        found: dict[str, tuple[str, ...]] = {}
        for line in text.splitlines():
            parts = normalise(line).split()
            if len(parts) < 2 or line.lstrip().startswith("#"):
                continue
            word, others = parts[0], tuple(w for w in parts[1:] if w != parts[0])
            if others:
                found[word] = tuple(dict.fromkeys((*found.get(word, ()), *others)))
        return cls(tuple(sorted(found.items(), key=lambda item: -len(item[0]))))

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def words(self) -> frozenset[str]:
        """The listed everyday words (the left column)."""
        return frozenset(word for word, _others in self.entries)

    def lists(self, word: str) -> bool:
        """Is `word` one of the listed everyday words (a word of the organisation's vocabulary, no unknown name)?"""
        return normalise(word).lower() in self.words

    def of(self, question: str) -> dict[str, list[str]]:
        """The documents' words to search for each listed word of the question, leaving out those the question
        already holds (a word inside a longer listed word it matched is not matched again)."""
        text = normalise(question).lower()
        found: dict[str, list[str]] = {}
        taken: list[tuple[int, int]] = []
        for word, others in self.entries:
            start = text.find(word)
            while start >= 0 and any(s < start + len(word) and start < e for s, e in taken):
                start = text.find(word, start + 1)
            if start < 0:
                continue
            taken.append((start, start + len(word)))
            missing = [w for w in others if w not in text]
            if missing:
                found[word] = missing
        return found
