"""Skip reasons as Unreadable errors, their texts from prompts/readers.toml."""
from __future__ import annotations

from prompts import render

from .types import Unreadable


def unreadable(code: str, **values: object) -> Unreadable:
    """The Unreadable for skip reason `code` (template `skip_<code>`), filled with exactly its declared variables."""
    return Unreadable(render(f"skip_{code}", **values), code=code)
