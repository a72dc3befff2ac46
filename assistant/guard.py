"""The boundary of `Assistant.run`: what a question and a history must be, and how much of them is read.

Anything a caller can send (a number, None, a string for a history, a list holding None,
a lone UTF-16 surrogate from a broken client) gets an `Answer` with a stable `error` code
and a readable message, never an exception:

- ``bad_question``: the question is not text, or holds a lone surrogate;
- ``bad_history``: the history is not a list of {"role": "user" | "assistant", "content": str}
  messages, or a message holds a lone surrogate;
- ``empty_question`` / ``too_long``: from `questions.check_question`.

The history is read newest first, at most `max_history_turns` messages and
`max_history_chars` characters (the oldest message read may be cut to its beginning);
what lies beyond is neither checked nor read, and a notice says so. The work done here is
linear in what is read, however long the input.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from settings import Settings

from .questions import check_question
from prompts import render
from .types import Answer

ROLES = ("user", "assistant")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # never valid in text: a client that mis-decoded UTF-16
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Checked:
    """A question and history that passed: cleaned, bounded, with the notices to show."""

    question: str
    history: list[dict[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _refusal(code: str, message: str, question: str = "", notices: list[str] | None = None) -> Answer:
    return Answer(question=question, answer=message, abstained=True, error=code, notices=notices or [])


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _surrogate_at(text: str) -> int | None:
    """1-based position of the first lone surrogate in `text`, or None."""
    found = _SURROGATE.search(text)
    return found.start() + 1 if found else None


def english(question: str) -> bool:
    """A question with Latin letters and no Chinese character gets English notices."""
    return not _CJK.search(question) and bool(_LATIN.search(question))


def bound_history(
    history: list | tuple, max_turns: int, max_chars: int
) -> tuple[list[dict[str, str]], bool, Answer | None]:
    """(the newest messages that fit both limits, oldest first; whether any was left out or cut;
    the refusal of a malformed one). Only the messages read are checked: one past the limits is never looked at."""
    kept: list[dict[str, str]] = []
    budget, cut = max_chars, len(history) > max_turns
    for index in range(len(history) - 1, max(len(history) - max_turns, 0) - 1, -1):
        if budget <= 0:
            cut = True
            break
        item = history[index]
        role = item.get("role") if isinstance(item, Mapping) else None
        content = item.get("content") if isinstance(item, Mapping) else None
        if role not in ROLES or not isinstance(content, str):
            return [], cut, _refusal("bad_history", render("bad_history_item", n=index + 1))
        cut = cut or len(content) > budget
        content = content[:budget]
        if _surrogate_at(content) is not None:
            return [], cut, _refusal("bad_history", render("bad_history_text", n=index + 1))
        kept.append({"role": role, "content": content})
        budget -= len(content)
    kept.reverse()
    return kept, cut, None


def check_input(question: object, history: object, settings: Settings) -> Checked | Answer:
    """The cleaned question and bounded history, or the `Answer` refusing them (with its error code)."""
    if not isinstance(question, str):
        return _refusal("bad_question", render("bad_question_type", got=_type_name(question)))
    if (position := _surrogate_at(question)) is not None:
        shown = _SURROGATE.sub("\ufffd", question[:200])
        return _refusal("bad_question", render("bad_question_text", position=position), question=shown)
    if history is None:
        history = []
    if not isinstance(history, (list, tuple)):
        return _refusal("bad_history", render("bad_history_type", got=_type_name(history)), question=question)
    cleaned, refusal, notices = check_question(question, settings.max_question_chars)
    if refusal is not None:
        return _refusal(refusal[0], refusal[1], question=question, notices=notices)
    kept, cut, bad = bound_history(history, settings.max_history_turns, settings.max_history_chars)
    if bad is not None:
        bad.question = question
        return bad
    if cut:
        read = sum(len(m["content"]) for m in kept)
        notices.append(render("history_cut_en" if english(cleaned) else "history_cut", turns=len(kept), chars=read))
    return Checked(question=cleaned, history=kept, notices=notices)
