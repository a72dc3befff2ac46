"""Keep a conversation on the documents its last answer quoted.

Staff ask on after an answer: "冷静期过了以后还要办什么手续？", "领取它需要满足哪些条件？",
"第四项是什么？". Such a question is about the documents the previous answer quoted, not about
the whole library, where a near-duplicate from another law often ranks first.

- The previous answer's quoted sentences are found again in the index (their text is in the
  history, whichever client sent it), which gives the conversation's documents and articles.
- A question continues the topic when it leans on the previous turn (a pronoun, "那…呢", an
  ordinal: `followup.is_followup`) or shares a distinctive word with it (idf at least
  SHARED_IDF: a word in under about 5 % of the sentences, not "单位" or "规定").
- Such a question is searched within those documents first; the chain searches the whole
  library when they do not answer it.
- "第四项" after an answer from an article picks that item of the article.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.structure import chinese_number
from index.tokens import normalise

from .abstain import content_terms
from .english import is_english
from .followup import ANSWER_CHARS, cited_sentences, is_followup
from .index_view import SearchFilter
from .types import SentenceRecord

QUOTES = 3  # quoted sentences looked up (an answer's first ones carry its topic)
MIN_QUOTE = 6  # characters: shorter quotes ("（二）春节；") match too many sentences
SHARED_IDF = 3.0
MOSTLY = 0.5  # share of the question's idf that may lie only outside the conversation and its documents
_LOOKUP_CHARS = 600
_ITEM = re.compile(r"第\s*([一二三四五六七八九十\d]{1,3})\s*项")
_SPACE = re.compile(r"\s+")
_ASKING = re.compile(r"什么|怎么|如何|哪|吗|呢|多少|几|多长|多久|多大|多高|多远|是否")  # "多长时间" is not a topic


@dataclass(frozen=True)
class Thread:
    """What the previous turn was about: its question and the sentences its answer quoted."""

    topic: str
    quotes: tuple[SentenceRecord, ...]

    @property
    def docs(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(r.doc_id for r in self.quotes))

    def search(self, base: SearchFilter) -> SearchFilter:
        """`base` narrowed to the thread's documents (whichever version was quoted)."""
        return SearchFilter(docs=self.docs, categories=base.categories, date_from=base.date_from,
                            date_to=base.date_to, all_versions=True, exclude_docs=base.exclude_docs)


def previous_turn(history: Sequence[dict]) -> tuple[str, str]:
    """The last user question and the answer given to it (empty strings when there is none)."""
    question, answer = "", ""
    for turn in history:
        content = str(turn.get("content") or "")
        if turn.get("role") == "user" and content.strip():
            question, answer = content, ""
        elif turn.get("role") == "assistant":
            answer = content[:ANSWER_CHARS]
    return question, answer


def _bare(text: str) -> str:
    return _SPACE.sub("", normalise(text))


class Conversation:
    """Finds a conversation's thread in the index; shared by all questions, holds no per-question state."""

    def __init__(self, retrieve: Callable[[str, SearchFilter], list], idf: Callable[[str], float],
                 places: Callable[[], frozenset[str]] = frozenset, text: Callable[[int], str] = lambda doc: ""):
        self.retrieve, self.idf, self.places = retrieve, idf, places
        self.document_text = lru_cache(maxsize=16)(lambda doc: normalise(text(doc)).lower())

    def forget(self) -> None:
        """Drop the documents' texts read so far (the index changed)."""
        self.document_text.cache_clear()

    def thread(self, history: Sequence[dict]) -> Thread | None:
        """The previous turn's question and its quoted sentences as indexed, or None when none are found."""
        topic, answer = previous_turn(history)
        quotes = [_bare(q) for q in cited_sentences(answer)[:QUOTES]]
        quotes = [q for q in quotes if len(q) >= MIN_QUOTE]
        if not quotes:
            return None
        hits = self.retrieve(" ".join(quotes)[:_LOOKUP_CHARS], SearchFilter(all_versions=True))
        found: dict[str, SentenceRecord] = {}
        for quote in quotes:
            for hit in hits:
                text = _bare(hit.record.text)
                if len(text) >= MIN_QUOTE and (text in quote or quote in text):
                    found.setdefault(hit.record.id, hit.record)
                    break
        return Thread(topic, tuple(found.values())) if found else None

    def continues(self, question: str, thread: Thread) -> bool:
        """Whether the question goes on with the thread's topic (see the module's docstring).

        Never when it names a place the thread's documents are not for ("那北京呢？" after Shanghai's
        rules), nor when most of its distinctive weight (idf) lies in words that the library holds but
        neither the conversation nor the thread's documents do ("停工留薪期…" after 社会保险法)."""
        text = normalise(question)
        titles = " ".join(r.title for r in thread.quotes)
        if any(place in text and place not in titles for place in self.places()):
            return False
        said = normalise(" ".join([thread.topic, *(r.text for r in thread.quotes)])).lower()
        weights = {t: self.idf(t) for t in content_terms(question) if not _ASKING.search(t)}
        leans = is_followup(question) or "它" in question
        if not (leans or any(t in said and w >= SHARED_IDF for t, w in weights.items())):
            return False
        unheard = self.idf("\x00")  # the idf of a word the library does not hold
        texts = [said, *(self.document_text(d) for d in thread.docs)]
        here = {t for t in weights if any(t in x for x in texts)}
        elsewhere = sum(w for t, w in weights.items() if t not in here and w < unheard)
        return elsewhere <= MOSTLY * (elsewhere + sum(weights[t] for t in here))

    @staticmethod
    def fresh(question: str, thread: Thread, hits: list) -> list:
        """`hits` without the sentences the previous answer quoted, unless they hold a word of this question:
        "那参加抢险救灾受了伤呢？" asks for another item than the one just quoted."""
        quoted = {r.id for r in thread.quotes}
        terms = content_terms(question)
        if is_english(question) or not terms:
            return hits
        return [h for h in hits if h.record.id not in quoted or any(t in normalise(h.record.text) for t in terms)]

    @staticmethod
    def item(question: str, thread: Thread) -> tuple[SentenceRecord, int] | None:
        """For "第四项是什么？": the quoted sentence whose article holds the item, and the item's number."""
        m = _ITEM.search(normalise(question))
        if not m:
            return None
        n = chinese_number(m.group(1))
        anchor = next((r for r in thread.quotes if r.article_no), None)
        return (anchor, n) if anchor is not None and n else None
