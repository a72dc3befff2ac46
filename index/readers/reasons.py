"""Skip reasons as Unreadable errors, their texts from prompts/readers.toml (kept below assistant/: no import up)."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from .types import Unreadable

READERS_TOML = Path(__file__).resolve().parents[2] / "prompts" / "readers.toml"


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict]:
    with READERS_TOML.open("rb") as fh:
        return tomllib.load(fh)


def unreadable(code: str, **values: object) -> Unreadable:
    """The Unreadable for skip reason `code` (template `skip_<code>`), filled with exactly its declared variables."""
    entry = _templates()[f"skip_{code}"]
    declared = set(entry.get("variables", []))
    if set(values) != declared:
        raise KeyError(f"skip_{code} takes {sorted(declared)}, got {sorted(values)}")
    return Unreadable(entry["template"].format(**values), code=code)
