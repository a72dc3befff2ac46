"""Every regular expression over user text, history or documents runs in linear time (issue 6 §1).

Python's `re` backtracks: `(.+?)\\[\\d+\\]` over 40,000 characters without a marker took 15 s and
held the GIL. This test finds every compiled pattern at module level in assistant/ and in the
text modules of index/ and runs it over long runs of each character it names (and of a few
usual ones). A linear pattern scans 10,000 characters in well under a millisecond; the two it
replaced, `(.+?)\[\d+\]` and `(?:[0-9]+|[一二…]+)(?:条|个…)`, took 2.5 s each here (a pattern
anchored by `^` or used only with `match` is no exception: `\d+(\.\d+)*[.．]` in index/split.py
took 37 s over 20,000 digits and is now possessive). A new pattern is audited as soon as it is
added; one built inside a function must be linear by construction.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import assistant

SIZE = 10_000
LIMIT_SECONDS = 0.5
MODULES = [f"assistant.{m.name}" for m in pkgutil.iter_modules(assistant.__path__)] + [
    "index.tokens", "index.split", "index.load"]
COMMON = " \n\ta1.[]。，“蓉"


def patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        found += [(f"{name}.{attr}", value) for attr, value in vars(module).items() if isinstance(value, re.Pattern)]
    return found


def texts(pattern: re.Pattern) -> list[str]:
    """Long runs of every character the pattern names, alone and after a space or a letter."""
    chars = sorted(set(pattern.pattern) | set(COMMON))
    runs = [c * SIZE for c in chars] + [(c + " ") * (SIZE // 2) for c in chars] + [(c + "a") * (SIZE // 2) for c in chars]
    return runs + [pattern.pattern * (SIZE // max(len(pattern.pattern), 1))]


def slowest(pattern: re.Pattern) -> tuple[float, str]:
    """The longest scan over the texts, stopping at the first over the limit."""
    worst = (0.0, "")
    for text in texts(pattern):
        started = time.perf_counter()
        for _ in pattern.finditer(text):  # what search, findall, sub and split do
            pass
        worst = max(worst, (time.perf_counter() - started, text[:12]))
        if worst[0] >= LIMIT_SECONDS:
            break
    return worst


def test_the_audit_finds_the_patterns() -> None:
    names = {name for name, _ in patterns()}
    assert {"assistant.followup._MARKER", "assistant.abstain._NUMBER", "index.split._ZH_END"} <= names


@pytest.mark.parametrize(("name", "pattern"), patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_pattern_is_linear(name: str, pattern: re.Pattern) -> None:
    seconds, sample = slowest(pattern)
    assert seconds < LIMIT_SECONDS, f"{name} took {seconds:.2f} s over {SIZE} characters like {sample!r}"
