"""Splitting the odd documents of issue 6 §6 finishes, in bounded memory (figures: bench/split.py).

The sizes are the reproductions', where the quadratic splitter took minutes (197 s, 122 s,
and more for the semicolons on this machine) and the linear one takes about a second;
the bounds leave a wide margin for a busy machine, so they fail only on a return to
quadratic work, not on a slow run.
"""
from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from index.split import MAX_SENTENCE_CHARS, iter_sentences, split_document
from index.types import SourceDoc

pytestmark = pytest.mark.integration

CLAUSE = "坚持把服务群众作为基层组织的根本任务"  # 18 characters, no punctuation
BOUND_SECONDS = 30.0


def doc(text: str) -> SourceDoc:
    return SourceDoc(path=Path("odd.txt"), name="odd.txt", text=text)


def timed_split(d: SourceDoc) -> tuple[list, float]:
    started = time.perf_counter()
    sentences = split_document(d)
    return sentences, time.perf_counter() - started


def test_a_5_mb_line_without_punctuation() -> None:
    chars = 5_000_000 // 3
    d = doc((CLAUSE * (chars // len(CLAUSE) + 1))[:chars])
    sentences, seconds = timed_split(d)
    assert seconds < BOUND_SECONDS
    assert len(sentences) == -(-chars // MAX_SENTENCE_CHARS)
    assert sentences[-1].end == chars and all(d.text[s.start : s.end] == s.text for s in sentences[::97])


def test_100000_one_line_sentences() -> None:
    d = doc("".join(f"第{i}条规定要认真落实。\n" for i in range(100_000)))
    sentences, seconds = timed_split(d)
    assert seconds < BOUND_SECONDS
    assert len(sentences) == 100_000 and sentences[-1].text == "第99999条规定要认真落实。"
    assert len({s.id for s in sentences}) == 100_000


def test_one_line_of_50000_clauses_joined_by_semicolons() -> None:
    d = doc("".join(f"{CLAUSE}{i}；{CLAUSE}。" for i in range(25_000)))
    sentences, seconds = timed_split(d)
    assert seconds < BOUND_SECONDS
    assert len(sentences) == 50_000 and sentences[0].text.endswith("；")


def test_streaming_the_sentences_keeps_memory_flat() -> None:
    d = doc("".join(f"第{i}条规定要认真落实。\n" for i in range(5_000)))
    assert d.digest  # hashed once, before: the encoded text is not the splitter's memory
    tracemalloc.start()
    count = sum(1 for _ in iter_sentences(d))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 5_000
    assert peak < 500_000  # bytes: about 140 KB here; the 5,000 sentences as a list take 1.7 MB
