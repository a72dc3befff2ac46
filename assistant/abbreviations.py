"""Place names written by their abbreviations: 香港 and 澳门 in "蓉港澳", 河北 in "京津冀"."""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "place_abbreviations.txt"


@cache
def abbreviations() -> dict[str, str]:
    pairs = (line.split() for line in TABLE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {name: short for name, short in pairs}


def mentioned_as_abbreviation(name: str, known: Callable[[str], bool]) -> bool:
    """Whether the documents write `name` as its abbreviation beside another one ("港澳", "京津")."""
    short = abbreviations().get(name)
    if short is None:
        return False
    others = {s for s in abbreviations().values() if s != short}
    return any(known(short + o) or known(o + short) for o in others)
