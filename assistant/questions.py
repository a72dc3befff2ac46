"""Checks on the raw question before anything is searched: empty, too long, control characters."""
from __future__ import annotations

import unicodedata

from prompts import render


def check_question(question: object, limit: int) -> tuple[str, tuple[str, str] | None, list[str]]:
    """(cleaned question, (error code, message) when refused, notices to show)."""
    text = question if isinstance(question, str) else ""
    notices: list[str] = []
    keep = "\t\n\r"
    cleaned = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in keep)
    if cleaned != text:
        notices.append(render("control_chars_removed"))
    cleaned = cleaned.strip()
    if not cleaned:
        return "", ("empty_question", render("empty_question")), notices
    if len(cleaned) > limit:
        return "", ("too_long", render("too_long", length=len(cleaned), limit=limit)), notices
    return cleaned, None, notices
