"""Everyday words the documents never use, searched as the documents' own words.

Staff write 抽烟, 电商, 借钱, 撤掉, 官司; the laws write 吸烟, 电子商务, 借款, 撤销, 诉讼. A word of the question that
occurs nowhere in the documents adds nothing to the lexical search. For each such word, the words of the
question's nearest sentences (by the embedding, which reads meaning across wordings) are its candidates when
they share a meaning with it in CC-CEDICT or a character; a candidate the embedding puts close enough to the word
itself is searched too (the quoted sentences stay the documents' own). Words the documents do hold are never
replaced: their own sentences say more than a synonym's.
"""
from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence

from index.tokens import normalise, words

from .abstain import content_terms
from .english import Glossary

_CJK_WORD = re.compile(r"[\u3400-\u9fff]{2,}")
# Cosine between two single words in the embedding (multilingual-e5-small runs high: unrelated words of the
# library meet at about 0.90). Measured on the development questions' unknown words: a CC-CEDICT synonym from 0.92
# (官司 -> 诉讼 0.923, 掏钱 -> 支付 0.945), a word sharing only a character from 0.965 (抽烟 -> 吸烟 0.980,
# 撤掉 -> 撤销 0.977; below it 产检 -> 产假 0.956, 关店 -> 海关 0.952).
SHARED_MEANING = 0.92
SHARED_CHARACTER = 0.965
IN_SENTENCES = 2  # a candidate occurs as a whole word in at least this many of the nearest sentences
PER_WORD = 2  # documents' words searched for one everyday word
MEANINGS = 10  # CC-CEDICT glosses of a word read as its meanings (the first-listed are the common ones)


class EverydayWords:
    """`unknown(question)` lists the question's words the documents lack; `terms(unknown, context)` gives the
    documents' words searched in their place."""

    def __init__(self, glossary: Glossary, known: Callable[[str], bool], vectors: Callable[[list[str]], object]):
        self.glossary, self.known, self.vectors = glossary, known, vectors
        self._meanings: dict[str, frozenset[str]] | None = None
        self._lock = threading.Lock()

    def meanings(self) -> dict[str, frozenset[str]]:
        """Chinese word -> its English glosses (built once from the glossary's English -> Chinese index)."""
        with self._lock:
            if self._meanings is None:
                found: dict[str, set[str]] = {}
                for gloss, entries in self.glossary.index().items():
                    for rank, chinese in entries:
                        if rank < MEANINGS:
                            found.setdefault(chinese, set()).add(gloss)
                self._meanings = {w: frozenset(g) for w, g in found.items()}
            return self._meanings

    def unknown(self, question: str) -> list[str]:
        """The question's Chinese content words (two characters or more) that occur nowhere in the documents."""
        return [t for t in content_terms(normalise(question)) if _CJK_WORD.fullmatch(t) and not self.known(t)]

    def terms(self, unknown: Sequence[str], context: Sequence[str]) -> dict[str, list[str]]:
        """The documents' words searched for each of the `unknown` words that has any, from the `context`
        sentences."""
        seen = Counter(w for text in context for w in set(words(text)) if _CJK_WORD.fullmatch(w))
        pool = [w for w, n in seen.items() if n >= IN_SENTENCES]
        if not unknown or not pool:
            return {}
        meanings = self.meanings()
        found: dict[str, list[str]] = {}
        for word in unknown:
            glosses = meanings.get(word, frozenset())
            shared = [(w, bool(glosses & meanings.get(w, frozenset()))) for w in pool]  # (word, a meaning in common)
            options = [(w, synonym) for w, synonym in shared if synonym or set(w) & set(word)]
            if not options:
                continue
            cosines = self.vectors([w for w, _ in options]) @ self.vectors([word])[0]
            close = sorted(((float(c), w) for (w, synonym), c in zip(options, cosines)
                            if c >= (SHARED_MEANING if synonym else SHARED_CHARACTER)), reverse=True)
            if close:
                found[word] = [w for _, w in close[:PER_WORD]]
        return found


def merged(*replacements: dict[str, list[str]]) -> dict[str, list[str]]:
    """One word -> documents' words mapping from several (the list's and the embedding's): a word found by both keeps
    the words of each, in order, once."""
    out: dict[str, list[str]] = {}
    for found in replacements:
        for word, words in found.items():
            out[word] = list(dict.fromkeys([*out.get(word, []), *words]))
    return out


def notice_pairs(replaced: dict[str, list[str]], quoted: Sequence[str]) -> str:
    """"抽烟→吸烟；借钱→借款" for the everyday words whose documents' words the quoted sentences hold ('' when
    none): the reader sees why a quote words the question otherwise."""
    text = "".join(quoted)
    pairs = [(word, used) for word, found in replaced.items() if (used := [w for w in found if w in text])]
    return "；".join(f"{word}→{'、'.join(used)}" for word, used in pairs)
