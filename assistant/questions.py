"""Checks on the raw question before anything is searched: empty, too long, control characters."""
from __future__ import annotations

import re

from prompts import render

# Unicode's control characters (category Cc) but tab, line feed and carriage return: one linear scan.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_question(question: object, limit: int) -> tuple[str, tuple[str, str] | None, list[str]]:
    """(cleaned question, (error code, message) when refused, notices to show)."""
    text = question if isinstance(question, str) else ""
    notices: list[str] = []
    cleaned = _CONTROL.sub("", text)
    if cleaned != text:
        notices.append(render("control_chars_removed"))
    cleaned = cleaned.strip()
    if not cleaned:
        return "", ("empty_question", render("empty_question")), notices
    if len(cleaned) > limit:
        return "", ("too_long", render("too_long", length=len(cleaned), limit=limit)), notices
    return cleaned, None, notices
