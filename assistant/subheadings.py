"""Sub-headings about a topic: "文章里涉及人才工作的几个小标题分别是什么？", "干部工作在各部分里以什么为题？".

A policy document's parts ("一、…") open paragraphs with a short line that names what the paragraph does
("突出政治素质加强干部选育管用。", followed by the measures): those lines are its sub-headings. A question about a
topic's sub-headings is answered, in each part, by the sub-heading nearest to the question; a part whose nearest lies
well below the best part's is left out. A question that names no topic ("文章的小标题有哪些？") gets all of them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .types import SentenceRecord

SUB_CHARS = 24  # a paragraph's first sentence at most this long, with more after it, names the paragraph
MARGIN = 0.02  # a part's nearest sub-heading this far below the best part's is about something else
ASKS = re.compile(r"小标题|为题|(?:标题|题目)(?:分别|各)?(?:是|有|叫)|\bsub-?headings?\b", re.I)
# the words of such a question that name no topic: the document, its parts, the asking
_NOT_TOPIC = re.compile(r"文章|本文|全文|原文|这篇|文件|文中|涉及|关于|有关|分别|各自|各|每|部分|小标题|标题|题目|为题|"
                        r"什么|哪些|哪几|几个|几|都|展开|内容|里|中|的|是|有|以|和|与|及|个|"
                        r"[一二三四五六七八九十两]|[^\u4e00-\u9fff]")


def asks(question: str) -> bool:
    return ASKS.search(question) is not None


_EN_NOT_TOPIC = frozenset("what which are is the a an of on in about to do does list all each every part parts section "
                          "sections heading headings subheading subheadings sub-heading sub-headings title titles "
                          "article document text its their there how many".split())


def names_topic(question: str) -> bool:
    """Does the question say what the sub-headings should be about ("涉及人才工作的", "about talent")?"""
    if question.isascii():
        return any(len(w) > 2 and w not in _EN_NOT_TOPIC for w in re.findall(r"[a-z-]+", question.lower()))
    return len(_NOT_TOPIC.sub("", question)) >= 2


def subheadings(rows: Sequence[SentenceRecord]) -> list[SentenceRecord]:
    """The document's paragraph-opening short lines under a heading (outside articles: a law's article opens
    with its rule, not a name)."""
    out = []
    for i, r in enumerate(rows):
        before = rows[i - 1] if i else None
        after = rows[i + 1] if i + 1 < len(rows) else None
        if r.heading or r.article_no or not r.section or len(r.text) > SUB_CHARS:
            continue
        if after is not None and after.paragraph == r.paragraph and (before is None or before.paragraph != r.paragraph):
            out.append(r)
    return out


def choose(question: str, subs: Sequence[SentenceRecord], cosines: np.ndarray) -> list[SentenceRecord]:
    """The sub-headings that answer: each part's nearest when the question names a topic, else all."""
    if not names_topic(question):
        return list(subs)
    best: dict[str, int] = {}
    for i, r in enumerate(subs):
        if r.section not in best or cosines[i] > cosines[best[r.section]]:
            best[r.section] = i
    if not best:
        return []
    top = max(float(cosines[i]) for i in best.values())
    return [subs[i] for i in sorted(best.values()) if cosines[i] >= top - MARGIN]
